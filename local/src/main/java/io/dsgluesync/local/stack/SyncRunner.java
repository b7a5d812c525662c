package io.dsgluesync.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsgluesync.audit.AuditStore;
import io.dsgluesync.audit.RunReport;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;

/**
 * One whole sync on the local stack: discovery invoked with a scheduled event (its {@code detail} set by
 * {@link #withOperation}), the asset queue drained through the worker and the results queue through the results
 * function, all under the Runtime Interface Emulator. Every record delivered is written as one JSON line to
 * {@code EventSource.log} in the log folder.
 */
public final class SyncRunner {
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(20);
    private final StackPaths paths;
    private final StackEndpoints stack;
    private final Path logDir;
    private final DeliveryMode mode;
    private final Map<String, Duration> timeouts;
    private final Map<String, Map<String, String>> environments;
    private final Consumer<QueueDrainer.Delivery> listener;
    private final boolean twice;
    private final Map<String, String> detail;

    public SyncRunner(StackPaths paths, StackEndpoints stack, Path logDir) {
        this(paths, stack, logDir, DeliveryMode.FAST, Map.of(), Map.of(), delivery -> { }, false, Map.of());
    }

    private SyncRunner(StackPaths paths, StackEndpoints stack, Path logDir, DeliveryMode mode,
                       Map<String, Duration> timeouts, Map<String, Map<String, String>> environments,
                       Consumer<QueueDrainer.Delivery> listener, boolean twice, Map<String, String> detail) {
        this.paths = paths;
        this.stack = stack;
        this.logDir = logDir;
        this.mode = mode;
        this.timeouts = Map.copyOf(timeouts);
        this.environments = Map.copyOf(environments);
        this.listener = listener;
        this.twice = twice;
        this.detail = Map.copyOf(detail);
    }

    /** The same runner with the event sources in {@code mode} ({@link DeliveryMode#FAST} by default). */
    public SyncRunner withDeliveryMode(DeliveryMode other) {
        return new SyncRunner(paths, stack, logDir, other, timeouts, environments, listener, twice, detail);
    }

    /** The same runner with a function's Timeout set, as a changed template.yaml would set it. */
    public SyncRunner withFunctionTimeout(String function, Duration timeout) {
        Map<String, Duration> all = new LinkedHashMap<>(timeouts);
        all.put(function, timeout);
        return new SyncRunner(paths, stack, logDir, mode, all, environments, listener, twice, detail);
    }

    /**
     * The same runner with environment variables of a function set over the template's, as
     * {@code sam local invoke --env-vars} sets them.
     */
    public SyncRunner withEnvironment(String function, Map<String, String> variables) {
        Map<String, String> merged = new LinkedHashMap<>(environments.getOrDefault(function, Map.of()));
        merged.putAll(variables);
        Map<String, Map<String, String>> all = new LinkedHashMap<>(environments);
        all.put(function, Map.copyOf(merged));
        return new SyncRunner(paths, stack, logDir, mode, timeouts, all, listener, twice, detail);
    }

    /** The same runner telling {@code other} of every record delivered, after its invocation ended. */
    public SyncRunner onDelivery(Consumer<QueueDrainer.Delivery> other) {
        return new SyncRunner(paths, stack, logDir, mode, timeouts, environments, other, twice, detail);
    }

    /** The same runner delivering every batch of every queue twice ({@link QueueDrainer#deliveringTwice()}). */
    public SyncRunner withDuplicateDelivery() {
        return new SyncRunner(paths, stack, logDir, mode, timeouts, environments, listener, true, detail);
    }

    /**
     * The same runner invoking discovery with {@code {"operation": OPERATION}} as the event's {@code detail}, as an
     * EventBridge rule's constant input or {@code aws lambda invoke --payload} would (e.g. {@code plan}).
     */
    public SyncRunner withOperation(String operation) {
        return withDetail("operation", operation);
    }

