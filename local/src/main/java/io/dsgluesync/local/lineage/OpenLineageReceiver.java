package io.dsgluesync.local.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local OpenLineage HTTP endpoint (what Marquez serves, https://openlineage.io/docs/client/java/configuration):
 * {@code POST /api/v1/lineage} with one event as JSON. Each event is validated against the OpenLineage JSON schema
 * ({@link OpenLineageSchema}): an invalid one is answered 400 with the validation messages, a valid one 201 and kept
 * for tests ({@link #events()}).
 */
public final class OpenLineageReceiver implements AutoCloseable {
    public static final String PATH = "/api/v1/lineage";
    private static final Logger LOG = LoggerFactory.getLogger(OpenLineageReceiver.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final OpenLineageSchema schema = new OpenLineageSchema();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<List<String>> rejected = new CopyOnWriteArrayList<>();

    private OpenLineageReceiver(HttpServer server) {
        this.server = server;
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "openlineage-receiver");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Binds 127.0.0.1 on a free port and starts serving. */
    public static OpenLineageReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        OpenLineageReceiver receiver = new OpenLineageReceiver(server);
        server.start();
        LOG.info("OpenLineage receiver on {}{}", receiver.url(), PATH);
        return receiver;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234} (the client's {@code url}; {@link #PATH} is its endpoint). */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The valid events received, in order. */
    public List<JsonNode> events() {
        return List.copyOf(events);
    }

    /** The validation messages of each rejected event, in order. */
    public List<List<String>> rejected() {
        return List.copyOf(rejected);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                respond(exchange, 404, problems(List.of("no such endpoint: " + exchange.getRequestURI().getPath())));
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "POST");
                respond(exchange, 405, problems(List.of("POST only")));
                return;
            }
            JsonNode event;
            try (InputStream body = body(exchange)) {
                event = JSON.readTree(body);
            } catch (IOException e) {
                rejected.add(List.of("not JSON: " + e.getMessage()));
                respond(exchange, 400, problems(List.of("not JSON: " + e.getMessage())));
                return;
            }
            List<String> problems = event == null || !event.isObject() ? List.of("not a JSON object")
                    : schema.validate(event);
            if (problems.isEmpty()) {
                events.add(event);
                respond(exchange, 201, JSON.createObjectNode());
            } else {
                LOG.warn("invalid OpenLineage event: {}", problems);
                rejected.add(problems);
                respond(exchange, 400, problems(problems));
            }
        }
    }

    /** The OpenLineage HTTP transport may gzip the body ({@code compression: gzip}). */
    private static InputStream body(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        return "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                ? new GZIPInputStream(in) : in;
    }

    private static ObjectNode problems(List<String> messages) {
        ObjectNode body = JSON.createObjectNode();
        messages.forEach(body.putArray("errors")::add);
        return body;
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
