package io.dsgluesync.queue;

import io.dsgluesync.model.WireText;
import java.nio.charset.StandardCharsets;
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
 * Sends messages in batches cut by count and by bytes. Bodies are cleaned into SQS's character set first
 * ({@link WireText}); a body over the size limit, or one SQS refuses as the sender's fault, is answered as
 * {@link Rejected} and never stops the others. SendMessageBatch answers 200 even when some entries failed, so entries
 * that failed on SQS's side are sent again, a bounded number of times
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html).
 */
public class QueuePublisher {
    /** SendMessageBatch takes at most 10 entries. */
    public static final int MAX_BATCH = 10;
    /**
     * The queues' MaximumMessageSize (template.yaml), also the most one batch may carry in all: 256 KiB
     * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html).
     */
    public static final int MAX_BYTES = 262_144;
    private static final int MAX_ROUNDS = 4;
    private final SqsClient sqs;

    /** A body SQS will not take, and why. */
    public record Rejected(int index, String body, String reason) {
    }

    public QueuePublisher(SqsClient sqs) {
        this.sqs = sqs;
    }

    /** Sends one message; throws when it cannot be sent. */
    public void send(String queueUrl, String body) {
        List<Rejected> rejected = sendAll(queueUrl, List.of(body));
        if (!rejected.isEmpty()) {
            throw new QueueException("SQS refused a message for " + queueUrl + ": " + rejected.get(0).reason(), null);
        }
    }

    /**
     * Sends every body it can, in order; answers those SQS would not take. Throws only when SQS itself fails (an
     * error of the call, or entries still failing on SQS's side after the retries).
     */
    public List<Rejected> sendAll(String queueUrl, List<String> bodies) {
        List<Rejected> rejected = new ArrayList<>();
        List<Entry> batch = new ArrayList<>();
        int batchBytes = 0;
        for (int i = 0; i < bodies.size(); i++) {
            String body = WireText.clean(bodies.get(i));
            int bytes = body.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_BYTES) {
                rejected.add(new Rejected(i, bodies.get(i), "message of " + bytes + " bytes is over SQS's limit of "
                        + MAX_BYTES + " bytes"));
                continue;
            }
            if (batch.size() == MAX_BATCH || batchBytes + bytes > MAX_BYTES) {
                rejected.addAll(sendBatch(queueUrl, batch));
                batch = new ArrayList<>();
                batchBytes = 0;
            }
            batch.add(new Entry(i, body, bodies.get(i)));
            batchBytes += bytes;
        }
        if (!batch.isEmpty()) {
            rejected.addAll(sendBatch(queueUrl, batch));
        }
        return rejected;
    }

    private record Entry(int index, String body, String original) {
    }

    private List<Rejected> sendBatch(String queueUrl, List<Entry> batch) {
        List<Rejected> rejected = new ArrayList<>();
        List<Entry> pending = batch;
        String lastError = null;
        for (int round = 1; round <= MAX_ROUNDS && !pending.isEmpty(); round++) {
            List<SendMessageBatchRequestEntry> entries = pending.stream().map(e -> SendMessageBatchRequestEntry
                    .builder().id("m" + e.index()).messageBody(e.body()).build()).toList();
            SendMessageBatchResponse response;
            try {
                response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            } catch (SqsException e) {
                throw new QueueException("SendMessageBatch to " + queueUrl + " failed: "
                        + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode()), e);
            }
            Map<String, BatchResultErrorEntry> failed = response.failed().stream()
                    .collect(Collectors.toMap(BatchResultErrorEntry::id, f -> f));
            List<Entry> retry = new ArrayList<>();
            for (Entry entry : pending) {
                BatchResultErrorEntry error = failed.get("m" + entry.index());
                if (error == null) {
                    continue;
                }
                if (error.senderFault()) {
                    rejected.add(new Rejected(entry.index(), entry.original(), error.code() + " " + error.message()));
                } else {
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
        return rejected;
    }
}