    /** The same runner with one more field in the scheduled event's {@code detail} (e.g. overrideFailSafe). */
    public SyncRunner withDetail(String field, String value) {
        Map<String, String> all = new LinkedHashMap<>(detail);
        all.put(field, value);
        return new SyncRunner(paths, stack, logDir, mode, timeouts, environments, listener, twice, all);
    }

    public SyncReport run() throws IOException, InterruptedException {
        SamTemplate template = SamTemplate.read(paths.template());
        Map<String, String> ids = stack.physicalIds();
        try (LocalAws aws = stack.localAws();
             LambdaEmulator discovery = start(template, "DiscoveryFunction", ids);
             LambdaEmulator worker = start(template, "WorkerFunction", ids);
             LambdaEmulator results = start(template, "ResultsFunction", ids)) {
            LambdaEmulator.Invocation invocation = discovery.call(Events.scheduled(Instant.now(), LocalAws.REGION,
                    LocalAws.ACCOUNT, detail));
            String response = invocation.payload();
            if (invocation.timedOut()) {
                throw new IOException("discovery timed out after " + discovery.timeout().toSeconds() + " s (log: "
                        + discovery.log() + ")");
            }
            JsonNode summary = JsonCodec.mapper().readTree(response);
            if (summary.has("errorType") || !summary.hasNonNull("runId")) {
                throw new IOException("discovery failed: " + response + " (log: " + discovery.log() + ")");
            }
            String runId = summary.get("runId").asText();
            // Two event sources of the same function: the priority queue's, then the asset queue's.
            QueueDrainer.Drained priorityDrain = drainer(aws, stack.resources().priorityQueueUrl(), worker)
                    .drain(DRAIN_LIMIT);
            QueueDrainer.Drained workerDrain = drainer(aws, stack.resources().assetQueueUrl(), worker)
                    .drain(DRAIN_LIMIT).plus(priorityDrain);
            QueueDrainer.Drained resultsDrain = drainer(aws, stack.resources().resultsQueueUrl(), results)
                    .drain(DRAIN_LIMIT);
            return report(aws, runId, response, workerDrain, resultsDrain);
        }
    }

    /**
     * The three functions started under the emulator and left running, so that a test can invoke discovery and
     * drain the queues one step at a time (e.g. a second schedule tick while the first run's assets still wait).
     */
    public Steps steps() throws IOException {
        SamTemplate template = SamTemplate.read(paths.template());
        Map<String, String> ids = stack.physicalIds();
        LocalAws aws = stack.localAws();
        List<LambdaEmulator> started = new ArrayList<>();
        try {
            started.add(start(template, "DiscoveryFunction", ids));
            started.add(start(template, "WorkerFunction", ids));
            started.add(start(template, "ResultsFunction", ids));
        } catch (IOException | RuntimeException e) {
            started.forEach(LambdaEmulator::close);
            aws.close();
            throw e;
        }
        return new Steps(aws, started.get(0), started.get(1), started.get(2));
    }

    /** One sync taken apart: each step is what {@link #run()} does in one go. */
    public final class Steps implements AutoCloseable {
        private final LocalAws aws;
        private final LambdaEmulator discovery;
        private final LambdaEmulator worker;
        private final LambdaEmulator results;

        private Steps(LocalAws aws, LambdaEmulator discovery, LambdaEmulator worker, LambdaEmulator results) {
            this.aws = aws;
            this.discovery = discovery;
            this.worker = worker;
            this.results = results;
        }

        /** Invokes discovery with a new scheduled event (a new run id); its response, whatever it is. */
        public JsonNode discover() throws IOException, InterruptedException {
            LambdaEmulator.Invocation invocation = discovery.call(Events.scheduled(Instant.now(), LocalAws.REGION,
                    LocalAws.ACCOUNT));
            if (invocation.timedOut()) {
                throw new IOException("discovery timed out (log: " + discovery.log() + ")");
            }
            return JsonCodec.mapper().readTree(invocation.payload());
        }

