package io.dsgluesync.discovery;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dsgluesync.glue.PermissionCheck;
import io.dsgluesync.model.JsonCodec;
import io.dsgluesync.sync.DiscoveryResult;
import io.dsgluesync.audit.RunStarted;
import io.dsgluesync.sync.DiscoveryService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The discovery function's operations, each logged and counted: a run (sync or plan, one at a time), and the Glue
 * permission check.
 */
final class DiscoveryOperations {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryOperations.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() { };
    private final DiscoveryService service;
    private final RunAdmission admission;
    private final Metrics metrics;

    DiscoveryOperations(DiscoveryService service, RunAdmission admission, Metrics metrics) {
        this.service = service;
        this.admission = admission;
        this.metrics = metrics;
    }

    /**
     * A run (sync or plan). While another sync or plan is still active, a sync tick becomes a priority pass when the
     * rules send assets to the priority queue and no pass is active, so that those assets stay fresh however long a
     * large tenant's sync takes; otherwise the tick is a skipped run.
     */
    Map<String, Object> run(String runId, DiscoveryService.RunOptions options) {
        metrics.addMetadata("runId", runId);
        Optional<String> blocking = admission.blockingRun(runId, options.operation());
        if (blocking.isPresent() && !options.plan() && !options.priorityOnly() && service.prioritizes()) {
            Optional<String> passBlocking = admission.blockingRun(runId, RunStarted.PRIORITY);
            if (passBlocking.isEmpty()) {
                LOG.info("priority pass instead of a sync", entry("blockedBy", blocking.get()));
                metrics.addMetric("PriorityPasses", 1, MetricUnit.COUNT);
                options = DiscoveryService.RunOptions.PRIORITY;
                blocking = Optional.empty();
            } else {
                blocking = Optional.of(blocking.get() + "; " + passBlocking.get());
            }
        }
        if (blocking.isPresent()) {
            metrics.addMetric("RunsSkipped", 1, MetricUnit.COUNT);
            return admission.skip(runId, options.operation(), blocking.get());
        }
        DiscoveryResult result = service.run(runId, options);
        if (result.haltedReason() != null) {
            metrics.addMetric("DiscoveryHalted", 1, MetricUnit.COUNT);
        }
        metrics.addMetric("AssetsEnqueued", result.assetsEnqueued(), MetricUnit.COUNT);
        metrics.addMetric("DiscoveryDuration", result.durationMs(), MetricUnit.MILLISECONDS);
        metrics.addMetric("DatasphereRequests", result.datasphereRequests(), MetricUnit.COUNT);
        metrics.addMetric("DiscoveryIncomplete", result.listingComplete() ? 0 : 1, MetricUnit.COUNT);
        if (result.coverage() != null && result.haltedReason() == null) {
            metrics.addMetric("UnreadableSpaces", result.coverage().unreadableCount(), MetricUnit.COUNT);
            metrics.addMetric("UnexposedObjects", result.coverage().unexposedCount(), MetricUnit.COUNT);
        }
        if (result.stale() != null && result.stale().evaluated()) {
            metrics.addMetric("StaleTables", result.stale().staleTables(), MetricUnit.COUNT);
        }
        LOG.info("discovery finished", entry("spaces", result.spaces()), entry("assetsEnqueued",
                result.assetsEnqueued()), entry("operation", result.operation()), entry("stale", result.stale()),
                entry("listingComplete", result.listingComplete()),
                entry("listingErrors", result.listingErrors()), entry("coverage", result.coverage()));
        return JsonCodec.mapper().convertValue(result, MAP);
    }

    /** The {@code validate} operation: which Glue permissions each target has; enqueues nothing. */
    Map<String, Object> validate() {
        List<PermissionCheck.TargetReport> reports = service.validate();
        boolean ok = reports.stream().allMatch(PermissionCheck.TargetReport::ok);
        reports.forEach(r -> LOG.info("glue permissions", entry("target", r.target()), entry("account", r.account()),
                entry("ok", r.ok()), entry("missing", r.missing())));
        metrics.addMetric("ValidationFailures", ok ? 0 : 1, MetricUnit.COUNT);
        return Map.of("operation", "validate", "ok", ok, "targets", JsonCodec.mapper().convertValue(reports, LIST));
    }
}
