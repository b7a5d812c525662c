package io.dsgluesync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.audit.AuditRecord;
import io.dsgluesync.datasphere.ClientCredentials;
import io.dsgluesync.datasphere.DatasphereConnection;
import io.dsgluesync.datasphere.DatasphereSettings;
import io.dsgluesync.glue.CallCounter;
import io.dsgluesync.mapping.MappingSettings;
import io.dsgluesync.mapping.TableLocation;
import io.dsgluesync.model.AssetKind;
import io.dsgluesync.model.AssetMessage;
import io.dsgluesync.model.AssetMessages;
import io.dsgluesync.model.JsonCodec;
import io.dsgluesync.queue.QueuePublisher;
import io.dsgluesync.rules.SyncRules;
import io.dsgluesync.sync.AssetSync;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/** The worker's promises per record: nothing unrecorded on the last attempt, nothing lost to the timeout. */
class WorkerHandlerTest {
    private final List<String> sent = new ArrayList<>();
    private final QueuePublisher publisher = new QueuePublisher(null) {
        @Override
        public void send(String queueUrl, String body) {
            sent.add(body);
        }
    };

    @Test
    void anErrorOnTheLastAttemptBecomesAFailedRecordNamingTheAsset() throws Exception {
        AssetRecordHandler handler = handler(new StackOverflowError());

        assertTrue(handler.handle(message("m1", 3)), "done with: the asset is accounted for");

        JsonNode record = JsonCodec.mapper().readTree(sent.get(0));
        assertEquals("FAILED", record.get("action").asText());
        assertEquals("Unexpected", record.get("errorClass").asText());
        assertTrue(record.get("error").asText().startsWith("asset SPACE_A/ORDERS: unexpected "
                + "java.lang.StackOverflowError"), record.toString());
    }

    @Test
    void anUntranslatedExceptionOnTheLastAttemptIsRecordedToo() throws Exception {
        AssetRecordHandler handler = handler(new IllegalStateException("StsException: role cannot be assumed"));

        assertTrue(handler.handle(message("m1", 5)));

        assertTrue(JsonCodec.mapper().readTree(sent.get(0)).get("error").asText()
                .contains("role cannot be assumed"));
    }

    @Test
    void anErrorBeforeTheLastAttemptIsRetriedAndTheOtherRecordsOfTheBatchAreSynced() {
        AssetRecordHandler failing = handler(new OutOfMemoryError("Java heap space"));
        List<String> handled = new ArrayList<>();
        WorkerHandler worker = new WorkerHandler(m -> {
            handled.add(m.getMessageId());
            return !m.getMessageId().equals("bad") || failing.handle(m);
        }, Duration.ofSeconds(1));

        SQSBatchResponse response = worker.handleRequest(event(message("ok1", 1), message("bad", 1),
                message("ok2", 1)), new FakeContext(new AtomicLong(60_000), 0));

        assertEquals(List.of("ok1", "bad", "ok2"), handled);
        assertEquals(List.of("bad"), ids(response));
        assertTrue(sent.isEmpty(), "no audit record before the last attempt");
    }

    @Test
    void whenTheTimeLeftIsShortTheRemainingRecordsAreReturnedUntouched() {
        List<String> handled = new ArrayList<>();
        AtomicLong remaining = new AtomicLong(100_000);
        WorkerHandler worker = new WorkerHandler(m -> {
            handled.add(m.getMessageId());
            return true;
        }, Duration.ofSeconds(40));

        // Each record takes 25 s of the 100 s left: after two, 50 s remain, then 25 s (< 40 s reserve).
        SQSBatchResponse response = worker.handleRequest(event(message("a", 1), message("b", 1), message("c", 1),
                message("d", 1)), new FakeContext(remaining, 25_000));

        assertEquals(List.of("a", "b", "c"), handled);
        assertEquals(List.of("d"), ids(response));
    }

    private AssetRecordHandler handler(Throwable thrown) {
        Map<String, String> env = Map.of("DATASPHERE_URL", "https://t.example", "DATASPHERE_TOKEN_URL",
                "https://t.example/oauth/token");
        AssetSync sync = new AssetSync(DatasphereConnection.open(DatasphereSettings.fromEnvironment(env),
                () -> new ClientCredentials("c", "s")), List.of(), new CallCounter(),
                new MappingSettings("datasphere_", TableLocation.defaultTemplate("data"), "t.example"),
                SyncRules.DEFAULT, false, Clock.systemUTC()) {
            @Override
            public AuditRecord process(AssetMessage message, boolean lastAttempt) {
                if (thrown instanceof RuntimeException e) {
                    throw e;
                }
                throw (Error) thrown;
            }
        };
        return new AssetRecordHandler(sync, publisher, "results", 3, MetricsFactory.getMetricsInstance());
    }

    private static SQSEvent.SQSMessage message(String id, int receiveCount) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(id);
        message.setBody(AssetMessages.toJson(new AssetMessage(1, "run-1", "SPACE_A", null, "ORDERS", null,
                AssetKind.VIEW, "https://t.example/relational/SPACE_A/ORDERS/$metadata", null, false, 0)));
        message.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receiveCount)));
        return message;
    }

    private static SQSEvent event(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(messages));
        return event;
    }

    private static List<String> ids(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    /** A Lambda context whose remaining time drops by {@code perCall} on each query after the first. */
    private record FakeContext(AtomicLong remaining, long perCall) implements Context {
        @Override
        public int getRemainingTimeInMillis() {
            return (int) remaining.getAndAdd(-perCall);
        }

        @Override
        public String getAwsRequestId() {
            return "request-1";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/worker";
        }

        @Override
        public String getLogStreamName() {
            return "stream";
        }

        @Override
        public String getFunctionName() {
            return "worker";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-central-1:123456789012:function:worker";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
