package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.local.stack.QueueDrainer.Delivery;
import io.dsgluesync.local.stack.QueueDrainer.Outcome;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local event source in {@link DeliveryMode#AWS} mode over the real peers (moto, the three jars under the
 * Runtime Interface Emulator, the simulator): failed records wait out SQS's visibility timeout, an invocation past
 * the function's Timeout is killed and its records come back, the receive count grows with each delivery, and a
 * record that never succeeds is moved to the dead-letter queue by SQS's redrive. The tests shorten the queues'
 * visibility timeouts and the functions' Timeouts together, keeping the timeout no longer than the visibility
 * timeout as Lambda demands. Ordered: each sync starts from what the previous one left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliverySemanticsTest {
    /** How much earlier than the visibility timeout a redelivery may be seen: receive calls take a moment. */
    private static final Duration CLOCK_SLACK = Duration.ofMillis(250);
    private static TestStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.start("delivery-semantics", SimulatorOptions.defaults());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static void visibilityTimeout(String queueUrl, Duration timeout) {
        stack.aws.sqs().setQueueAttributes(r -> r.queueUrl(queueUrl).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(timeout.toSeconds()))));
    }

    private static void workerQueuesVisibilityTimeout(Duration timeout) {
        visibilityTimeout(stack.endpoints.resources().assetQueueUrl(), timeout);
        visibilityTimeout(stack.endpoints.resources().priorityQueueUrl(), timeout);
    }

    /**
     * A runner in AWS mode with the worker's Timeout shortened. The worker returns records untouched when less time
     * is left than one asset may need (WORKER_TIME_RESERVE_SECONDS, 40 s by default), so the reserve is shortened too.
     */
    private static SyncRunner awsWithWorkerTimeout(Duration timeout) {
        return stack.runner().withDeliveryMode(DeliveryMode.AWS).withFunctionTimeout("WorkerFunction", timeout)
                .withEnvironment("WorkerFunction", Map.of("WORKER_TIME_RESERVE_SECONDS", "1"));
    }

    /** Deliveries per message id, in the order they happened. */
    private static Map<String, List<Delivery>> byMessage(List<Delivery> deliveries) {
        return deliveries.stream().collect(Collectors.groupingBy(Delivery::messageId, LinkedHashMap::new,
                Collectors.toList()));
    }

    /** The worker's log lines (Powertools JSON) about one SQS message. */
    private static List<JsonNode> workerLog(String messageId) throws IOException {
        return Files.readAllLines(stack.logDir.resolve("WorkerFunction.log")).stream()
                .filter(line -> line.startsWith("{") && line.contains(messageId))
                .map(DeliverySemanticsTest::json)
                .filter(node -> messageId.equals(node.path("correlation_id").asText()))
                .toList();
    }

    /** Once the worker has fetched its first {@code $metadata}, {@code fault} switches on. */
    private static Thread afterFirstMetadataRequest(Runnable fault) {
        long before = stack.simulator.stats().metadataRequests();
        Thread thread = new Thread(() -> {
            try {
                while (stack.simulator.stats().metadataRequests() == before) {
                    Thread.sleep(2);
                }
                fault.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        thread.start();
        return thread;
    }

    @Test
    @Order(1)
    void eachFunctionsTimeoutComesFromTheTemplate() throws Exception {
        SamTemplate template = SamTemplate.read(stack.paths.template());
        Map<String, String> ids = stack.endpoints.physicalIds();
        assertEquals(Duration.ofSeconds(300), template.function("DiscoveryFunction", ids).timeout());
        assertEquals(Duration.ofSeconds(120), template.function("WorkerFunction", ids).timeout());
        assertEquals(Duration.ofSeconds(30), template.function("ResultsFunction", ids).timeout());
    }

    @Test
    @Order(2)
    void anEventSourceWhoseQueueHidesRecordsForLessThanTheFunctionTimeoutIsRefusedAsLambdaRefusesIt()
            throws Exception {
        SamTemplate template = SamTemplate.read(stack.paths.template());
        try (LambdaEmulator worker = stack.runner().start(template, "WorkerFunction", stack.endpoints.physicalIds())) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new QueueDrainer(
                    stack.aws.sqs(), stack.endpoints.resources().assetQueueUrl(), worker, LocalAws.REGION,
                    DeliveryMode.AWS, delivery -> { }));
            assertTrue(refused.getMessage().startsWith(
                    "Queue visibility timeout: 30 seconds is less than Function timeout: 120 seconds"),
                    refused.getMessage());
            // The fast mode has no such rule: it never waits for the visibility timeout.
            new QueueDrainer(stack.aws.sqs(), stack.endpoints.resources().assetQueueUrl(), worker, LocalAws.REGION);
        }
    }

    @Test
    @Order(3)
    void aRecordReportedAsFailedComesBackOnlyAfterTheVisibilityTimeoutWithAHigherReceiveCountAndThenSucceeds()
            throws Exception {
        Duration visibility = Duration.ofSeconds(8);
        workerQueuesVisibilityTimeout(visibility);
        // Datasphere answers 503 five times in a row: more than the client's 4 attempts, so one asset is reported in
        // batchItemFailures and the others of its batch are deleted.
        Thread outage = afterFirstMetadataRequest(() -> stack.simulator.faults().failNext(5, 503));
        SyncReport report = awsWithWorkerTimeout(visibility).run();
        outage.join(1_000);

        assertEquals("COMPLETE", report.summary().get("status"), report.summary().toString());
        assertEquals("10", report.summary().get("processed"));
        assertEquals("0", report.summary().get("failed"));
        assertEquals(0, report.workerDrain().timedOutInvocations());
        List<List<Delivery>> retried = byMessage(report.workerDrain().deliveries()).values().stream()
                .filter(d -> d.size() > 1).toList();
        assertEquals(1, retried.size(), "exactly one record went back to the queue: " + retried);
        List<Delivery> deliveries = retried.get(0);
        assertEquals(2, deliveries.size());
        Delivery first = deliveries.get(0);
        Delivery second = deliveries.get(1);
        assertEquals(Outcome.FAILED, first.outcome());
        assertEquals(1, first.receiveCount());
        assertEquals(Outcome.SUCCEEDED, second.outcome());
        assertEquals(2, second.receiveCount(), "the event carried ApproximateReceiveCount 2");
        Duration hidden = Duration.between(first.receivedAt(), second.receivedAt());
        assertTrue(hidden.compareTo(visibility.minus(CLOCK_SLACK)) >= 0,
                "the record came back after " + hidden.toMillis() + " ms, before the visibility timeout");

        List<JsonNode> log = workerLog(first.messageId());
        assertEquals("asset will be retried", log.get(0).path("message").asText());
        assertEquals(1, log.get(0).path("receiveCount").asInt());
        assertEquals("asset synced", log.get(log.size() - 1).path("message").asText());
        List<JsonNode> sourceLog = Files.readAllLines(stack.logDir.resolve("EventSource.log")).stream()
                .map(DeliverySemanticsTest::json).filter(n -> first.messageId().equals(n.path("messageId").asText()))
                .toList();
        assertEquals(List.of(1, 2), sourceLog.stream().map(n -> n.path("approximateReceiveCount").asInt()).toList());
        assertEquals(List.of("FAILED", "SUCCEEDED"), sourceLog.stream().map(n -> n.path("outcome").asText()).toList());
    }

    @Test
    @Order(4)
    void anInvocationPastTheFunctionTimeoutIsKilledAndAllItsRecordsComeBackToARestartedFunction() throws Exception {
        Duration timeout = Duration.ofSeconds(8);
        workerQueuesVisibilityTimeout(timeout);
        stack.simulator.faults().clear();
        // The worker's second Datasphere request takes 20 s: the invocation cannot finish within its 8 s.
        Thread slow = afterFirstMetadataRequest(() -> stack.simulator.faults().latency(Duration.ofSeconds(20)));
        SyncReport report = awsWithWorkerTimeout(timeout)
                .onDelivery(delivery -> {
                    if (delivery.outcome() == Outcome.TIMED_OUT) {
                        stack.simulator.faults().clear();
                    }
                }).run();
        slow.join(1_000);

        assertEquals(1, report.workerDrain().timedOutInvocations(), report.workerDrain().toString());
        List<Delivery> killed = report.workerDrain().deliveries().stream()
                .filter(d -> d.outcome() == Outcome.TIMED_OUT).toList();
        assertFalse(killed.isEmpty());
        Duration ran = killed.get(0).invocation();
        assertTrue(ran.compareTo(timeout) >= 0 && ran.compareTo(timeout.plusSeconds(4)) < 0,
                "killed at the timeout, not when the slow request ended: " + ran);
        Map<String, List<Delivery>> byMessage = byMessage(report.workerDrain().deliveries());
        for (Delivery first : killed) {
            List<Delivery> all = byMessage.get(first.messageId());
            assertEquals(2, all.size(), "delivered again: " + all);
            assertEquals(1, first.receiveCount());
            assertEquals(2, all.get(1).receiveCount());
            assertEquals(Outcome.SUCCEEDED, all.get(1).outcome());
            assertTrue(Duration.between(first.receivedAt(), all.get(1).receivedAt())
                    .compareTo(timeout.minus(CLOCK_SLACK)) >= 0, "not before its visibility timeout: " + all);
        }
        // Records the killed invocation had already synced are synced again; the results count each asset once.
        assertEquals("COMPLETE", report.summary().get("status"), report.summary().toString());
        assertEquals("10", report.summary().get("processed"));
        assertEquals("0", report.summary().get("failed"));
        String workerLog = Files.readString(stack.logDir.resolve("WorkerFunction.log"));
        assertTrue(workerLog.contains("WorkerFunction: the invocation timed out after 8 s; execution environment"
                + " reset"), "the reset is in the function's log");
    }

    @Test
    @Order(5)
    void aMessageThatAlwaysFailsIsMovedToTheDeadLetterQueueBySqsAfterMaxReceiveCountReceives() throws Exception {
        String queue = stack.endpoints.resources().resultsQueueUrl();
        String dlq = stack.endpoints.resources().resultsDlqUrl();
        Duration timeout = Duration.ofSeconds(4);
        visibilityTimeout(queue, timeout);
        String policy = stack.aws.sqs().getQueueAttributes(r -> r.queueUrl(queue)
                .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes().get(QueueAttributeName.REDRIVE_POLICY);
        JsonNode redrive = JsonCodec.mapper().readTree(policy);
        int maxReceiveCount = redrive.path("maxReceiveCount").asInt();
        assertEquals(5, maxReceiveCount, "as template.yaml's RedrivePolicy");
        String poison = "{\"type\": \"no such results message\", \"runId\": \"poison\"}";
        String id = stack.aws.sqs().sendMessage(r -> r.queueUrl(queue).messageBody(poison)).messageId();

        SyncRunner runner = stack.runner().withDeliveryMode(DeliveryMode.AWS)
                .withFunctionTimeout("ResultsFunction", timeout);
        QueueDrainer.Drained drained;
        try (LambdaEmulator results = runner.start(SamTemplate.read(stack.paths.template()), "ResultsFunction",
                stack.endpoints.physicalIds())) {
            drained = runner.drainer(stack.aws, queue, results).drain(Duration.ofMinutes(3));
        }

        List<Delivery> deliveries = byMessage(drained.deliveries()).get(id);
        assertEquals(List.of(1, 2, 3, 4, 5), deliveries.stream().map(Delivery::receiveCount).toList());
        assertTrue(deliveries.stream().noneMatch(d -> d.outcome() == Outcome.SUCCEEDED), deliveries.toString());
        for (int i = 1; i < deliveries.size(); i++) {
            assertTrue(Duration.between(deliveries.get(i - 1).receivedAt(), deliveries.get(i).receivedAt())
                    .compareTo(timeout.minus(CLOCK_SLACK)) >= 0, "each came back after its visibility timeout");
        }
        List<Message> dead = stack.aws.sqs().receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10)
                .waitTimeSeconds(1)).messages();
        assertEquals(List.of(poison), dead.stream().map(Message::body).toList());
        assertEquals(id, dead.get(0).messageId());
    }

    private static JsonNode json(String line) {
        try {
            return JsonCodec.mapper().readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(line, e);
        }
    }
}
