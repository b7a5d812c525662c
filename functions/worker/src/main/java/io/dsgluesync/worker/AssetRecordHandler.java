package io.dsgluesync.worker;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.audit.AuditAction;
import io.dsgluesync.audit.AuditRecord;
import io.dsgluesync.datasphere.DatasphereException;
import io.dsgluesync.model.AssetMessage;
import io.dsgluesync.model.AssetMessages;
import io.dsgluesync.model.JsonCodec;
import io.dsgluesync.model.MessageFormatException;
import io.dsgluesync.queue.QueuePublisher;
import io.dsgluesync.sync.AssetSync;
import io.dsgluesync.sync.RetryLaterException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * One SQS record of the asset queue: sync the asset, send its audit record, log and count it. Answers whether the
 * record is done with (synced, or failed for good with an audit record) or should come back later.
 */
final class AssetRecordHandler implements WorkerHandler.RecordHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AssetRecordHandler.class);
    private static final String NAMESPACE = System.getenv().getOrDefault("POWERTOOLS_METRICS_NAMESPACE",
            "DatasphereGlueSync");
    private final AssetSync sync;
    private final QueuePublisher publisher;
    private final String resultsQueueUrl;
    private final int maxAttempts;
    private final Metrics metrics;
    private final RunHalts halts;

    AssetRecordHandler(AssetSync sync, QueuePublisher publisher, String resultsQueueUrl, int maxAttempts,
                       Metrics metrics) {
        this(sync, publisher, resultsQueueUrl, maxAttempts, metrics, RunHalts.disabled());
    }

    AssetRecordHandler(AssetSync sync, QueuePublisher publisher, String resultsQueueUrl, int maxAttempts,
                       Metrics metrics, RunHalts halts) {
        this.sync = sync;
        this.publisher = publisher;
        this.resultsQueueUrl = resultsQueueUrl;
        this.maxAttempts = maxAttempts;
        this.metrics = metrics;
        this.halts = halts;
    }

    /** Which of the batch's runs are halted: asked once per run, not per record. */
    @Override
    public void beginBatch(List<SQSEvent.SQSMessage> messages) {
        Set<String> runIds = new LinkedHashSet<>();
        for (SQSEvent.SQSMessage message : messages) {
            try {
                JsonNode runId = JsonCodec.mapper().readTree(message.getBody()).get("runId");
                if (runId != null && runId.isTextual()) {
                    runIds.add(runId.asText());
                }
            } catch (Exception unreadable) {
                // answered with a failed record when its turn comes
            }
        }
        halts.beginBatch(runIds);
    }

    @Override
    public boolean handle(SQSEvent.SQSMessage message) {
        MDC.put("correlation_id", message.getMessageId());
        try {
            AuditRecord record;
            try {
                AssetMessage asset = AssetMessages.fromJson(message.getBody());
                MDC.put("run_id", asset.runId());
                MDC.put("space", asset.space());
                MDC.put("asset", asset.asset());
                Optional<String> halted = halts.haltedReason(asset.runId());
                record = halted.isPresent() ? halts.skipped(asset, halted.get())
                        : process(asset, receiveCount(message) >= maxAttempts);
            } catch (MessageFormatException e) {
                record = UnreadableMessages.auditRecord(message.getBody(), e);
            }
            publisher.send(resultsQueueUrl, JsonCodec.write(record));
            count(record);
            if (record.action() != AuditAction.SKIPPED && halts.afterRecord(record)) {
                metrics.addMetric("RunHalts", 1, MetricUnit.COUNT);
            }
            return true;
        } catch (RetryLaterException e) {
            metrics.addMetric("AssetRetries", 1, MetricUnit.COUNT);
            if (e.getCause() instanceof DatasphereException d && d.kind() == DatasphereException.Kind.THROTTLED) {
                metrics.addMetric("DatasphereThrottles", 1, MetricUnit.COUNT);
            }
            LOG.warn("asset will be retried", entry("errorText", e.getMessage()),
                    entry("receiveCount", receiveCount(message)));
            return false;
        } catch (RuntimeException | Error e) {
            // Sending the audit record failed, or the sync failed before its last attempt: SQS delivers it again.
            metrics.addMetric("WorkerErrors", 1, MetricUnit.COUNT);
            LOG.error("record failed, will be retried", entry("errorClass", e.getClass().getSimpleName()), e);
            return false;
        } finally {
            MDC.remove("correlation_id");
            MDC.remove("run_id");
            MDC.remove("space");
            MDC.remove("asset");
        }
    }

    /**
     * Syncs the asset. Whatever escapes the sync on the last attempt, {@code Error}s included, becomes a failed
     * record naming the asset, never a message in the dead-letter queue without one; earlier attempts are retried.
     */
    private AuditRecord process(AssetMessage asset, boolean lastAttempt) {
        try {
            return sync.process(asset, lastAttempt);
        } catch (RetryLaterException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            if (!lastAttempt) {
                throw e;
            }
            LOG.error("asset failed unexpectedly on its last attempt", e);
            return sync.failedUnexpectedly(asset, e);
        }
    }

    private void count(AuditRecord record) {
        String action = record.action().counter();
        metrics.addMetric("Assets" + Character.toUpperCase(action.charAt(0)) + action.substring(1), 1, MetricUnit.COUNT);
        metrics.addMetric("AssetDuration", record.durationMs(), MetricUnit.MILLISECONDS);
        metrics.addMetric("GlueCalls", AuditRecord.serviceCalls(record.calls(), "glue"), MetricUnit.COUNT);
        metrics.addMetric("DatasphereRequests", record.calls().getOrDefault("datasphere", 0), MetricUnit.COUNT);
        int lakeFormation = AuditRecord.serviceCalls(record.calls(), "lakeformation");
        if (lakeFormation > 0) {
            metrics.addMetric("LakeFormationCalls", lakeFormation, MetricUnit.COUNT);
        }
        if (record.errorClass() != null) {
            // Failures by error class: a blob of its own with the ErrorClass dimension (few distinct values).
            metrics.flushSingleMetric("AssetFailures", 1, MetricUnit.COUNT, NAMESPACE,
                    DimensionSet.of("ErrorClass", record.errorClass()));
        }
        if (record.error() != null) {
            LOG.warn("asset not synced", entry("action", record.action().name()),
                    entry("errorClass", record.errorClass()), entry("errorField", record.errorField()),
                    entry("errorText", record.error()));
        } else {
            LOG.info("asset synced", entry("action", record.action().name()),
                    entry("table", record.database() + "." + record.table()), entry("columns", record.columnCount()),
                    entry("calls", record.calls()));
        }
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        String count = message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
