package io.dsgluesync.worker;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.dsgluesync.audit.AuditRecord;
import io.dsgluesync.model.AssetMessage;
import io.dsgluesync.model.AssetMessages;
import io.dsgluesync.model.JsonCodec;
import io.dsgluesync.model.MessageFormatException;
import io.dsgluesync.sync.RetryLaterException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * SQS asset messages → Glue tables, one audit record per asset on the results queue. Only records that should be
 * retried are returned as batch item failures; one bad record never fails the batch.
 */
public class WorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerHandler.class);
    private static final Metrics METRICS = MetricsFactory.getMetricsInstance();
    private static final String NAMESPACE = System.getenv().getOrDefault("POWERTOOLS_METRICS_NAMESPACE",
            "DatasphereGlueSync");
    private final WorkerWiring wiring;

    public WorkerHandler() {
        this(WorkerWiring.fromEnvironment(System.getenv()));
    }

    WorkerHandler(WorkerWiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            METRICS.captureColdStartMetric(context);
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            try {
                for (SQSEvent.SQSMessage message : event.getRecords()) {
                    if (!handle(message)) {
                        failures.add(SQSBatchResponse.BatchItemFailure.builder()
                                .withItemIdentifier(message.getMessageId()).build());
                    }
                }
            } finally {
                METRICS.flush();
            }
            return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
        });
    }

    /** True when the record is done with (synced, or failed for good with an audit record). */
    private boolean handle(SQSEvent.SQSMessage message) {
        MDC.put("correlation_id", message.getMessageId());
        try {
            AuditRecord record;
            try {
                AssetMessage asset = AssetMessages.fromJson(message.getBody());
                MDC.put("run_id", asset.runId());
                MDC.put("space", asset.space());
                MDC.put("asset", asset.asset());
                record = wiring.assetSync.process(asset, receiveCount(message) >= wiring.maxAttempts);
            } catch (MessageFormatException e) {
                record = UnreadableMessages.auditRecord(message.getBody(), e);
            }
            wiring.publisher.send(wiring.resultsQueueUrl, JsonCodec.write(record));
            METRICS.addMetric("Assets" + capitalised(record.action().counter()), 1, MetricUnit.COUNT);
            METRICS.addMetric("AssetDuration", record.durationMs(), MetricUnit.MILLISECONDS);
            int glueCalls = record.calls().entrySet().stream().filter(e -> e.getKey().startsWith("glue."))
                    .mapToInt(java.util.Map.Entry::getValue).sum();
            METRICS.addMetric("GlueCalls", glueCalls, MetricUnit.COUNT);
            METRICS.addMetric("DatasphereRequests", record.calls().getOrDefault("datasphere", 0), MetricUnit.COUNT);
            if (record.errorClass() != null) {
                // Failures by error class: a separate blob with the ErrorClass dimension (few distinct values).
                METRICS.flushSingleMetric("AssetFailures", 1, MetricUnit.COUNT, NAMESPACE,
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
            return true;
        } catch (RetryLaterException e) {
            METRICS.addMetric("AssetRetries", 1, MetricUnit.COUNT);
            if (e.getCause() instanceof io.dsgluesync.datasphere.DatasphereException d
                    && d.kind() == io.dsgluesync.datasphere.DatasphereException.Kind.THROTTLED) {
                METRICS.addMetric("DatasphereThrottles", 1, MetricUnit.COUNT);
            }
            LOG.warn("asset will be retried", entry("errorText", e.getMessage()),
                    entry("receiveCount", receiveCount(message)));
            return false;
        } catch (RuntimeException e) {
            METRICS.addMetric("WorkerErrors", 1, MetricUnit.COUNT);
            LOG.error("record failed", entry("errorClass", e.getClass().getSimpleName()),
                    entry("errorText", String.valueOf(e.getMessage())));
            return false;
        } finally {
            MDC.remove("correlation_id");
            MDC.remove("run_id");
            MDC.remove("space");
            MDC.remove("asset");
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

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
