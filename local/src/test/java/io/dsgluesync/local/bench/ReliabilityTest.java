package io.dsgluesync.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The quick subset of {@code bench/reliability}, run in CI: under throttled Glue calls and DynamoDB answers lost after
 * their commit, with AWS's delivery semantics, every asset is accounted for exactly once and the run finishes.
 */
class ReliabilityTest {
    private final ReliabilityBench bench = new ReliabilityBench(2, 12, 7);

    @Test
    void everyAssetIsAccountedForOnceUnderEachQuickScenario() throws Exception {
        for (ReliabilityBench.Scenario scenario : ReliabilityBench.scenarios(true)) {
            ReliabilityBench.Row row = bench.run(scenario);

            assertTrue(row.expected() > 24, row.toString());
            assertEquals(0, row.lost(), row.toString());
            assertEquals(0, row.doubleCounted(), row.toString());
            assertEquals(0, row.deadLettersWithoutRecord(), row.toString());
            assertEquals("COMPLETE", row.status(), row.toString());
            assertEquals(row.expected(), row.synced() + row.failedWithRecord(), row.toString());
            if (!scenario.name().equals("baseline") && !scenario.deliverTwice()) {
                assertTrue(row.injected() > 0, "the fault happened: " + row);
            }
        }
    }
}
