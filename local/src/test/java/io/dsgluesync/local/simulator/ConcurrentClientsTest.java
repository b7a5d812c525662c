package io.dsgluesync.local.simulator;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConcurrentClientsTest {

    @Test
    void parallelClientsAllGetAnswersAndTheStatsAddUp() throws Exception {
        Tenant tenant = Tenant.generated(4, 200, 11);
        try (DatasphereSimulator simulator = DatasphereSimulator.start(SimulatorOptions.defaults().withTenant(tenant))) {
            int threads = 12;
            int perThread = 20;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int offset = t;
                    results.add(pool.submit(() -> {
                        SimClient client = new SimClient(simulator);
                        String token = client.token();
                        int ok = 0;
                        for (int i = 0; i < perThread; i++) {
                            SimAsset asset = tenant.allAssets().get((offset * perThread + i) % tenant.allAssets().size());
                            String kind = asset.kind().hasRelational() ? "relational" : "analytical";
                            String path = i % 2 == 0
                                    ? "/api/v1/dwc/catalog/spaces('" + asset.spaceName() + "')/assets?$top=50"
                                    : "/api/v1/datasphere/consumption/" + kind + "/" + asset.spaceName() + "/"
                                            + asset.name() + "/$metadata";
                            ok += client.get(path, token).statusCode() == 200 ? 1 : 0;
                        }
                        return ok;
                    }));
                }
                int ok = 0;
                for (Future<Integer> result : results) {
                    ok += result.get(60, TimeUnit.SECONDS);
                }
                assertEquals(threads * perThread, ok);
            } finally {
                pool.shutdownNow();
            }
            SimulatorStats stats = simulator.stats();
            assertEquals(threads, stats.tokenRequests());
            assertEquals(threads * perThread / 2, stats.catalogRequests());
            assertEquals(threads * perThread / 2, stats.metadataRequests());
            assertEquals(threads + threads * perThread, stats.requestsTotal());
        }
    }
}
