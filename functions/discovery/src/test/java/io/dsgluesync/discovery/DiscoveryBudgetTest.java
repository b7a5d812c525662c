package io.dsgluesync.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.datasphere.DatasphereSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Discovery lists with the shares of the workers it feeds, and the whole sync stays within the budget. */
class DiscoveryBudgetTest {
    private static final Map<String, String> TEMPLATE_DEFAULTS = Map.of("DATASPHERE_URL", "https://t.example",
            "DATASPHERE_TOKEN_URL", "https://t.example/oauth/token", "DATASPHERE_REQUESTS_PER_MINUTE", "240",
            "WORKER_MAX_CONCURRENCY", "5", "PRIORITY_WORKER_MAX_CONCURRENCY", "2");

    @Test
    void discoveryTakesTheAssetWorkersSharesWhileTheyHaveNothingToDo() {
        DatasphereSettings worker = DatasphereSettings.fromEnvironment(TEMPLATE_DEFAULTS);
        DatasphereSettings discovery = DatasphereSettings.fromEnvironment(
                DiscoveryWiring.discoveryBudget(TEMPLATE_DEFAULTS));

        double perWorker = 240.0 / worker.budgetShares();
        double forDiscovery = 240.0 / discovery.budgetShares();
        assertEquals(30.0, perWorker);
        assertEquals(80.0, forDiscovery, "a third of the budget instead of an eighth");
        assertTrue(forDiscovery + 2 * perWorker <= 240.0, "with both priority workers busy, still within budget");
        // 300 s at 80 a minute: 400 requests, enough to list about 400 spaces (one page each).
        assertTrue(forDiscovery * 5 >= 400);
    }

    @Test
    void anExplicitShareIsKept() {
        Map<String, String> env = new java.util.HashMap<>(TEMPLATE_DEFAULTS);
        env.put("DATASPHERE_BUDGET_SHARES", "4");
        assertEquals(4, DatasphereSettings.fromEnvironment(DiscoveryWiring.discoveryBudget(env)).budgetShares());
    }
}
