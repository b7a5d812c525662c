package io.dsgluesync.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Plays the Lambda SQS event source mapping locally: receives batches, invokes the function with the SQS event,
 * deletes the records it did not report as failed ({@code ReportBatchItemFailures}), and lets failed ones come back
 * (immediately here, instead of after the visibility timeout) until redrive moves them to the dead-letter queue.
 */
public final class QueueDrainer {
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final LambdaEmulator function;
    private final String region;

    public QueueDrainer(SqsClient sqs, String queueUrl, LambdaEmulator function, String region) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.function = function;
        this.region = region;
        this.queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** Counts of one drain: invocations, records delivered, records reported failed. */
    public record Drained(int invocations, int delivered, int failedRecords) {
        public Drained plus(Drained other) {
            return new Drained(invocations + other.invocations, delivered + other.delivered,
                    failedRecords + other.failedRecords);
        }
    }

    public Drained drain(Duration limit) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        int invocations = 0;
        int delivered = 0;
        int failed = 0;
        while (Instant.now().isBefore(deadline)) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (batch.isEmpty()) {
                if (isEmpty()) {
                    return new Drained(invocations, delivered, failed);
                }
                Thread.sleep(200);
                continue;
            }
            String response = function.invoke(Events.sqs(batch, queueArn, region));
            invocations++;
            delivered += batch.size();
            Set<String> failedIds = failedIds(response, batch);
            failed += failedIds.size();
            List<DeleteMessageBatchRequestEntry> done = batch.stream().filter(m -> !failedIds.contains(m.messageId()))
                    .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle())
                            .build()).toList();
            if (!done.isEmpty()) {
                sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(done));
            }
            for (Message m : batch) {
                if (failedIds.contains(m.messageId())) {
                    sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())
                            .visibilityTimeout(0));
                }
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

    /** As Lambda reads the response: an error payload or an unreadable response fails the whole batch. */
    private static Set<String> failedIds(String response, List<Message> batch) {
        Set<String> all = new HashSet<>();
        batch.forEach(m -> all.add(m.messageId()));
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
