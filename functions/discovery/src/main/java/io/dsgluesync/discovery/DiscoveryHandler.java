package io.dsgluesync.discovery;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.dsgluesync.model.JsonCodec;
import io.dsgluesync.sync.DiscoveryResult;
import io.dsgluesync.sync.DiscoveryService;
import io.dsgluesync.sync.RunIds;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import io.dsgluesync.glue.PermissionCheck;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.CorrelationIdPaths;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * EventBridge schedule → list Datasphere → one SQS message per asset. Returns the run summary. An event whose
 * {@code detail} is {@code {"operation": "validate"}} only checks the Glue targets' permissions.
 */
public class DiscoveryHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryHandler.class);
    private static final Metrics METRICS = MetricsFactory.getMetricsInstance();
    private static final TypeReference<Map<String, Object>> SUMMARY_TYPE = new TypeReference<>() { };
    private static final TypeReference<List<Object>> LIST_TYPE = new TypeReference<>() { };
    private final DiscoveryService service;

    public DiscoveryHandler() {
        this(DiscoveryWiring.fromEnvironment(System.getenv()));
    }

    DiscoveryHandler(DiscoveryService service) {
        this.service = service;
    }

    /** The {@code validate} operation: which Glue permissions each target has; enqueues nothing. */
    private Map<String, Object> validate() {
        List<PermissionCheck.TargetReport> reports = service.validate();
        boolean ok = reports.stream().allMatch(PermissionCheck.TargetReport::ok);
        reports.forEach(r -> LOG.info("glue permissions", entry("target", r.target()), entry("account", r.account()),
                entry("ok", r.ok()), entry("missing", r.missing())));
        METRICS.addMetric("ValidationFailures", ok ? 0 : 1, MetricUnit.COUNT);
        return Map.of("operation", "validate", "ok", ok,
                "targets", JsonCodec.mapper().convertValue(reports, LIST_TYPE));
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, CorrelationIdPaths.EVENT_BRIDGE, event, () -> {
            Instant scheduled = event.getTime() == null ? Instant.now() : Instant.ofEpochMilli(event.getTime().getMillis());
            String runId = RunIds.of(scheduled, event.getId());
            MDC.put("run_id", runId);
            METRICS.captureColdStartMetric(context);
            try {
                if (event.getDetail() != null && "validate".equals(event.getDetail().get("operation"))) {
                    return validate();
                }
                DiscoveryResult result = service.run(runId);
                METRICS.addMetric("AssetsEnqueued", result.assetsEnqueued(), MetricUnit.COUNT);
                METRICS.addMetric("DiscoveryDuration", result.durationMs(), MetricUnit.MILLISECONDS);
                METRICS.addMetric("DatasphereRequests", result.datasphereRequests(), MetricUnit.COUNT);
                METRICS.addMetric("DiscoveryIncomplete", result.listingComplete() ? 0 : 1, MetricUnit.COUNT);
                METRICS.addMetadata("runId", runId);
                LOG.info("discovery finished", entry("spaces", result.spaces()),
                        entry("assetsEnqueued", result.assetsEnqueued()),
                        entry("listingComplete", result.listingComplete()),
                        entry("listingErrors", result.listingErrors()));
                return JsonCodec.mapper().convertValue(result, SUMMARY_TYPE);
            } catch (RuntimeException e) {
                METRICS.addMetric("DiscoveryErrors", 1, MetricUnit.COUNT);
                LOG.error("discovery failed", entry("errorClass", e.getClass().getSimpleName()),
                        entry("errorText", String.valueOf(e.getMessage())));
                throw e;
            } finally {
                METRICS.flush();
            }
        });
    }
}
