package io.dsgluesync.discovery;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.dsgluesync.audit.RunStarted;
import io.dsgluesync.sync.DiscoveryService;
import io.dsgluesync.sync.RunIds;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * EventBridge schedule → list Datasphere → one SQS message per asset. Returns the run summary. The event's
 * {@code detail} may name an operation: {@code {"operation": "plan"}} runs a plan (what a sync would do, with no
 * Glue write), {@code {"operation": "validate"}} only checks the Glue targets' permissions, and
 * {@code {"overrideFailSafe": true}} lets one run remove what the removed-asset fail-safe would hold, and
 * {@code {"operation": "priority"}} enqueues only the assets bound for the priority queue. While a sync or plan is
 * still active, a tick runs a priority pass instead, or is recorded as skipped.
 */
public class DiscoveryHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryHandler.class);
    private static final Metrics METRICS = MetricsFactory.getMetricsInstance();
    private final DiscoveryOperations operations;

    public DiscoveryHandler() {
        this(DiscoveryWiring.fromEnvironment(System.getenv()));
    }

    private DiscoveryHandler(DiscoveryWiring.Wired wired) {
        this(wired.service(), wired.admission());
    }

    DiscoveryHandler(DiscoveryService service, RunAdmission admission) {
        this.operations = new DiscoveryOperations(service, admission, METRICS);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        // The correlation id is the event's id, set directly: Powertools' CorrelationIdPaths.EVENT_BRIDGE would turn
        // the whole event into JSON and compile a JMESPath expression for it, some 280 classes in the first invocation.
        return PowertoolsLogging.withLogging(context, () -> {
            Instant scheduled = event.getTime() == null ? Instant.now() : Instant.ofEpochMilli(event.getTime().getMillis());
            String runId = RunIds.of(scheduled, event.getId());
            MDC.put("correlation_id", String.valueOf(event.getId()));
            MDC.put("run_id", runId);
            METRICS.captureColdStartMetric(context);
            try {
                Map<String, Object> detail = event.getDetail() == null ? Map.of() : event.getDetail();
                Object operation = detail.getOrDefault("operation", RunStarted.SYNC);
                if ("validate".equals(operation)) {
                    return operations.validate();
                }
                if (RunStarted.PRIORITY.equals(operation)) {
                    return operations.run(runId, DiscoveryService.RunOptions.PRIORITY);
                }
                if (!RunStarted.SYNC.equals(operation) && !RunStarted.PLAN.equals(operation)) {
                    throw new IllegalArgumentException("unknown operation '" + operation
                            + "' in the event's detail (sync, plan, priority or validate)");
                }
                return operations.run(runId, new DiscoveryService.RunOptions(RunStarted.PLAN.equals(operation),
                        "true".equalsIgnoreCase(String.valueOf(detail.get("overrideFailSafe")))));
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
