package io.dsgluesync.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Sends messages in batches of ten. SendMessageBatch answers 200 even when some entries failed, so failed entries
 * are sent again, a bounded number of times (reference lambda-java.md §5.7).
 */
public class QueuePublisher {
    /** SendMessageBatch takes at most 10 entries (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html). */
    public static final int MAX_BATCH = 10;
    private static final int MAX_ROUNDS = 4;
    private final SqsClient sqs;

    public QueuePublisher(SqsClient sqs) {
        this.sqs = sqs;
    }

    public void send(String queueUrl, String body) {
        sendAll(queueUrl, List.of(body));
    }


    /** Sends every body, in order, or throws naming how many could not be sent. */
    public void sendAll(String queueUrl, List<String> bodies) {
        for (int start = 0; start < bodies.size(); start += MAX_BATCH) {
            List<String> chunk = bodies.subList(start, Math.min(bodies.size(), start + MAX_BATCH));
            sendBatch(queueUrl, chunk);
        }
    }

    private void sendBatch(String queueUrl, List<String> chunk) {
        List<SendMessageBatchRequestEntry> pending = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            pending.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(chunk.get(i)).build());
        }
        String lastError = null;
        for (int round = 1; round <= MAX_ROUNDS && !pending.isEmpty(); round++) {
            SendMessageBatchResponse response;
            try {
                List<SendMessageBatchRequestEntry> entries = pending;
                response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            } catch (SqsException e) {
                throw new QueueException("SendMessageBatch to " + queueUrl + " failed: "
                        + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode()), e);
            }
            Map<String, BatchResultErrorEntry> failed = response.failed().stream()
                    .collect(Collectors.toMap(BatchResultErrorEntry::id, f -> f));
            List<SendMessageBatchRequestEntry> retry = new ArrayList<>();
            for (SendMessageBatchRequestEntry entry : pending) {
                BatchResultErrorEntry error = failed.get(entry.id());
                if (error != null) {
                    if (error.senderFault()) {
                        throw new QueueException("SQS refused a message for " + queueUrl + ": " + error.code()
                                + " " + error.message(), null);
                    }
                    lastError = error.code();
                    retry.add(entry);
                }
            }
            pending = retry;
        }
        if (!pending.isEmpty()) {
            throw new QueueException(pending.size() + " message(s) could not be sent to " + queueUrl + " after "
                    + MAX_ROUNDS + " rounds: " + lastError, null);
        }
    }
}
