package io.dsgluesync.audit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the operator reads about a halted, skipped or planned run and its removed assets. */
class RunReportTest {

    @Test
    void aHaltedPlanRunShowsItsReasonTheStaleSummaryAndTheLifecycleCounters() {
        Map<String, AttributeValue> summary = Map.of("runId", AttributeValue.fromS("r1"),
                "status", AttributeValue.fromS("HALTED"), "operation", AttributeValue.fromS("plan"),
                "haltedReason", AttributeValue.fromS("47 of the first 50 assets failed (threshold 80%)"),
                "removedAssets", AuditStore.staleMap(new StaleSummary(true, 120, 40, true,
                        List.of("40 of 120 managed tables stale (threshold 10%)"), List.of("datasphere_old: kept"))),
                "deprecated", AttributeValue.fromN("2"),
                "drifted", AttributeValue.fromN("0"));

        String report = RunReport.render(summary, List.of());

        assertTrue(report.startsWith("Run r1  HALTED  (plan: nothing was changed)\n"), report);
        assertTrue(report.contains("  halted: 47 of the first 50 assets failed (threshold 80%)\n"), report);
        assertTrue(report.contains("removed assets: 120 managed tables, 40 stale; FAIL-SAFE TRIPPED"), report);
        assertTrue(report.contains("    40 of 120 managed tables stale (threshold 10%)\n"), report);
        assertTrue(report.contains("    datasphere_old: kept\n"), report);
        assertTrue(report.contains(" deprecated 2"), report);
        assertFalse(report.contains("drifted"), "a zero counter is not shown: " + report);
    }

    @Test
    void aSkippedRunSaysWhichRunWasStillActive() {
        String report = RunReport.render(Map.of("runId", AttributeValue.fromS("r2"),
                "status", AttributeValue.fromS("SKIPPED"),
                "skippedReason", AttributeValue.fromS("run r1 still active since 2026-12-02T08:00:00Z")), List.of());

        assertTrue(report.startsWith("Run r2  SKIPPED\n  skipped: run r1 still active since 2026-12-02T08:00:00Z\n"),
                report);
    }

    @Test
    void theReportNamesUnspacesAndTheObjectsTheCatalogDoesNotExpose() {
        Coverage coverage = Coverage.of(List.of(new Coverage.UnreadableSpace("SPACE_A",
                        "the OAuth client's technical user is not a member of space SPACE_A")),
                Map.of("SAP_CONTENT", java.util.stream.IntStream.range(0, 102).mapToObj(i -> "T" + i).toList()),
                false).withUnreadableFlows(List.of("space SPACE_B: dataflows DF_X: lineage unreadable: not JSON"));
        String report = RunReport.render(Map.of("runId", AttributeValue.fromS("r3"),
                "coverage", AuditStore.coverageMap(coverage)), List.of());

        assertTrue(report.contains("  coverage: 1 unreadable space(s), 102 object(s) the catalog does not expose\n"),
                report);
        assertTrue(report.contains("    SPACE_A: the OAuth client's technical user is not a member of space SPACE_A\n"),
                report);
        assertTrue(report.contains("(not synced: design-time enrichment is off; a replication flow's target is still"
                + " synced as a replica)"), report);
        assertTrue(report.contains("  flows not read for lineage (the objects they load show no upstream from them):\n"
                + "    space SPACE_B: dataflows DF_X: lineage unreadable: not JSON\n"), report);
        assertTrue(report.contains("    SAP_CONTENT (102): T0, T1, "), report);
        assertTrue(report.contains("T99, … 2 more\n"), report);
    }

    @Test
    void aRunThatSawEverythingHasNoCoverageLines() {
        assertFalse(RunReport.render(Map.of("runId", AttributeValue.fromS("r4")), List.of()).contains("coverage"));
    }
}
