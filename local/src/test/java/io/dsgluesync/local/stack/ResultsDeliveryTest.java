package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.audit.AuditAction;
import io.dsgluesync.audit.AuditRecord;
import io.dsgluesync.audit.AuditStore;
import io.dsgluesync.audit.RunStarted;
import io.dsgluesync.datasphere.ClientCredentials;
import io.dsgluesync.model.JsonCodec;
import io.dsgluesync.sync.ResultsRecorder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The results function's promises under the deliveries SQS really makes (at least once, in any order) against
 * moto's DynamoDB: every run reaches its final status, nothing counts twice, and a re-sent announcement changes
 * nothing.
 */
class ResultsDeliveryTest {
    private static long motoPid;
    private static LocalAws aws;
    private static AuditStore store;
    private static ResultsRecorder recorder;

    @BeforeAll
    static void startMoto() throws Exception {
        StackPaths paths = StackPaths.discover();
        int port = LambdaEmulator.freePort();
        motoPid = MotoServer.start(paths, port, paths.projectDir().resolve("local/target/test-stacks/results/moto.log"));
        aws = new LocalAws(port);
        StackResources resources = StackResources.bootstrap(aws, new ClientCredentials("c", "s"), null);
        store = new AuditStore(aws.dynamo(), resources.auditTable(), Clock.systemUTC(), Duration.ofDays(30));
        recorder = new ResultsRecorder(store);
    }

    @AfterAll
    static void stopMoto() {
        aws.close();
        ProcessHandle.of(motoPid).ifPresent(ProcessHandle::destroy);
    }

    @Test
    void aRedeliveredRecordFinishesARunWhoseCompletionCheckNeverRan() {
        String run = "20261202T010000Z-redeliver";
        recorder.apply(announcement(run, 2, "2026-12-02T01:00:05Z", 4));
        // Both records commit, then the function dies (timeout, throttled read) before it evaluates completion.
        store.recordAsset(record(run, "A"));
        store.recordAsset(record(run, "B"));
        assertNull(store.readRun(run).orElseThrow().status());

        ResultsRecorder.Outcome redelivered = recorder.apply(JsonCodec.write(record(run, "B")));

        assertTrue(redelivered.duplicate());
        assertTrue(redelivered.finishedRun(), "the duplicate delivery evaluates completion");
        assertEquals("COMPLETE", store.readRun(run).orElseThrow().status());
        assertEquals(2, store.readRun(run).orElseThrow().processed(), "counted once");
    }

    @Test
    void aReSentAnnouncementChangesNothingAndAnOlderOneNeverOverwritesANewerOne() {
        String run = "20261202T020000Z-announce";
        String newer = announcement(run, 3, "2026-12-02T02:00:09Z", 7);
        recorder.apply(newer);
        recorder.apply(newer);
        recorder.apply(announcement(run, 5, "2026-12-02T02:00:01Z", 9)); // a retried discovery's earlier message

        Map<String, AttributeValue> summary = store.summaryItem(run).orElseThrow();
        assertEquals("3", summary.get("expectedAssets").n());
        assertEquals("7", summary.get("discoveryRequests").n(), "set, not added up");
        long indexRows = aws.dynamo().query(r -> r.tableName(tableName()).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(AuditStore.RUNS)))).items().stream()
                .filter(i -> i.get("runId").s().equals(run)).count();
        assertEquals(1, indexRows, "one run-index row however often the run is announced");
    }

    @Test
    void recordsBeforeTheirAnnouncementAreCountedAndTheAnnouncementFinishesTheRun() {
        String run = "20261202T030000Z-early";
        ResultsRecorder.Outcome early = recorder.apply(JsonCodec.write(record(run, "A")));
        assertFalse(early.finishedRun(), "nothing is known about the run yet");

        ResultsRecorder.Outcome announced = recorder.apply(announcement(run, 1, "2026-12-02T03:00:02Z", 1));

        assertTrue(announced.finishedRun());
        assertEquals("COMPLETE", store.readRun(run).orElseThrow().status());
    }

    private static String tableName() {
        return StackResources.PREFIX + "-audit";
    }

    private static String announcement(String run, int expected, String announcedAt, int requests) {
        return JsonCodec.write(new RunStarted(RunStarted.TYPE, 1, run, announcedAt, expected, true,
                List.of("S"), List.of(), requests, announcedAt));
    }

    private static AuditRecord record(String run, String asset) {
        return new AuditRecord(AuditRecord.TYPE, AuditRecord.SCHEMA_VERSION, run, "S", asset, "view", "db", "t_" + asset,
                AuditAction.CREATED, 3, null, "f", List.of(), null, null, null, null, List.of(),
                Map.of("glue.CreateTable", 1, "datasphere", 1), "123456789012", Map.of(), 40,
                "2026-12-02T00:00:00Z", null);
    }
}