        /** Drains the priority and the asset queue through the worker. */
        public QueueDrainer.Drained drainAssets() throws IOException, InterruptedException {
            QueueDrainer.Drained priority = drainer(aws, stack.resources().priorityQueueUrl(), worker)
                    .drain(DRAIN_LIMIT);
            return drainer(aws, stack.resources().assetQueueUrl(), worker).drain(DRAIN_LIMIT).plus(priority);
        }

        /**
         * Drains the priority and the asset queue through {@code containers} worker containers at once, each polling
         * both queues in a thread of its own, as Lambda scales a function out to several execution environments
         * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html). The extra containers log to
         * {@code WorkerFunction-2.log} and so on, and are stopped afterwards.
         */
        public QueueDrainer.Drained drainAssetsConcurrently(int containers) throws IOException, InterruptedException {
            SamTemplate template = SamTemplate.read(paths.template());
            Map<String, String> ids = stack.physicalIds();
            List<LambdaEmulator> workers = new ArrayList<>(List.of(worker));
            ExecutorService pool = Executors.newFixedThreadPool(containers);
            try {
                for (int i = 2; i <= containers; i++) {
                    workers.add(start(template, "WorkerFunction", ids, logDir.resolve("WorkerFunction-" + i + ".log")));
                }
                List<Future<QueueDrainer.Drained>> drains = new ArrayList<>();
                for (LambdaEmulator each : workers) {
                    drains.add(pool.submit(() -> drainer(aws, stack.resources().priorityQueueUrl(), each)
                            .drain(DRAIN_LIMIT)
                            .plus(drainer(aws, stack.resources().assetQueueUrl(), each).drain(DRAIN_LIMIT))));
                }
                QueueDrainer.Drained all = new QueueDrainer.Drained(0, 0, 0, 0, List.of());
                for (Future<QueueDrainer.Drained> drain : drains) {
                    all = all.plus(drain.get());
                }
                return all;
            } catch (ExecutionException e) {
                throw new IOException("a worker container's drain failed", e.getCause());
            } finally {
                pool.shutdownNow();
                workers.stream().filter(w -> w != worker).forEach(LambdaEmulator::close);
            }
        }

        /** Drains the results queue through the results function. */
        public QueueDrainer.Drained drainResults() throws IOException, InterruptedException {
            return drainer(aws, stack.resources().resultsQueueUrl(), results).drain(DRAIN_LIMIT);
        }

        /** The run as {@link #run()} reports it, from the audit table and Glue as they are now. */
        public SyncReport report(String runId, String discoveryResponse, QueueDrainer.Drained workerDrain,
                                 QueueDrainer.Drained resultsDrain) {
            return SyncRunner.this.report(aws, runId, discoveryResponse, workerDrain, resultsDrain);
        }

        public Path resultsLog() {
            return results.log();
        }

        @Override
        public void close() {
            discovery.close();
            worker.close();
            results.close();
            aws.close();
        }
    }

    /** A drainer of one event source in this runner's mode, logging every delivery. */
    public QueueDrainer drainer(LocalAws aws, String queueUrl, LambdaEmulator function) throws IOException {
        Path log = logDir.resolve("EventSource.log");
        Files.createDirectories(logDir);
        QueueDrainer drainer = new QueueDrainer(aws.sqs(), queueUrl, function, LocalAws.REGION, mode, delivery -> {
            append(log, delivery, function.name());
            listener.accept(delivery);
        });
        return twice ? drainer.deliveringTwice() : drainer;
    }

