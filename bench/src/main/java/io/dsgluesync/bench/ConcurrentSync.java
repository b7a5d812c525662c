package io.dsgluesync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.local.stack.Events;
import io.dsgluesync.local.stack.LambdaEmulator;
import io.dsgluesync.local.stack.LocalAws;
import io.dsgluesync.local.stack.QueueDrainer;
import io.dsgluesync.local.stack.SamTemplate;
import io.dsgluesync.local.stack.StackEndpoints;
import io.dsgluesync.local.stack.SyncRunner;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One sync with workers running concurrently, as Lambda runs them: discovery under the emulator, then as many worker
 * execution environments as each event source's {@code MaximumConcurrency} draining their queue in parallel threads
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html#events-sqs-max-concurrency), while the
 * results function's containers drain the results queue. Each worker container is its own emulator and JVM, so each has its
 * own clients, token and budget share, as in Lambda.
 */
final class ConcurrentSync implements AutoCloseable {
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(30);
    private final StackEndpoints endpoints;
    private final SyncRunner runner;
    private final LocalAws aws;
    private final LambdaEmulator discovery;
    private final List<LambdaEmulator> assetWorkers = new ArrayList<>();
    private final List<LambdaEmulator> priorityWorkers = new ArrayList<>();
    private final List<LambdaEmulator> results = new ArrayList<>();

    /** What one run did, with the boundaries of its phases. */
    record Run(String runId, JsonNode discoveryResponse, Instant discoveryStart, Instant discoveryEnd,
               Instant workersEnd, Instant resultsEnd, QueueDrainer.Drained workers) {
    }

    private static final Duration RESULTS_POLL = Duration.ofMillis(500);

    /**
     * Starts discovery, {@code assetWorkers} + {@code priorityWorkers} worker containers and {@code resultsCount}
     * results containers (template.yaml gives its event source a {@code MaximumConcurrency} of 2; 0 leaves the
     * results queue undrained).
     */
    ConcurrentSync(BenchStack stack, StackEndpoints endpoints, int assetWorkerCount, int priorityWorkerCount,
                   int resultsCount) throws IOException {
        this.endpoints = endpoints;
        this.runner = new SyncRunner(stack.paths, endpoints, stack.dir);
        this.aws = endpoints.localAws();
        SamTemplate template = SamTemplate.read(stack.paths.template());
        Map<String, String> ids = endpoints.physicalIds();
        this.discovery = runner.start(template, "DiscoveryFunction", ids);
        for (int i = 0; i < assetWorkerCount; i++) {
            assetWorkers.add(runner.start(template, "WorkerFunction", ids));
        }
        for (int i = 0; i < priorityWorkerCount; i++) {
            priorityWorkers.add(runner.start(template, "WorkerFunction", ids));
        }
        for (int i = 0; i < resultsCount; i++) {
            results.add(runner.start(template, "ResultsFunction", ids));
        }
    }

    Run run() throws IOException, InterruptedException {
        Instant discoveryStart = Instant.now();
        LambdaEmulator.Invocation invocation = discovery.call(Events.scheduled(Instant.now(), LocalAws.REGION,
                LocalAws.ACCOUNT));
        // A runtime that exits at init (e.g. two JVMs unpacking the runtime interface client's native library into
        // the same /tmp/.libaws-lambda-jni.so) is retried, as Lambda retries a failed asynchronous invocation twice
        // (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html).
        for (int retry = 0; retry < 2 && invocation.payload().contains("\"Runtime.ExitError\""); retry++) {
            invocation = discovery.call(Events.scheduled(Instant.now(), LocalAws.REGION, LocalAws.ACCOUNT));
        }
        Instant discoveryEnd = Instant.now();
        if (invocation.timedOut()) {
            throw new IOException("discovery timed out (log: " + discovery.log() + ")");
        }
        JsonNode response = JsonCodec.mapper().readTree(invocation.payload());
        if (response.has("errorType") || !response.hasNonNull("runId")) {
            throw new IOException("discovery failed: " + invocation.payload() + " (log: " + discovery.log() + ")");
        }
        ExecutorService pool = Executors.newFixedThreadPool(assetWorkers.size() + priorityWorkers.size()
                + results.size());
        try {
            AtomicBoolean workersDone = new AtomicBoolean();
            List<Future<?>> resultDrains = new ArrayList<>();
            for (LambdaEmulator function : results) {
                QueueDrainer drainer = runner.drainer(aws, endpoints.resources().resultsQueueUrl(), function);
                resultDrains.add(pool.submit(() -> {
                    // A drain ends when the queue is empty for a moment: keep draining until the workers are done.
                    while (!workersDone.get()) {
                        drainer.drain(DRAIN_LIMIT);
                        Thread.sleep(RESULTS_POLL.toMillis());
                    }
                    return drainer.drain(DRAIN_LIMIT);
                }));
            }
            QueueDrainer.Drained workers = drainWorkers(pool);
            Instant workersEnd = Instant.now();
            workersDone.set(true);
            for (Future<?> drain : resultDrains) {
                await(drain);
            }
            return new Run(response.get("runId").asText(), response, discoveryStart, discoveryEnd, workersEnd,
                    Instant.now(), workers);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Object await(Future<?> future) throws IOException, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IOException("a drain failed", e.getCause());
        }
    }

    private QueueDrainer.Drained drainWorkers(ExecutorService pool) throws IOException, InterruptedException {
        List<Future<QueueDrainer.Drained>> drains = new ArrayList<>();
        for (LambdaEmulator worker : priorityWorkers) {
            QueueDrainer drainer = runner.drainer(aws, endpoints.resources().priorityQueueUrl(), worker);
            drains.add(pool.submit(() -> drainer.drain(DRAIN_LIMIT)));
        }
        for (LambdaEmulator worker : assetWorkers) {
            QueueDrainer drainer = runner.drainer(aws, endpoints.resources().assetQueueUrl(), worker);
            drains.add(pool.submit(() -> drainer.drain(DRAIN_LIMIT)));
        }
        QueueDrainer.Drained all = new QueueDrainer.Drained(0, 0, 0, 0, List.of());
        for (Future<QueueDrainer.Drained> drain : drains) {
            all = all.plus((QueueDrainer.Drained) await(drain));
        }
        return all;
    }

    /** Messages still in the asset and priority queues, visible, in flight or delayed (0 after a complete drain). */
    long leftInAssetQueues() {
        long left = 0;
        for (String queue : List.of(endpoints.resources().assetQueueUrl(), endpoints.resources().priorityQueueUrl())) {
            Map<QueueAttributeName, String> attributes = aws.sqs().getQueueAttributes(r -> r.queueUrl(queue)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            left += attributes.values().stream().mapToLong(Long::parseLong).sum();
        }
        return left;
    }

    @Override
    public void close() {
        discovery.close();
        assetWorkers.forEach(LambdaEmulator::close);
        priorityWorkers.forEach(LambdaEmulator::close);
        results.forEach(LambdaEmulator::close);
        aws.close();
    }
}
