package io.dsgluesync.local.stack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsgluesync.model.JsonCodec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.model.Message;

/** The event JSON Lambda hands a function: an EventBridge scheduled event, or an SQS batch. */
public final class Events {
    private Events() {
    }

    public static String scheduled(Instant time, String region, String account) {
        ObjectNode event = JsonCodec.mapper().createObjectNode()
                .put("version", "0")
                .put("id", UUID.randomUUID().toString())
                .put("detail-type", "Scheduled Event")
                .put("source", "aws.events")
                .put("account", account)
                .put("time", time.truncatedTo(ChronoUnit.SECONDS).toString())
                .put("region", region);
        event.putArray("resources").add("arn:aws:events:" + region + ":" + account + ":rule/dsgs-local-schedule");
        event.putObject("detail");
        return event.toString();
    }

    public static String sqs(List<Message> messages, String queueArn, String region) {
        ObjectNode event = JsonCodec.mapper().createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message m : messages) {
            ObjectNode record = records.addObject()
                    .put("messageId", m.messageId())
                    .put("receiptHandle", m.receiptHandle())
                    .put("body", m.body())
                    .put("md5OfBody", m.md5OfBody())
                    .put("eventSource", "aws:sqs")
                    .put("eventSourceARN", queueArn)
                    .put("awsRegion", region);
            ObjectNode attributes = record.putObject("attributes");
            m.attributesAsStrings().forEach(attributes::put);
            record.putObject("messageAttributes");
        }
        return event.toString();
    }
}
