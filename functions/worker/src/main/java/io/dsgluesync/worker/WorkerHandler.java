package io.dsgluesync.worker;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * SQS asset messages → Glue tables, one audit record per asset on the results queue. Only records that should be
 * retried are returned as batch item failures; one bad record never fails the batch. When the time left is shorter
 * than one asset may take, the remaining records are returned for retry untouched instead of being lost to the
 * function's timeout (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html).
 */
public class WorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerHandler.class);
    private static final Metrics METRICS = MetricsFactory.getMetricsInstance();
    private final RecordHandler records;
    private final Duration reserve;
    /** Held for the container's life: the CRaC context may keep its resources only weakly. */
    private WorkerPriming priming;

    /** One record: true when it is done with (synced, or failed for good with an audit record). */
    interface RecordHandler {
        boolean handle(SQSEvent.SQSMessage message);

        /** Called once before the batch's records are handled. */
        default void beginBatch(List<SQSEvent.SQSMessage> messages) {
        }
    }

    public WorkerHandler() {
        this(WorkerWiring.fromEnvironment(System.getenv()));
    }

    WorkerHandler(WorkerWiring wiring) {
        this(new AssetRecordHandler(wiring.assetSync, wiring.publisher, wiring.resultsQueueUrl, wiring.maxAttempts,
                METRICS, wiring.runHalts), wiring.timeReserve);
        priming = new WorkerPriming(wiring.mapping).register();
        if (wiring.primeAtInit) {
            priming.prime();
        }
    }

    WorkerHandler(RecordHandler records, Duration reserve) {
        this.records = records;
        this.reserve = reserve;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            METRICS.captureColdStartMetric(context);
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            int deferred = 0;
            try {
                records.beginBatch(event.getRecords());
                for (SQSEvent.SQSMessage message : event.getRecords()) {
                    boolean timeShort = context.getRemainingTimeInMillis() < reserve.toMillis();
                    if (timeShort) {
                        deferred++;
                    }
                    if (timeShort || !records.handle(message)) {
                        failures.add(SQSBatchResponse.BatchItemFailure.builder()
                                .withItemIdentifier(message.getMessageId()).build());
                    }
                }
                if (deferred > 0) {
                    METRICS.addMetric("RecordsDeferred", deferred, MetricUnit.COUNT);
                    LOG.warn("time short: records returned for retry untouched", entry("records", deferred),
                            entry("reserveMs", reserve.toMillis()));
                }
            } finally {
                METRICS.flush();
            }
            return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
        });
    }
}
