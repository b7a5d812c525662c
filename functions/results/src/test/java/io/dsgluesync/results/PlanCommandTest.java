package io.dsgluesync.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.audit.AuditStore;
import io.dsgluesync.model.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code results.jar plan}: which run, how long it waits for the run to finish, and what it says when it gave up. */
class PlanCommandTest {
    private static final String RUN = "20261125T145700Z-0a1b2c3d";
    private final List<Duration> slept = new ArrayList<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** An audit table whose run summary is RUNNING for the first {@code runningReads} reads. */
    private static final class RunInProgress extends AuditStore {
        private int runningReads;
        int reads;

        RunInProgress(int runningReads) {
            super(null, "audit", Clock.systemUTC(), Duration.ofDays(30));
            this.runningReads = runningReads;
        }

        @Override
        public Optional<Map<String, AttributeValue>> summaryItem(String runId) {
            reads++;
            String status = runningReads-- > 0 ? "RUNNING" : "COMPLETE";
            return Optional.of(Map.of("runId", AttributeValue.fromS(runId), "status", AttributeValue.fromS(status),
                    "operation", AttributeValue.fromS("plan"), "expectedAssets", AttributeValue.fromN("1"),
                    "processed", AttributeValue.fromN(status.equals("RUNNING") ? "0" : "1")));
        }

        @Override
        public List<Map<String, AttributeValue>> assetItems(String runId) {
            return List.of(Map.of("space", AttributeValue.fromS("SPACE_A"), "asset", AttributeValue.fromS("I_CUSTOMER"),
                    "database", AttributeValue.fromS("datasphere_space_a"), "table", AttributeValue.fromS("i_customer"),
                    "action", AttributeValue.fromS("CREATED")));
        }

        @Override
        public List<String> latestRuns(int limit) {
            return List.of(RUN);
        }
    }

    private String plan(AuditStore store, String... words) {
        return PlanCommand.run(store, List.of(words), slept::add, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void waitPollsTheSummaryUntilTheRunIsFinal() throws Exception {
        RunInProgress store = new RunInProgress(2);

        JsonNode plan = JsonCodec.mapper().readTree(plan(store, RUN, "--wait", "600", "--format", "json"));

        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5)), slept);
        assertEquals(3, store.reads);
        assertTrue(plan.get("finished").asBoolean());
        assertEquals(1, plan.get("totals").get("create").asInt());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void whenTheWaitRunsOutTheRecordedPartIsPrintedAndMarkedUnfinished() throws Exception {
        JsonNode plan = JsonCodec.mapper().readTree(plan(new RunInProgress(100), "--format", "json", "--wait", "12"));

        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2)), slept);
        assertEquals(RUN, plan.get("runId").asText(), "the latest run by default");
        assertFalse(plan.get("finished").asBoolean());
        assertEquals("RUNNING", plan.get("status").asText());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("run " + RUN + " has not finished after 12 s"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutWaitTheTextPlanIsPrintedAtOnce() {
        String text = plan(new RunInProgress(0), RUN, "--verbose");

        assertEquals(List.of(), slept);
        assertTrue(text.startsWith("Plan " + RUN + "  COMPLETE\n"), text);
        assertTrue(text.contains("    would create (1)\n      i_customer  SPACE_A/I_CUSTOMER\n"), text);
    }

    @Test
    void anUnknownFormatIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> plan(new RunInProgress(0), "--format", "yaml"));
        assertThrows(IllegalArgumentException.class, () -> plan(new RunInProgress(0), RUN, "--wait"));
    }
}