    private static void append(Path log, QueueDrainer.Delivery delivery, String function) {
        ObjectNode line = JsonCodec.mapper().createObjectNode()
                .put("receivedAt", delivery.receivedAt().toString())
                .put("function", function)
                .put("queueUrl", delivery.queueUrl())
                .put("messageId", delivery.messageId())
                .put("approximateReceiveCount", delivery.receiveCount())
                .put("invocationMs", delivery.invocation().toMillis())
                .put("outcome", delivery.outcome().name());
        try {
            Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A function of template.yaml under the emulator, with this runner's Timeout and variables for it. */
    public LambdaEmulator start(SamTemplate template, String function, Map<String, String> ids) throws IOException {
        return start(template, function, ids, logDir.resolve(function + ".log"));
    }

    /** Another container of a function, logging to {@code log}. */
    private LambdaEmulator start(SamTemplate template, String function, Map<String, String> ids, Path log)
            throws IOException {
        SamTemplate.FunctionDefinition definition = template.function(function, ids)
                .withEnvironment(environments.getOrDefault(function, Map.of()));
        if (timeouts.containsKey(function)) {
            definition = definition.withTimeout(timeouts.get(function));
        }
        return LambdaEmulator.start(paths, definition, stack.runtimeEnvironment(), log);
    }

    private SyncReport report(LocalAws aws, String runId, String response, QueueDrainer.Drained workerDrain,
                              QueueDrainer.Drained resultsDrain) {
        AuditStore store = new AuditStore(aws.dynamo(), stack.resources().auditTable(), Clock.systemUTC(),
                Duration.ofDays(30));
        Map<String, AttributeValue> item = store.summaryItem(runId).orElse(Map.of());
        Map<String, String> summary = new LinkedHashMap<>();
        for (String key : List.of("status", "expectedAssets", "processed", "created", "updated",
                "unchanged", "failed", "conflict", "skipped", "listingComplete", "glueCalls", "datasphereRequests")) {
            AttributeValue v = item.get(key);
            summary.put(key, v == null ? (key.equals("status") ? "RUNNING" : "0")
                    : v.s() != null ? v.s() : v.n() != null ? v.n() : String.valueOf(v.bool()));
        }
        AttributeValue coverage = item.get("coverage");
        for (String key : List.of("unreadableCount", "unexposedCount")) {
            AttributeValue v = coverage == null || !coverage.hasM() ? null : coverage.m().get(key);
            summary.put(key.equals("unreadableCount") ? "unreadableSpaces" : "unexposedObjects",
                    v == null || v.n() == null ? "0" : v.n());
        }
        List<SyncReport.AssetLine> lines = new ArrayList<>();
        for (Map<String, AttributeValue> asset : store.assetItems(runId)) {
            String database = text(asset, "database");
            String table = text(asset, "table");
            lines.add(new SyncReport.AssetLine(text(asset, "space"), text(asset, "asset"), database, table,
                    glueColumns(aws, database, table), text(asset, "action"), note(asset)));
        }
        // An unreadable message's audit record has no table: such lines sort last within their space.
        lines.sort(Comparator.comparing(SyncReport.AssetLine::space).thenComparing(SyncReport.AssetLine::table,
                Comparator.nullsLast(Comparator.naturalOrder())));
        return new SyncReport(runId, response, lines, summary, workerDrain, resultsDrain,
                RunReport.coverageLines(item));
    }

    /** What the operator should read about an asset: its error, why it was skipped, or its first warning. */
    private static String note(Map<String, AttributeValue> asset) {
        String error = text(asset, "error");
        if (error != null) {
            return error;
        }
        if ("SKIPPED".equals(text(asset, "action"))) {
            return text(asset, "note");
        }
        AttributeValue warnings = asset.get("warnings");
        if (warnings == null || !warnings.hasL() || warnings.l().isEmpty()) {
            return null;
        }
        return warnings.l().size() + " warning(s): " + warnings.l().get(0).s();
    }

    private static int glueColumns(LocalAws aws, String database, String table) {
        if (database == null || table == null) {
            return 0;
        }
        try {
            var stored = aws.glue().getTable(r -> r.databaseName(database).name(table)).table();
            return (stored.storageDescriptor() == null ? 0 : stored.storageDescriptor().columns().size())
                    + (stored.partitionKeys() == null ? 0 : stored.partitionKeys().size());
        } catch (EntityNotFoundException e) {
            return 0;
        }
    }

    private static String text(Map<String, AttributeValue> item, String key) {
        AttributeValue v = item.get(key);
        return v == null ? null : v.s();
    }
}
