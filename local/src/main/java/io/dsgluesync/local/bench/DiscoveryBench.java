package io.dsgluesync.local.bench;

import io.dsgluesync.csdl.CsdlParser;
import io.dsgluesync.csdl.EntityModel;
import io.dsgluesync.datasphere.ClientCredentials;
import io.dsgluesync.datasphere.DatasphereClient;
import io.dsgluesync.datasphere.DatasphereConnection;
import io.dsgluesync.datasphere.DatasphereSettings;
import io.dsgluesync.local.simulator.DatasphereSimulator;
import io.dsgluesync.local.simulator.SimAsset;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.local.simulator.Tenant;
import io.dsgluesync.mapping.GlueTableMapper;
import io.dsgluesync.mapping.MappingSettings;
import io.dsgluesync.mapping.TableLocation;
import io.dsgluesync.model.AssetKind;
import io.dsgluesync.model.AssetMessage;
import io.dsgluesync.queue.QueuePublisher;
import io.dsgluesync.rules.AssetFilter;
import io.dsgluesync.rules.SyncRules;
import io.dsgluesync.sync.DiscoveryResult;
import io.dsgluesync.sync.DiscoveryService;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Benchmarks with targets (bench/README.md): discovery of a 10,000-asset, 50-space tenant against the simulator,
 * and the worker's CPU part (parse + map) per asset. Prints the numbers and PASS/FAIL per
 * target; exits 1 if a target is missed.
 */
public final class DiscoveryBench {
    static final int SPACES = 50;
    static final int ASSETS = 10_000;
    static final Duration DISCOVERY_TARGET = Duration.ofSeconds(60);
    static final long HEAP_TARGET_MB = 256;
    static final double MAP_TARGET_MS = 5.0;

    private DiscoveryBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean ok;
        try (DatasphereSimulator sim = DatasphereSimulator.start(SimulatorOptions.defaults()
                .withTenant(Tenant.generated(SPACES, ASSETS, 42)))) {
            ok = discovery(sim) & mapping(sim.options().tenant());
        }
        System.exit(ok ? 0 : 1);
    }

    /**
     * SQS is replaced by a counting publisher: moto's SendMessageBatch slows down with the queue's depth (measured:
     * 2,500 messages into one queue took 95 s), which would measure moto, not discovery. The batches of ten that
     * real SQS would receive are counted.
     */
    private static boolean discovery(DatasphereSimulator sim) {
        int[] batches = {0};
        int[] messages = {0};
        QueuePublisher counting = new QueuePublisher(null) {
            @Override
            public List<Rejected> sendAll(String queueUrl, List<String> bodies) {
                batches[0] += (bodies.size() + MAX_BATCH - 1) / MAX_BATCH;
                messages[0] += bodies.size();
                return List.of();
            }
        };
        DatasphereClient client = DatasphereConnection.open(new DatasphereSettings(sim.baseUrl(), sim.tokenUrl(),
                500, 4, Duration.ofSeconds(30), 20_000_000), () -> new ClientCredentials(sim.clientId(),
                sim.clientSecret()));
        DiscoveryService service = new DiscoveryService(client, counting,
                new DiscoveryService.Queues("assets", null, "results"), SyncRules.DEFAULT, AssetFilter.ALL, false,
                DiscoveryService.GlueSide.NONE, Clock.systemUTC());
        resetPeaks();
        long start = System.nanoTime();
        DiscoveryResult result = service.run("bench");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        long heapMb = peakHeapMb();
        System.out.printf("discovery: %d spaces, %d assets, %d Datasphere requests, %d SQS batches in %d ms;"
                + " peak of heap pools %d MB%n", result.spaces(), result.assetsEnqueued(), result.datasphereRequests(),
                batches[0], took.toMillis(), heapMb);
        boolean ok = result.assetsEnqueued() == ASSETS;
        ok &= report("discovery of " + ASSETS + " assets within " + DISCOVERY_TARGET.toSeconds() + " s",
                took.compareTo(DISCOVERY_TARGET) <= 0);
        long maxHeapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        // The memory target is met when discovery completes in a JVM whose heap is capped at the target (bench/run
        // starts it with -Xmx256m); the pools' peak is printed for information (it counts garbage too).
        ok &= report("discovery completes within a " + HEAP_TARGET_MB + " MB heap (max heap " + maxHeapMb + " MB)",
                maxHeapMb <= HEAP_TARGET_MB + 16);
        return ok;
    }

    /** The worker's CPU part for 1,000 generated assets: CSDL parse and Glue mapping, after a warm-up. */
    private static boolean mapping(Tenant tenant) {
        List<SimAsset> sample = tenant.allAssets().subList(0, 1_000);
        MappingSettings settings = new MappingSettings("datasphere_", TableLocation.defaultTemplate("bench-data"), "bench.example");
        for (int round = 0; round < 2; round++) {
            long start = System.nanoTime();
            int columns = 0;
            for (SimAsset asset : sample) {
                String xml = asset.relationalCsdl() != null ? asset.relationalCsdl() : asset.analyticalCsdl();
                EntityModel model = CsdlParser.parse(asset.name(), xml.getBytes(StandardCharsets.UTF_8));
                AssetMessage message = new AssetMessage(1, "bench", asset.spaceName(), null, asset.name(),
                        asset.label(), AssetKind.VIEW, "https://bench.example/m", null, false, 0);
                columns += GlueTableMapper.map(message, model, settings).columns().size();
            }
            double perAsset = (System.nanoTime() - start) / 1e6 / sample.size();
            if (round == 1) {
                System.out.printf("parse + map: %.2f ms per asset (%d assets, %d columns)%n", perAsset, sample.size(),
                        columns);
                return report("parse + map within " + MAP_TARGET_MS + " ms per asset", perAsset <= MAP_TARGET_MS);
            }
        }
        return false;
    }

    private static boolean report(String target, boolean met) {
        System.out.println((met ? "PASS " : "FAIL ") + target);
        return met;
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
    }
}
