package io.dsgluesync.datasphere;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-container share of the Datasphere request budget (sleeps recorded, not taken). */
class RequestBudgetTest {

    /** The waits a budget asked for, recorded instead of slept. */
    private static final class RecordingBudget {
        final List<Duration> waits = new ArrayList<>();
    }

    @Test
    void shareSplitsTheBudgetEvenlyOverConcurrentContainers() {
        assertEquals(240.0 / 60 / 8, RequestBudget.share(240, 8).requestsPerSecond(), 1e-9);
        assertEquals(0.0, RequestBudget.share(0, 8).requestsPerSecond(), 1e-9);
    }

    @Test
    void theBudgetIsSharedByBothWorkerEventSourcesAndDiscovery() {
        DatasphereSettings settings = DatasphereSettings.fromEnvironment(java.util.Map.of(
                "DATASPHERE_URL", "https://t.eu10.hcs.cloud.sap", "DATASPHERE_TOKEN_URL", "https://t.example/oauth/token",
                "DATASPHERE_REQUESTS_PER_MINUTE", "240", "WORKER_MAX_CONCURRENCY", "5",
                "PRIORITY_WORKER_MAX_CONCURRENCY", "2"));
        assertEquals(240, settings.requestsPerMinute());
        assertEquals(8, settings.budgetShares());
        assertEquals(0.5, RequestBudget.share(settings.requestsPerMinute(), settings.budgetShares())
                .requestsPerSecond(), 1e-9);
    }

    @Test
    void requestsBeyondTheBurstWaitForTheirToken() {
        RecordingBudget recorded = new RecordingBudget();
        RequestBudget budget = new RequestBudget(120, 1) {
            @Override
            protected void sleep(Duration duration) {
                recorded.waits.add(duration);
            }
        };
        for (int i = 0; i < 5; i++) {
            budget.acquire();
        }
        // 2 requests a second: a burst of 2, then each further request reserves the next half-second slot.
        assertEquals(3, recorded.waits.size());
        assertEquals(0.5, recorded.waits.get(0).toMillis() / 1000.0, 0.05);
        assertEquals(1.0, recorded.waits.get(1).toMillis() / 1000.0, 0.05);
        assertEquals(1.5, recorded.waits.get(2).toMillis() / 1000.0, 0.05);
    }
}
