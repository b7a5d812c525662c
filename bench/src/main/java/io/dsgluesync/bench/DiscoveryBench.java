package io.dsgluesync.bench;

import io.dsgluesync.datasphere.ClientCredentials;
import io.dsgluesync.datasphere.DatasphereClient;
import io.dsgluesync.datasphere.DatasphereConnection;
import io.dsgluesync.datasphere.DatasphereSettings;
import io.dsgluesync.local.simulator.DatasphereSimulator;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.local.simulator.Tenant;
import io.dsgluesync.model.JsonCodec;
import io.dsgluesync.queue.QueuePublisher;
import io.dsgluesync.rules.AssetFilter;
import io.dsgluesync.rules.SyncRules;
import io.dsgluesync.sync.DiscoveryResult;
import io.dsgluesync.sync.DiscoveryService;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code discovery}: discovery of a 10,000-asset, 50-space tenant against the simulator over HTTP on loopback, in a
 * child JVM capped at a 256 MB heap ({@code -Xmx256m}). Targets: within 60 s (the function's Timeout in
 * {@code template.yaml} is 300 s, and the work per asset belongs in the workers), and completed within the capped
 * heap (the function has 1,024 MB; a quarter leaves room for a tenant four times larger).
 */
final class DiscoveryBench implements Bench {
    static final int SPACES = 50;
    static final int ASSETS = 10_000;
    static final Duration DISCOVERY_TARGET = Duration.ofSeconds(60);
    static final long HEAP_TARGET_MB = 256;
    /** The JVM rounds -Xmx to its heap regions; a reported maximum up to this much above the cap is the cap. */
    private static final long HEAP_SLACK_MB = 16;
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(10);
    private static final String RESULT_LINE = "DISCOVERY-BENCH-RESULT ";

    /** What the child JVM measured. */
    record Measured(int spaces, int assetsEnqueued, int datasphereRequests, int sqsBatches, int messages,
                    long millis, long peakHeapPoolsMb, long maxHeapMb) {
    }

    @Override
    public String key() {
        return "discovery";
    }

    @Override
    public String description() {
        return "discovery of a 10,000-asset, 50-space tenant (simulator) within 60 s, in a JVM with -Xmx256m";
    }

    @Override
    public Section run(boolean quick) throws Exception {
        List<String> command = List.of(javaBinary(), "-Xmx" + HEAP_TARGET_MB + "m", "-cp",
                System.getProperty("java.class.path"), DiscoveryBench.class.getName(), Integer.toString(SPACES),
                Integer.toString(ASSETS));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> output = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                        .forEach(output::add);
            } catch (IOException e) {
                output.add("output unreadable: " + e);
            }
        });
        reader.start();
        boolean exited = child.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly().waitFor();
        }
        reader.join();
        Measured measured = null;
        for (String line : output) {
            if (line.startsWith(RESULT_LINE)) {
                measured = JsonCodec.mapper().readValue(line.substring(RESULT_LINE.length()), Measured.class);
            }
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("command", String.join(" ", command));
        raw.put("exitCode", exited ? child.exitValue() : null);
        raw.put("measured", measured);
        String method = """
                `java -Xmx%dm -cp <the bench jar> %s %d %d`: a child JVM starts the simulator with a generated \
                tenant (%,d assets in %d spaces, seed 42) and runs the discovery service against it over HTTP on \
                loopback, with the function's defaults (page size 500, 4 attempts, 30 s timeout). SQS is replaced by \
                a counting publisher: moto's SendMessageBatch slows down with the queue's depth (2,500 messages into \
                one queue took 95 s on this machine), which would measure moto, not discovery; the batches of ten \
                that real SQS would receive are counted (real SQS takes a batch in tens of milliseconds: 1,000 \
                batches would add roughly 10–30 s in AWS, an estimate, not measured here). The per-asset mapping \
                figure this benchmark used to print is now the `mapping` section (JMH).
                """.formatted(HEAP_TARGET_MB, DiscoveryBench.class.getName(), SPACES, ASSETS, ASSETS, SPACES);
        return new Section(key(), "Discovery of a 10,000-asset tenant", method,
                figures(measured, exited ? "exit code " + child.exitValue() : "killed after "
                        + CHILD_TIMEOUT.toMinutes() + " min", tail(output)), Section.raw(raw));
    }

    static List<Figure> figures(Measured m, String exit, String outputTail) {
        List<Figure> figures = new ArrayList<>();
        String target = "<= " + DISCOVERY_TARGET.toSeconds() + " s";
        if (m == null) {
            String note = "the child JVM gave no result (" + exit + "); its output ends: " + outputTail;
            figures.add(Figure.checked("discovery of " + grouped(ASSETS) + " assets", "no result", target, false,
                    note));
            figures.add(Figure.checked("discovery completes in a JVM with -Xmx" + HEAP_TARGET_MB + "m", "no",
                    "yes", false, note));
            return figures;
        }
        boolean complete = m.assetsEnqueued() == ASSETS;
        boolean inTime = complete && m.millis() <= DISCOVERY_TARGET.toMillis();
        figures.add(Figure.checked("discovery of " + grouped(ASSETS) + " assets in " + m.spaces() + " spaces",
                String.format(Locale.ROOT, "%.1f s", m.millis() / 1000.0), target, inTime, inTime ? ""
                        : complete ? "slower than the target: profile the listing (pages, JSON parse) first"
                        : "enqueued " + m.assetsEnqueued() + " of " + ASSETS + " assets"));
        boolean capped = m.maxHeapMb() <= HEAP_TARGET_MB + HEAP_SLACK_MB;
        figures.add(Figure.checked("discovery completes in a JVM with -Xmx" + HEAP_TARGET_MB + "m",
                complete && capped ? "yes" : "no", "yes", complete && capped,
                "max heap " + m.maxHeapMb() + " MB" + (complete ? "" : "; enqueued " + m.assetsEnqueued())));
        figures.add(Figure.context("time / target", String.format(Locale.ROOT, "%.2f",
                m.millis() / (double) DISCOVERY_TARGET.toMillis()), "below 1 is within the target"));
        figures.add(Figure.context("per asset", String.format(Locale.ROOT, "%.2f ms", m.millis() / (double) ASSETS),
                ""));
        figures.add(Figure.context("Datasphere requests", grouped(m.datasphereRequests()),
                "token, spaces and asset pages of 500"));
        figures.add(Figure.context("SQS batches (counted, not sent)", grouped(m.sqsBatches()),
                grouped(m.messages()) + " messages in batches of at most 10"));
        figures.add(Figure.context("peak of the heap pools", m.peakHeapPoolsMb() + " MB",
                "counts garbage not yet collected too; the target is completing under the cap"));
        return figures;
    }

    /** The child JVM: {@code DiscoveryBench SPACES ASSETS}; prints one result line and exits 0 when it measured. */
    public static void main(String[] args) throws Exception {
        int spaces = Integer.parseInt(args[0]);
        int assets = Integer.parseInt(args[1]);
        try (DatasphereSimulator sim = DatasphereSimulator.start(SimulatorOptions.defaults()
                .withTenant(Tenant.generated(spaces, assets, 42)))) {
            System.out.println(RESULT_LINE + JsonCodec.write(discover(sim)));
        }
    }

    private static Measured discover(DatasphereSimulator sim) {
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
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        DiscoveryResult result = service.run("bench");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
        return new Measured(result.spaces(), result.assetsEnqueued(), result.datasphereRequests(), batches[0],
                messages[0], millis, peak, Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    private static String javaBinary() {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        return java.toString();
    }

    private static String tail(List<String> lines) {
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    private static String grouped(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
