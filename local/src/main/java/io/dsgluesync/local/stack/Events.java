package io.dsgluesync.local.stack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsgluesync.model.JsonCodec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** The event JSON Lambda hands a function: an EventBridge scheduled event, or an SQS batch. */
public final class Events {
    private Events() {
    }

    public static String scheduled(Instant time, String region, String account) {
        return scheduled(time, region, account, Map.of());
    }

    /**
     * A scheduled event whose {@code detail} holds {@code detail}, as a rule with a constant input sets it
     * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html); discovery reads
     * {@code detail.operation}.
     */
    public static String scheduled(Instant time, String region, String account, Map<String, String> detail) {
        ObjectNode event = JsonCodec.mapper().createObjectNode()
                .put("version", "0")
                .put("id", UUID.randomUUID().toString())
                .put("detail-type", "Scheduled Event")
                .put("source", "aws.events")
                .put("account", account)
                .put("time", time.truncatedTo(ChronoUnit.SECONDS).toString())
                .put("region", region);
        event.putArray("resources").add("arn:aws:events:" + region + ":" + account + ":rule/dsgs-local-schedule");
        ObjectNode body = event.putObject("detail");
        new TreeMap<>(detail).forEach(body::put);
        return event.toString();
    }

    /**
     * The event of Lambda's SQS event source: per record the system attributes SQS returned (ApproximateReceiveCount,
     * SentTimestamp, SenderId, ApproximateFirstReceiveTimestamp, and AWSTraceHeader, DeadLetterQueueSourceArn or the
     * FIFO ones when present) and the message attributes in Lambda's shape
     * (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html, example standard queue message event).
     */
    public static String sqs(List<Message> messages, String queueArn, String region) {
        ObjectNode event = JsonCodec.mapper().createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message m : messages) {
            ObjectNode record = records.addObject()
                    .put("messageId", m.messageId())
                    .put("receiptHandle", m.receiptHandle())
                    .put("body", m.body());
            ObjectNode attributes = record.putObject("attributes");
            m.attributesAsStrings().forEach(attributes::put);
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            m.messageAttributes().forEach((name, value) -> messageAttribute(messageAttributes.putObject(name), value));
            record.put("md5OfBody", m.md5OfBody());
            if (m.md5OfMessageAttributes() != null) {
                record.put("md5OfMessageAttributes", m.md5OfMessageAttributes());
            }
            record.put("eventSource", "aws:sqs")
                    .put("eventSourceARN", queueArn)
                    .put("awsRegion", region);
        }
        return event.toString();
    }

    private static void messageAttribute(ObjectNode node, MessageAttributeValue value) {
        if (value.stringValue() != null) {
            node.put("stringValue", value.stringValue());
        }
        if (value.binaryValue() != null) {
            node.put("binaryValue", Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
        }
        ArrayNode strings = node.putArray("stringListValues");
        value.stringListValues().forEach(strings::add);
        ArrayNode binaries = node.putArray("binaryListValues");
        value.binaryListValues().forEach(b -> binaries.add(Base64.getEncoder().encodeToString(b.asByteArray())));
        node.put("dataType", value.dataType());
    }
}
