package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.budget.BudgetBuckets;
import io.dsgluesync.budget.SharedRequestBudget;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.local.simulator.SimulatorStats;
import io.dsgluesync.local.simulator.Tenant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One Datasphere request budget for every container, over the real peers: discovery and two worker containers under
 * the emulator, draining the same queues at once, take their tokens from the budget's buckets in moto's DynamoDB;
 * the simulator refuses anything above a limit a little over the budget. The run outlasts one minute of requests,
 * and no 60-second window of the requests the simulator let through holds more than the budget.
 */
class SharedBudgetSyncTest {
    /** 4-second buckets of 3 (16 buckets touch a window): 45 a minute for the sync, 93.75 % of the budget. */
    private static final int BUDGET = 48;
    private static final int SIMULATOR_LIMIT = 52;
    private static final int ASSETS = 42;
    private static TestStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.start("shared-budget", SimulatorOptions.defaults()
                .withTenant(Tenant.generated(2, ASSETS, 5)).withRequestsPerMinute(SIMULATOR_LIMIT));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void twoWorkerContainersAndDiscoveryShareOneBudgetWithoutA429() throws Exception {
        Map<String, String> budget = Map.of("DATASPHERE_REQUESTS_PER_MINUTE", Integer.toString(BUDGET));
        SyncRunner runner = stack.runner().withEnvironment("DiscoveryFunction", budget)
                .withEnvironment("WorkerFunction", budget);
        SyncReport report;
        try (SyncRunner.Steps steps = runner.steps()) {
            JsonNode discovered = steps.discover();
            String runId = discovered.get("runId").asText();
            // The results function drains its queue meanwhile, as its own event source would.
            AtomicBoolean workersDone = new AtomicBoolean();
            ExecutorService resultsSource = Executors.newSingleThreadExecutor();
            try {
                Future<QueueDrainer.Drained> results = resultsSource.submit(() -> {
                    QueueDrainer.Drained drained = new QueueDrainer.Drained(0, 0, 0, 0, List.of());
                    while (!workersDone.get()) {
                        drained = drained.plus(steps.drainResults());
                        Thread.sleep(500);
                    }
                    return drained.plus(steps.drainResults());
                });
                QueueDrainer.Drained workers;
                try {
                    workers = steps.drainAssetsConcurrently(2);
                } finally {
                    workersDone.set(true);
                }
                report = steps.report(runId, discovered.toString(), workers, results.get());
            } finally {
                resultsSource.shutdownNow();
            }
        }

        // Nothing lost: every asset listed was synced.
        Map<String, String> summary = report.summary();
        assertEquals("COMPLETE", summary.get("status"), summary.toString());
        int expected = Integer.parseInt(summary.get("expectedAssets"));
        assertTrue(expected >= ASSETS, summary.toString()); // the tenant's replication flows add a view or two
        assertEquals(expected, report.assets().size(), summary.toString());
        assertEquals(expected, Integer.parseInt(summary.get("processed")), summary.toString());
        assertEquals("0", summary.get("failed"), summary.toString());

        // The limits: no 429 from the tenant, and no window of 60 s above the budget.
        SimulatorStats stats = stack.simulator.stats();
        assertEquals(0, stats.rateLimitedResponses(), stats.toString());
        assertTrue(stats.admittedRequests() > BUDGET, "the run must outlast one window: " + stats);
        int busiest = stats.mostAdmittedWithin(Duration.ofSeconds(60));
        assertTrue(busiest <= BUDGET, "busiest 60-s window held " + busiest + " requests");

        // Every request took its token from the shared buckets, never from a container's own share.
        BudgetBuckets buckets = BudgetBuckets.forBudget(BUDGET).orElseThrow();
        List<Map<String, AttributeValue>> items = stack.aws.dynamo().query(r -> r
                .tableName(stack.endpoints.resources().auditTable()).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(SharedRequestBudget.PARTITION)))
                .consistentRead(true)).items();
        long taken = 0;
        for (Map<String, AttributeValue> item : items) {
            int used = Integer.parseInt(item.get("used").n());
            assertTrue(used <= buckets.capacity(), item.toString());
            assertTrue(item.get("sk").s().startsWith(buckets.length().toSeconds() + "s/"), item.toString());
            assertTrue(item.containsKey("expiresAt"), item.toString());
            taken += used;
        }
        assertEquals(stats.admittedRequests(), taken, "one token per request the tenant received");
        System.out.println("shared budget " + BUDGET + "/min: " + stats.admittedRequests() + " requests admitted, at"
                + " most " + busiest + " in a 60-s window, " + items.size() + " buckets; " + stats);
    }
}
