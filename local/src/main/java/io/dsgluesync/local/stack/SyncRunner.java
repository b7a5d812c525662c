package io.dsgluesync.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.audit.AuditStore;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;

/**
 * One whole sync on the local stack: discovery invoked with a scheduled event, the asset queue drained through the
 * worker and the results queue through the results function, all under the Runtime Interface Emulator.
 */
public final class SyncRunner {
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(20);
    private final StackPaths paths;
    private final StackEndpoints stack;
    private final Path logDir;

    public SyncRunner(StackPaths paths, StackEndpoints stack, Path logDir) {
        this.paths = paths;
        this.stack = stack;
        this.logDir = logDir;
    }

    public SyncReport run() throws IOException, InterruptedException {
        SamTemplate template = SamTemplate.read(paths.template());
        Map<String, String> ids = stack.physicalIds();
        try (LocalAws aws = new LocalAws(stack.motoPort());
             LambdaEmulator discovery = start(template, "DiscoveryFunction", ids);
             LambdaEmulator worker = start(template, "WorkerFunction", ids);
             LambdaEmulator results = start(template, "ResultsFunction", ids)) {
            String response = discovery.invoke(Events.scheduled(Instant.now(), LocalAws.REGION, LocalAws.ACCOUNT));
            JsonNode summary = JsonCodec.mapper().readTree(response);
            if (summary.has("errorType") || !summary.hasNonNull("runId")) {
                throw new IOException("discovery failed: " + response + " (log: " + discovery.log() + ")");
            }
            String runId = summary.get("runId").asText();
            // Two event sources of the same function: the priority queue's, then the asset queue's.
            QueueDrainer.Drained priorityDrain = new QueueDrainer(aws.sqs(), stack.resources().priorityQueueUrl(),
                    worker, LocalAws.REGION).drain(DRAIN_LIMIT);
            QueueDrainer.Drained workerDrain = new QueueDrainer(aws.sqs(), stack.resources().assetQueueUrl(), worker,
                    LocalAws.REGION).drain(DRAIN_LIMIT).plus(priorityDrain);
            QueueDrainer.Drained resultsDrain = new QueueDrainer(aws.sqs(), stack.resources().resultsQueueUrl(),
                    results, LocalAws.REGION).drain(DRAIN_LIMIT);
            return report(aws, runId, response, workerDrain, resultsDrain);
        }
    }

    public LambdaEmulator start(SamTemplate template, String function, Map<String, String> ids) throws IOException {
        return LambdaEmulator.start(paths, template.function(function, ids), stack.runtimeEnvironment(),
                logDir.resolve(function + ".log"));
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
        List<SyncReport.AssetLine> lines = new ArrayList<>();
        for (Map<String, AttributeValue> asset : store.assetItems(runId)) {
            String database = text(asset, "database");
            String table = text(asset, "table");
            lines.add(new SyncReport.AssetLine(text(asset, "space"), text(asset, "asset"), database, table,
                    glueColumns(aws, database, table), text(asset, "action"), note(asset)));
        }
        // An unreadable message's audit record has no table: such lines sort last within their space.
        lines.sort(java.util.Comparator.comparing(SyncReport.AssetLine::space).thenComparing(SyncReport.AssetLine::table,
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        return new SyncReport(runId, response, lines, summary, workerDrain, resultsDrain);
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
