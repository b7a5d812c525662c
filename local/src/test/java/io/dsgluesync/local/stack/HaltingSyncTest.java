package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.audit.AuditStore;
import io.dsgluesync.local.faults.AwsFaultProxy;
import io.dsgluesync.local.faults.Fault;
import io.dsgluesync.local.faults.FaultRule;
import io.dsgluesync.local.simulator.SimAsset;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.local.simulator.Tenant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A run that cannot succeed stops early over the real peers: the workers halt it on a refused Datasphere client or
 * on a failure rate among its first assets, discovery on a failed permission check. The remaining assets are
 * skipped without a call, the run ends HALTED, and the results function counts one halt.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HaltingSyncTest {
    private static final int ASSETS = 80;
    private static TestStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.start("halting", SimulatorOptions.defaults().withTenant(Tenant.generated(2, ASSETS, 7)));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aClientRevokedAfterDiscoveryHaltsTheRunAtItsFirstAsset() throws Exception {
        long haltsBefore = haltMetrics();
        SyncReport report;
        try (SyncRunner.Steps steps = stack.runner().steps()) {
            JsonNode discovered = steps.discover();
            String runId = discovered.get("runId").asText();
            assertEquals("RUNNING", discovered.get("status").asText(), discovered.toString());
            stack.simulator.faults().revokeClient(true);
            QueueDrainer.Drained workers = steps.drainAssets();
            report = steps.report(runId, discovered.toString(), workers, steps.drainResults());
        } finally {
            stack.simulator.faults().revokeClient(false);
        }

        Map<String, String> summary = report.summary();
        int expected = Integer.parseInt(summary.get("expectedAssets"));
        assertEquals("HALTED", summary.get("status"), summary.toString());
        assertEquals(expected, Integer.parseInt(summary.get("processed")), "every asset accounted for");
        assertEquals("1", summary.get("failed"), "one asset met the refusal, the rest were skipped: " + summary);
        assertEquals(expected - 1, Integer.parseInt(summary.get("skipped")), summary.toString());
        report.assets().stream().filter(a -> a.action().equals("SKIPPED")).forEach(a -> assertTrue(
                a.error().startsWith("run halted: Datasphere refused the client"), a.toString()));
        assertTrue(haltedReason(report.runId()).contains("token endpoint refused client"),
                haltedReason(report.runId()));
        assertEquals(haltsBefore + 1, haltMetrics(), "one RunsHalted metric from the results function");
    }

    @Test
    @Order(2)
    void aFailedPermissionCheckAnnouncesAHaltedRunAndEnqueuesNothing() throws Exception {
        long haltsBefore = haltMetrics();
        StackEndpoints direct = stack.endpoints;
        try (AwsFaultProxy proxy = AwsFaultProxy.start(direct.motoPort())) {
            proxy.rules().add(FaultRule.rate("glue", "GetTables", Fault.ACCESS_DENIED, 1.0, 1));
            StackEndpoints proxied = new StackEndpoints(proxy.port(), direct.datasphereUrl(), direct.tokenUrl(),
                    direct.client(), direct.resources(), direct.parameterOverrides());
            // The check passed in the first test is remembered for an hour: this one must probe again.
            try (SyncRunner.Steps steps = new SyncRunner(stack.paths, proxied, stack.logDir)
                    .withEnvironment("DiscoveryFunction", Map.of("GLUE_VALIDATE_INTERVAL_MINUTES", "0")).steps()) {
                JsonNode discovered = steps.discover();
                assertEquals("HALTED", discovered.get("status").asText(), discovered.toString());
                assertEquals(0, discovered.get("assetsEnqueued").asInt());
                assertEquals(0, steps.drainAssets().delivered(), "no asset message was enqueued");
                steps.drainResults();
                String runId = discovered.get("runId").asText();
                Map<String, AttributeValue> summary = store().summaryItem(runId).orElseThrow();
                assertEquals("HALTED", summary.get("status").s());
                assertEquals("0", summary.get("expectedAssets").n());
                assertTrue(summary.get("haltedReason").s().startsWith("Glue permissions missing, nothing enqueued: ")
                        && summary.get("haltedReason").s().contains("glue:GetTables"), summary.toString());
                assertTrue(store().assetItems(runId).isEmpty());
            }
        }
        assertEquals(haltsBefore + 1, haltMetrics());
    }

    @Test
    @Order(3)
    void mostOfTheFirstAssetsFailingHaltsTheRunAfterTheWindow() throws Exception {
        long haltsBefore = haltMetrics();
        List<SimAsset> assets = stack.simulator.options().tenant().allAssets();
        // Every asset but every tenth has a broken $metadata document.
        for (int i = 0; i < assets.size(); i++) {
            if (i % 10 != 0) {
                stack.simulator.faults().malformedMetadata(assets.get(i).spaceName(), assets.get(i).name());
            }
        }
        SyncReport report;
        try {
            report = stack.runner().run();
        } finally {
            stack.simulator.faults().clear();
        }

        Map<String, String> summary = report.summary();
        assertEquals("HALTED", summary.get("status"), summary.toString());
        String reason = haltedReason(report.runId());
        assertTrue(reason.matches("\\d+ of the first \\d+ assets failed \\(threshold 80%\\)"), reason);
        int failed = Integer.parseInt(summary.get("failed"));
        int synced = Integer.parseInt(summary.get("created")) + Integer.parseInt(summary.get("updated"))
                + Integer.parseInt(summary.get("unchanged"));
        // Halted within the window of 50 (20 at least); the batch in flight finishes its records.
        assertTrue(failed >= 16 && failed + synced <= 50 + 10, summary.toString());
        assertTrue(Integer.parseInt(summary.get("skipped")) >= ASSETS - 60, summary.toString());
        assertEquals(Integer.parseInt(summary.get("expectedAssets")), Integer.parseInt(summary.get("processed")));
        assertEquals(haltsBefore + 1, haltMetrics());
    }

    private static AuditStore store() {
        return new AuditStore(stack.aws.dynamo(), stack.endpoints.resources().auditTable(), Clock.systemUTC(),
                Duration.ofDays(1));
    }

    private static String haltedReason(String runId) {
        return store().summaryItem(runId).orElseThrow().get("haltedReason").s();
    }

    /** EMF blobs in the results function's log that carry the RunsHalted metric. */
    private static long haltMetrics() throws IOException {
        Path log = stack.logDir.resolve("ResultsFunction.log");
        if (!Files.exists(log)) {
            return 0;
        }
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("\"CloudWatchMetrics\"") && l.contains("\"RunsHalted\"")).count();
        }
    }
}
