package io.dsgluesync.local.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dsgluesync.local.stack.LocalAws;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What reaches the server behind the proxy, checked against a recording server instead of moto: the signed SDK
 * request byte for byte (Host included), and what SDK 2.57 sends per service.
 */
class ForwardingTest {
    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private HttpServer recorder;
    private AwsFaultProxy proxy;

    /** A request as the recording server received it. */
    private record Recorded(String method, String target, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue())).findFirst().orElse("");
        }
    }

    /** A request as the SDK signed it, just before its HTTP client sent it. */
    private record Sent(SdkHttpRequest request, byte[] body) {
    }

    @BeforeEach
    void start() throws IOException {
        recorder = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        recorder.createContext("/", this::record);
        recorder.start();
        proxy = AwsFaultProxy.start(recorder.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        proxy.close();
        recorder.stop(0);
    }

    @Test
    void aSignedRequestReachesTheServerWithItsHeadersHostAndBodyUnchanged() {
        try (GlueClient glue = client(GlueClient.builder())) {
            glue.createDatabase(r -> r.databaseInput(d -> d.name("sales")));
        }

        Sent signed = sent.get(0);
        Recorded received = recorded.get(0);
        assertEquals(signed.request().method().name(), received.method());
        assertEquals(signed.request().encodedPath(), received.target());
        signed.request().headers().forEach((name, values) ->
                assertEquals(String.join(",", values), received.header(name), name));
        assertEquals("127.0.0.1:" + proxy.port(), received.header("Host"), "the host the SDK signed");
        assertArrayEquals(signed.body(), received.body());
    }

    @Test
    void theSdkNamesServiceAndOperationInTheCredentialScopeAndXAmzTarget() {
        try (GlueClient glue = client(GlueClient.builder());
             DynamoDbClient dynamo = client(DynamoDbClient.builder());
             SqsClient sqs = client(SqsClient.builder())) {
            glue.createTable(r -> r.databaseName("sales").tableInput(t -> t.name("orders")));
            dynamo.getItem(r -> r.tableName("audit").key(Map.of("pk", AttributeValue.fromS("a"))));
            sqs.listQueues(r -> r.queueNamePrefix("dsgs"));
        }

        assertEquals(List.of("AWSGlue.CreateTable", "DynamoDB_20120810.GetItem", "AmazonSQS.ListQueues"),
                recorded.stream().map(r -> r.header("X-Amz-Target")).toList());
        assertEquals(List.of("application/x-amz-json-1.1", "application/x-amz-json-1.0",
                "application/x-amz-json-1.0"), recorded.stream().map(r -> r.header("Content-Type")).toList());
        assertEquals(List.of("/glue/", "/dynamodb/", "/sqs/"), recorded.stream().map(r -> {
            String authorization = r.header("Authorization");
            return authorization.substring(authorization.indexOf("/" + LocalAws.REGION + "/")
                    + LocalAws.REGION.length() + 1, authorization.indexOf("aws4_request"));
        }).toList());
        assertEquals(Map.of("glue.CreateTable", 1L, "dynamodb.GetItem", 1L, "sqs.ListQueues", 1L),
                proxy.stats().forwardedByCall());
    }

    @Test
    void theServersAnswerReachesTheClientUnchanged() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(proxy.endpoint() + "/chunked?x=%2F"))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(proxy.endpoint() + "/object"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, get.statusCode());
        assertEquals("GET /chunked?x=%2F", get.body(), "a chunked answer, target still percent-encoded");
        assertEquals("abc", get.headers().firstValue("x-amzn-RequestId").orElseThrow());
        assertEquals("42", head.headers().firstValue("Content-Length").orElseThrow(), "HEAD keeps the object's size");
        assertTrue(head.body().isEmpty());
    }

    private void record(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        recorded.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                Map.copyOf(exchange.getRequestHeaders()), body));
        exchange.getResponseHeaders().set("x-amzn-RequestId", "abc");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", "42");
            exchange.sendResponseHeaders(200, -1);
        } else if (exchange.getRequestURI().getPath().equals("/chunked")) {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(("GET " + recorded.get(recorded.size() - 1).target()).getBytes(StandardCharsets.UTF_8));
            }
        } else {
            byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type",
                    exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.sendResponseHeaders(200, empty.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(empty);
            }
        }
        exchange.close();
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        ExecutionInterceptor spy = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                byte[] body = context.requestBody().map(b -> {
                    try (InputStream in = b.contentStreamProvider().newStream()) {
                        return in.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).orElse(new byte[0]);
                sent.add(new Sent(context.httpRequest(), body));
            }
        };
        return builder.endpointOverride(proxy.endpoint()).region(Region.of(LocalAws.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(spy)).build();
    }
}
