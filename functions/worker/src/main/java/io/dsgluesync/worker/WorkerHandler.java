package io.dsgluesync.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * SQS asset messages → Glue tables, one audit record per asset on the results queue. Only records that should be
 * retried are returned as batch item failures; one bad record never fails the batch.
 */
public class WorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Metrics METRICS = MetricsFactory.getMetricsInstance();
    private final AssetRecordHandler records;

    public WorkerHandler() {
        this(WorkerWiring.fromEnvironment(System.getenv()));
    }

    WorkerHandler(WorkerWiring wiring) {
        this.records = new AssetRecordHandler(wiring, METRICS);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            METRICS.captureColdStartMetric(context);
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            try {
                for (SQSEvent.SQSMessage message : event.getRecords()) {
                    if (!records.handle(message)) {
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
}
