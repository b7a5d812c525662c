package io.dsgluesync.bench;

import io.dsgluesync.datasphere.ClientCredentials;
import io.dsgluesync.local.simulator.DatasphereSimulator;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.local.simulator.Tenant;
import io.dsgluesync.local.stack.Events;
import io.dsgluesync.local.stack.LambdaEmulator;
import io.dsgluesync.local.stack.LocalAws;
import io.dsgluesync.local.stack.MotoServer;
import io.dsgluesync.local.stack.SamTemplate;
import io.dsgluesync.local.stack.StackEndpoints;
import io.dsgluesync.local.stack.StackPaths;
import io.dsgluesync.local.stack.StackResources;
import io.dsgluesync.local.stack.SyncRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Package size and memory: each function's deployment package against 20 MB, with its three largest parts, and the
 * worker's peak resident set for one SQS batch of 10 analytical assets of 1,000 columns each, against 256 MB.
 *
 * <p>The worker runs as {@code sam local invoke} would run it (worker.jar under the Runtime Interface Emulator,
 * moto, the Datasphere simulator serving {@link Tenant#wide}); discovery enqueues the 10 assets and the worker gets
 * them as one batch. Its JVM gets the template's {@code JAVA_TOOL_OPTIONS} plus the heap, metaspace and code-cache
 * split the managed Java runtime derives from MemorySize (85 % / 10 % / 5 %, serial GC, as observed in
 * https://stackoverflow.com/questions/35298616/aws-lambda-and-inaccurate-memory-allocation/40469970), and
 * {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}. The peak RSS is {@code VmHWM} of {@code /proc/<pid>/status}
 * (https://man7.org/linux/man-pages/man5/proc_pid_status.5.html) read after the invocation; heap figures come from
 * {@code jcmd <pid> GC.heap_info}.
 */
public final class FootprintBench implements Bench {
    static final long JAR_TARGET_BYTES = 20_000_000L;
    static final long RSS_TARGET_BYTES = 256L * 1024 * 1024;
    static final int BATCH = 10;
    static final int COLUMNS = 1_000;
    /** Local and central directory headers of a zip entry: 30 + 46 bytes plus the name twice (APPNOTE.TXT 4.3). */
    private static final int ZIP_ENTRY_OVERHEAD = 76;
    private static final Pattern SERVICE = Pattern.compile("software/amazon/awssdk/services/([^/]+)/(model/)?.*");

    @Override
    public String key() {
        return "footprint";
    }

    @Override
    public String description() {
        return "deployment package sizes (<= 20 MB each) and the worker's peak RSS for 10 assets x 1,000 columns";
    }

    /** One function's package: its size and its largest parts (bytes in the zip, entry headers included). */
    public record Jar(String function, long bytes, int entries, Map<String, Long> largestParts) {
    }

    /** The worker's memory after one batch. */
    public record Memory(long vmHwmBytes, long vmRssBytes, long heapUsedBytes, long heapCommittedBytes,
                         long maxHeapBytes, int memorySizeMb, String jvmOptions, String response, long invocationMs) {
    }

    @Override
    public Section run(boolean quick) throws Exception {
        StackPaths paths = StackPaths.discover();
        List<Figure> figures = new ArrayList<>();
        List<Jar> jars = new ArrayList<>();
        for (String function : List.of("discovery", "worker", "results")) {
            Jar jar = jar(function, paths.projectDir().resolve("functions/" + function + "/target/" + function + ".jar"));
            jars.add(jar);
            boolean met = jar.bytes() <= JAR_TARGET_BYTES;
            figures.add(Figure.checked(function + ".jar", megabytes(jar.bytes()), "<= 20.0 MB", met,
                    (met ? "" : "Missed: ") + "largest parts " + parts(jar.largestParts()) + "; " + jar.entries()
                            + " entries" + (met ? "" : ". What is left is the service modules' model classes, which"
                            + " each sync client references in full (see bench/README.md)")));
        }
        Memory memory = workerMemory(paths);
        boolean rssMet = memory.vmHwmBytes() <= RSS_TARGET_BYTES;
        figures.add(Figure.checked("worker peak RSS (VmHWM), one batch of " + BATCH + " assets x " + COLUMNS
                + " columns", mebibytes(memory.vmHwmBytes()), "<= 256 MB", rssMet, rssMet ? ""
                : "Missed: the JVM's own floor (metaspace, code cache, class data) plus the heap it grew to;"
                        + " a smaller MaxHeapSize or fewer classes loaded would lower it"));
        figures.add(Figure.context("worker heap used after the batch / committed / max",
                mebibytes(memory.heapUsedBytes()) + " / " + mebibytes(memory.heapCommittedBytes()) + " / "
                        + mebibytes(memory.maxHeapBytes()), "jcmd GC.heap_info right after the invocation"));
        figures.add(Figure.context("worker RSS after the batch (VmRSS)", mebibytes(memory.vmRssBytes()),
                "MemorySize " + memory.memorySizeMb() + " MB; invocation " + memory.invocationMs() + " ms"));
        String method = """
                Package sizes are the files `functions/*/target/<function>.jar` as `mvn package` leaves them; a part is
                an SDK service module (its `model` package apart) or a library's package root, counted as its
                compressed bytes plus zip headers. Memory: discovery enqueues the %d assets of a generated tenant of
                analytical datasets with %d columns each (relational and analytical `$metadata`), the worker gets
                them as one SQS batch under the Runtime Interface Emulator with the managed runtime's JVM options
                (`%s`), and its JVM's `VmHWM` is read from `/proc/<pid>/status` after the invocation."""
                .formatted(BATCH, COLUMNS, memory.jvmOptions());
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("jars", jars);
        raw.put("worker", memory);
        return new Section(key(), "Package size and memory", method, figures, Section.raw(raw));
    }

    static Jar jar(String function, Path path) throws IOException {
        Map<String, Long> parts = new TreeMap<>();
        int entries = 0;
        try (ZipFile zip = new ZipFile(path.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                entries++;
                long bytes = entry.getCompressedSize() + ZIP_ENTRY_OVERHEAD + 2L * entry.getName().length();
                parts.merge(part(entry.getName()), bytes, Long::sum);
            }
        }
        Map<String, Long> largest = new LinkedHashMap<>();
        parts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                .forEach(e -> largest.put(e.getKey(), e.getValue()));
        return new Jar(function, Files.size(path), entries, largest);
    }

    /** "glue model", "glue (client)", or a library's package root such as "org/apache/logging". */
    static String part(String entry) {
        Matcher service = SERVICE.matcher(entry);
        if (service.matches()) {
            return "SDK " + service.group(1) + (service.group(2) != null ? " model" : " client");
        }
        String[] segments = entry.split("/");
        int depth = Math.min(segments.length - 1, entry.startsWith("software/amazon/awssdk/") ? 4 : 3);
        return depth <= 0 ? "(root files)" : String.join("/", List.of(segments).subList(0, depth));
    }

    private Memory workerMemory(StackPaths paths) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(paths.projectDir().resolve("local/target/footprint"));
        try (var old = Files.list(dir)) {
            for (Path file : old.filter(Files::isRegularFile).toList()) {
                Files.delete(file);
            }
        }
        int motoPort = LambdaEmulator.freePort();
        long moto = MotoServer.start(paths, motoPort, dir.resolve("moto.log"));
        SamTemplate template = SamTemplate.read(paths.template());
        int memorySize = template.memorySize("WorkerFunction");
        try (DatasphereSimulator simulator = DatasphereSimulator.start(SimulatorOptions.defaults()
                .withTenant(Tenant.wide(BATCH, COLUMNS, 1)));
             LocalAws aws = new LocalAws(motoPort)) {
            ClientCredentials client = new ClientCredentials(simulator.clientId(), simulator.clientSecret());
            StackResources resources = StackResources.bootstrap(aws, client,
                    paths.projectDir().resolve("local/sync-rules.json"));
            StackEndpoints endpoints = new StackEndpoints(motoPort, simulator.baseUrl().toString(),
                    simulator.tokenUrl().toString(), client, resources);
            Map<String, String> ids = endpoints.physicalIds();
            String jvmOptions = (template.function("WorkerFunction", ids).environment()
                    .getOrDefault("JAVA_TOOL_OPTIONS", "") + " " + managedRuntimeOptions(memorySize)).strip();
            SyncRunner runner = new SyncRunner(paths, endpoints, dir).withEnvironment("WorkerFunction", Map.of(
                    "JAVA_TOOL_OPTIONS", jvmOptions,
                    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memorySize)));
            try (LambdaEmulator discovery = runner.start(template, "DiscoveryFunction", ids);
                 LambdaEmulator worker = runner.start(template, "WorkerFunction", ids)) {
                String discovered = discovery.invoke(Events.scheduled(Instant.now(), LocalAws.REGION,
                        LocalAws.ACCOUNT));
                List<Message> batch = receive(aws, List.of(resources.priorityQueueUrl(), resources.assetQueueUrl()));
                if (batch.size() != BATCH) {
                    throw new IOException("expected " + BATCH + " asset messages, got " + batch.size()
                            + "; discovery answered " + discovered);
                }
                String queueArn = "arn:aws:sqs:" + LocalAws.REGION + ":" + LocalAws.ACCOUNT + ":"
                        + resources.assetQueueUrl().substring(resources.assetQueueUrl().lastIndexOf('/') + 1);
                LambdaEmulator.Invocation invocation = worker.call(Events.sqs(batch, queueArn, LocalAws.REGION));
                ProcessHandle jvm = worker.runtimeProcess()
                        .orElseThrow(() -> new IOException("the worker's JVM is not running; see " + worker.log()));
                Map<String, Long> status = procStatus(jvm.pid());
                Map<String, Long> heap = heapInfo(jvm.pid());
                return new Memory(status.getOrDefault("VmHWM", -1L), status.getOrDefault("VmRSS", -1L),
                        heap.getOrDefault("used", -1L), heap.getOrDefault("total", -1L),
                        memorySize * 1024L * 1024 * 85 / 100, memorySize, jvmOptions,
                        abbreviate(invocation.payload()), invocation.duration().toMillis());
            }
        } finally {
            ProcessHandle.of(moto).ifPresent(ProcessHandle::destroy);
        }
    }

    /** The JVM options the managed runtime derives from MemorySize: 85 % heap, 10 % metaspace, 5 % code cache. */
    static String managedRuntimeOptions(int memorySizeMb) {
        long kb = memorySizeMb * 1024L;
        return String.format(Locale.ROOT, "-XX:MaxHeapSize=%dk -XX:MaxMetaspaceSize=%dk -XX:ReservedCodeCacheSize=%dk"
                + " -XX:+UseSerialGC", kb * 85 / 100, kb * 10 / 100, kb * 5 / 100);
    }

    private static List<Message> receive(LocalAws aws, List<String> queues) {
        List<Message> all = new ArrayList<>();
        for (int round = 0; round < 5 && all.size() < BATCH; round++) {
            for (String queue : queues) {
                all.addAll(aws.sqs().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(Math.min(10, BATCH - all.size()))
                        .waitTimeSeconds(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All")).messages());
                if (all.size() >= BATCH) {
                    break;
                }
            }
        }
        return all;
    }

    /** {@code VmHWM}, {@code VmRSS} and the other {@code kB} lines of /proc/PID/status, in bytes. */
    static Map<String, Long> procStatus(long pid) throws IOException {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            Matcher m = Pattern.compile("(\\w+):\\s+(\\d+) kB").matcher(line);
            if (m.matches()) {
                values.put(m.group(1), Long.parseLong(m.group(2)) * 1024);
            }
        }
        return values;
    }

    /** {@code total} and {@code used} of the heap from {@code jcmd PID GC.heap_info}, in bytes (serial GC's form). */
    static Map<String, Long> heapInfo(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info").redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        long total = 0;
        long used = 0;
        // "def new generation   total 78656K, used 12345K [...]" and "tenured generation   total ..., used ..."
        Matcher m = Pattern.compile("generation\\s+total (\\d+)K, used (\\d+)K").matcher(out);
        while (m.find()) {
            total += Long.parseLong(m.group(1)) * 1024;
            used += Long.parseLong(m.group(2)) * 1024;
        }
        return total == 0 ? Map.of() : Map.of("total", total, "used", used);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    static String mebibytes(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", bytes / (1024.0 * 1024.0));
    }

    private static String parts(Map<String, Long> largest) {
        return String.join(", ", largest.entrySet().stream()
                .map(e -> e.getKey() + " " + megabytes(e.getValue())).toList());
    }
}
