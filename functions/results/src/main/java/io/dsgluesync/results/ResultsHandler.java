package io.dsgluesync.results;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.dsgluesync.audit.RunStatus;
import io.dsgluesync.sync.ResultsRecorder;
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

/** SQS audit records and run announcements → DynamoDB run summary and per-asset items, each counted once. */
public class ResultsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(ResultsHandler.class);
    private static final Metrics METRICS = MetricsFactory.getMetricsInstance();
    private static final String NAMESPACE = System.getenv().getOrDefault("POWERTOOLS_METRICS_NAMESPACE",
            "DatasphereGlueSync");
    private final ResultsRecorder recorder;

    public ResultsHandler() {
        this(ResultsWiring.fromEnvironment(System.getenv()));
    }

    ResultsHandler(ResultsRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            METRICS.captureColdStartMetric(context);
            // One metric on every invocation: how many messages it applied (Powertools warns on an empty flush).
            METRICS.addMetric("ResultsMessages", event.getRecords().size(), MetricUnit.COUNT);
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            try {
                for (SQSEvent.SQSMessage message : event.getRecords()) {
                    MDC.put("correlation_id", message.getMessageId());
                    try {
                        ResultsRecorder.Outcome outcome = recorder.apply(message.getBody());
                        MDC.put("run_id", outcome.runId());
                        if (outcome.duplicate()) {
                            METRICS.addMetric("DuplicateAuditRecords", 1, MetricUnit.COUNT);
                            LOG.info("duplicate audit record ignored");
                        }
                        if (outcome.finishedRun()) {
                            finished(outcome.status());
                        }
                    } catch (RuntimeException e) {
                        METRICS.addMetric("ResultsErrors", 1, MetricUnit.COUNT);
                        LOG.error("results record failed", entry("errorClass", e.getClass().getSimpleName()),
                                entry("errorText", String.valueOf(e.getMessage())));
                        failures.add(SQSBatchResponse.BatchItemFailure.builder()
                                .withItemIdentifier(message.getMessageId()).build());
                    } finally {
                        MDC.remove("correlation_id");
                        MDC.remove("run_id");
                    }
                }
            } finally {
                METRICS.flush();
            }
            return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
        });
    }

    /**
     * Counted once per run, by the delivery that marked it finished. A halted or skipped run did not complete, so
     * it does not keep the "no run completed" alarm quiet; a halt and a tripped stale fail-safe have alarms of
     * their own.
     */
    private static void finished(RunStatus status) {
        String finalStatus = status.finalStatus();
        if (!RunStatus.HALTED.equals(finalStatus) && !RunStatus.SKIPPED.equals(finalStatus)) {
            METRICS.addMetric("RunsCompleted", 1, MetricUnit.COUNT);
        }
        if (RunStatus.HALTED.equals(finalStatus)) {
            METRICS.addMetric("RunsHalted", 1, MetricUnit.COUNT);
        }
        if (status.stale() != null && status.stale().failSafeTripped()) {
            METRICS.addMetric("StaleFailSafeTripped", 1, MetricUnit.COUNT);
        }
        METRICS.flushSingleMetric("RunsFinished", 1, MetricUnit.COUNT, NAMESPACE,
                DimensionSet.of("Status", finalStatus));
        LOG.info("run finished", entry("status", finalStatus), entry("counts", status.counts()),
                entry("expectedAssets", status.expectedAssets()), entry("haltedReason", status.haltedReason()),
                entry("skippedReason", status.skippedReason()));
    }
}
