package io.dsgluesync.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Plays the Lambda SQS event source mapping locally, one invocation at a time: receives batches of up to ten, invokes
 * the function with the SQS event, and deletes the records it did not report as failed
 * ({@code ReportBatchItemFailures}; an error, an unreadable response or a timeout fails the whole batch). What
 * happens to failed records depends on the {@link DeliveryMode}. Either way the receive count is SQS's own, and
 * moving a record to the dead-letter queue is left to SQS: moto, like SQS, moves a message whose receive count has
 * reached the redrive policy's {@code maxReceiveCount} when a receive would hand it out once more
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html).
 */
public final class QueueDrainer {
    private static final Duration POLL_PAUSE = Duration.ofMillis(200);
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final LambdaEmulator function;
    private final String region;
    private final DeliveryMode mode;
    private final Consumer<Delivery> listener;
    private boolean twice;

    /** A drainer in {@link DeliveryMode#FAST} mode. */
    public QueueDrainer(SqsClient sqs, String queueUrl, LambdaEmulator function, String region) {
        this(sqs, queueUrl, function, region, DeliveryMode.FAST, delivery -> { });
    }

    /**
     * {@code listener} hears of every record delivered, after its invocation ended and before the next receive.
     *
     * @throws IllegalStateException in {@link DeliveryMode#AWS} mode when the queue's visibility timeout is shorter
     *                               than the function's Timeout, which Lambda refuses for an event source mapping
     */
    /**
     * Every batch is delivered twice, as a standard queue's at-least-once delivery may deliver a message more than
     * once (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/standard-queues-at-least-once-delivery.html).
     */
    public QueueDrainer deliveringTwice() {
        twice = true;
        return this;
    }

    public QueueDrainer(SqsClient sqs, String queueUrl, LambdaEmulator function, String region, DeliveryMode mode,
                        Consumer<Delivery> listener) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.function = function;
        this.region = region;
        this.mode = mode;
        this.listener = listener;
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN, QueueAttributeName.VISIBILITY_TIMEOUT)).attributes();
        this.queueArn = attributes.get(QueueAttributeName.QUEUE_ARN);
        long visibilityTimeout = Long.parseLong(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT));
        if (mode == DeliveryMode.AWS && visibilityTimeout < function.timeout().toSeconds()) {
            throw new IllegalStateException("Queue visibility timeout: " + visibilityTimeout
                    + " seconds is less than Function timeout: " + function.timeout().toSeconds() + " seconds ("
                    + queueUrl + ", " + function.name() + "): Lambda refuses such an event source mapping");
        }
    }

    /** What became of one record after one invocation. */
    public enum Outcome {
        /** Done: the drainer deleted it. */
        SUCCEEDED,
        /** Listed in {@code batchItemFailures}, or its whole batch failed: left in the queue. */
        FAILED,
        /** Its invocation ran past the function's Timeout and was abandoned: left in the queue. */
        TIMED_OUT
    }

    /**
     * One record handed to the function once.
     *
     * @param receiveCount the {@code ApproximateReceiveCount} the event carried
     * @param receivedAt   when the drainer received it from SQS
     * @param invocation   how long the invocation that carried it ran
     */
    public record Delivery(String queueUrl, String messageId, int receiveCount, Instant receivedAt,
                           Duration invocation, Outcome outcome) {
    }

    /** What one drain did: invocations, records delivered, records that failed, invocations that timed out. */
    public record Drained(int invocations, int delivered, int failedRecords, int timedOutInvocations,
                          List<Delivery> deliveries) {
        public Drained {
            deliveries = List.copyOf(deliveries);
        }

        public Drained plus(Drained other) {
            List<Delivery> all = new ArrayList<>(deliveries);
            all.addAll(other.deliveries);
            return new Drained(invocations + other.invocations, delivered + other.delivered,
                    failedRecords + other.failedRecords, timedOutInvocations + other.timedOutInvocations, all);
        }
    }

    /** Delivers until the queue holds no message, visible or in flight. */
    public Drained drain(Duration limit) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        int invocations = 0;
        int failed = 0;
        int timedOut = 0;
        List<Delivery> deliveries = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            // System attributes and message attributes as SQS gives them: Lambda passes them on in each record.
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            Instant receivedAt = Instant.now();
            if (batch.isEmpty()) {
                if (isEmpty()) {
                    return new Drained(invocations, deliveries.size(), failed, timedOut, deliveries);
                }
                // In flight: in AWS mode, failed records wait out their visibility timeout here.
                Thread.sleep(POLL_PAUSE.toMillis());
                continue;
            }
            String event = Events.sqs(batch, queueArn, region);
            LambdaEmulator.Invocation invocation = function.call(event);
            invocations++;
            if (twice && !invocation.timedOut()) {
                // The same records once more, as a standard queue may deliver them: the second answer decides.
                invocation = function.call(event);
                invocations++;
            }
            Set<String> failedIds = invocation.timedOut() ? ids(batch) : failedIds(invocation.payload(), batch);
            failed += failedIds.size();
            if (invocation.timedOut()) {
                timedOut++;
            }
            List<DeleteMessageBatchRequestEntry> done = batch.stream().filter(m -> !failedIds.contains(m.messageId()))
                    .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle())
                            .build()).toList();
            if (!done.isEmpty()) {
                sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(done));
            }
            for (Message m : batch) {
                boolean failedHere = failedIds.contains(m.messageId());
                if (failedHere && mode == DeliveryMode.FAST) {
                    sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())
                            .visibilityTimeout(0));
                }
                Outcome outcome = !failedHere ? Outcome.SUCCEEDED
                        : invocation.timedOut() ? Outcome.TIMED_OUT : Outcome.FAILED;
                Delivery delivery = new Delivery(queueUrl, m.messageId(), receiveCount(m), receivedAt,
                        invocation.duration(), outcome);
                deliveries.add(delivery);
                listener.accept(delivery);
            }
        }
        throw new IOException("queue " + queueUrl + " was not drained within " + limit.toSeconds() + " s");
    }

    private boolean isEmpty() {
        var attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                && "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static int receiveCount(Message message) {
        return Integer.parseInt(message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
    }

    private static Set<String> ids(List<Message> batch) {
        Set<String> all = new HashSet<>();
        batch.forEach(m -> all.add(m.messageId()));
        return all;
    }

    /** As Lambda reads the response: an error payload or an unreadable response fails the whole batch. */
    private static Set<String> failedIds(String response, List<Message> batch) {
        Set<String> all = ids(batch);
        JsonNode node;
        try {
            node = JsonCodec.mapper().readTree(response);
        } catch (IOException e) {
            return all;
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Set.of();
        }
        if (node.has("errorType") || node.has("errorMessage")) {
            return all;
        }
        Set<String> failed = new HashSet<>();
        for (JsonNode item : node.path("batchItemFailures")) {
            String id = item.path("itemIdentifier").asText("");
            if (id.isEmpty() || !all.contains(id)) {
                return all;
            }
            failed.add(id);
        }
        return failed;
    }
}
