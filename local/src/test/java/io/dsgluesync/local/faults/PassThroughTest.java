package io.dsgluesync.local.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.sqs.model.Message;

/** Without rules the proxy is invisible: signed SDK requests of every service the functions use work through it. */
class PassThroughTest {
    private static MotoBehindProxy stack;

    @BeforeAll
    static void start() throws Exception {
        stack = MotoBehindProxy.start("faults-pass-through");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @AfterEach
    void reset() {
        stack.reset();
    }

    @Test
    void aGlueDatabaseAndTableAreCreatedAndReadBack() {
        stack.proxied.glue().createDatabase(r -> r.databaseInput(d -> d.name("sales")));
        stack.proxied.glue().createTable(r -> r.databaseName("sales").tableInput(t -> t.name("orders")
                .storageDescriptor(s -> s.columns(Column.builder().name("id").type("bigint").build()))));

        assertEquals("bigint", stack.proxied.glue().getTable(r -> r.databaseName("sales").name("orders")).table()
                .storageDescriptor().columns().get(0).type());
        assertEquals("orders", stack.direct.glue().getTable(r -> r.databaseName("sales").name("orders")).table()
                .name(), "moto holds what went through the proxy");
        assertEquals(Map.of("glue.CreateDatabase", 1L, "glue.CreateTable", 1L, "glue.GetTable", 1L),
                stack.proxy.stats().forwardedByCall());
        assertEquals(0, stack.proxy.stats().injected());
    }

    @Test
    void aDynamoDbItemIsPutAndReadBack() {
        stack.createKeyTable("items");

        stack.proxied.dynamo().putItem(r -> r.tableName("items").item(Map.of("pk", AttributeValue.fromS("a"),
                "n", AttributeValue.fromN("7"))));

        assertEquals("7", stack.proxied.dynamo().getItem(r -> r.tableName("items")
                .key(Map.of("pk", AttributeValue.fromS("a")))).item().get("n").n());
        assertEquals(1, stack.proxy.stats().forwarded("dynamodb", "PutItem"));
        assertEquals(1, stack.proxy.stats().forwarded("dynamodb", "GetItem"));
    }

    @Test
    void anSqsMessageIsSentAndReceivedAndTheQueueUrlPointsAtTheProxy() {
        String queueUrl = stack.proxied.sqs().createQueue(r -> r.queueName("assets")).queueUrl();
        stack.proxied.sqs().sendMessage(r -> r.queueUrl(queueUrl).messageBody("{\"asset\":\"A\"}"));

        List<Message> received = stack.proxied.sqs().receiveMessage(r -> r.queueUrl(queueUrl)
                .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();

        assertEquals(List.of("{\"asset\":\"A\"}"), received.stream().map(Message::body).toList());
        assertTrue(queueUrl.startsWith(stack.proxy.endpoint().toString()),
                "moto builds the URL from the Host the client signed, which the proxy keeps: " + queueUrl);
        assertEquals(1, stack.proxy.stats().forwarded("sqs", "SendMessage"));
        assertEquals(1, stack.proxy.stats().forwarded("sqs", "ReceiveMessage"));
    }

    @Test
    void s3ObjectsArePutHeadedAndReadBack() {
        byte[] content = "{\"rules\":[]}".getBytes(StandardCharsets.UTF_8);
        stack.proxied.s3().createBucket(r -> r.bucket("rules"));
        stack.proxied.s3().putObject(r -> r.bucket("rules").key("sync rules.json"), RequestBody.fromBytes(content));

        assertEquals(content.length, stack.proxied.s3().headObject(r -> r.bucket("rules").key("sync rules.json"))
                .contentLength());
        assertEquals(new String(content, StandardCharsets.UTF_8), stack.proxied.s3()
                .getObjectAsBytes(r -> r.bucket("rules").key("sync rules.json")).asUtf8String());
        assertEquals(4, stack.proxy.stats().forwarded("s3"), "REST calls are counted by service only");
    }

    @Test
    void aDelayedCallArrivesLateAndUnchanged() {
        stack.proxied.glue().createDatabase(r -> r.databaseInput(d -> d.name("slow")));
        stack.proxy.rules().add(FaultRule.nextN("glue", "GetDatabase", Fault.delay(Duration.ofMillis(400)), 1));

        long start = System.nanoTime();
        String name = stack.proxied.glue().getDatabase(r -> r.name("slow")).database().name();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals("slow", name);
        assertTrue(took.compareTo(Duration.ofMillis(400)) >= 0, "took " + took);
        assertEquals(1, stack.proxy.stats().injected("glue", "GetDatabase"));
        assertEquals(1, stack.proxy.stats().forwarded("glue", "GetDatabase"));
    }
}
