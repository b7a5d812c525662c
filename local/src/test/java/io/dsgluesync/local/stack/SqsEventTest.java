package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.model.JsonCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The SQS event the local event source builds has the shape of Lambda's
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html).
 */
class SqsEventTest {

    @Test
    void eachRecordCarriesSqsSystemAttributesAndMessageAttributesAsLambdaPassesThem() throws Exception {
        Message message = Message.builder().messageId("059f36b4-87a3-44ab-83d2-661975830a7d").receiptHandle("AQEBwJ")
                .body("{\"foo\": 2}").md5OfBody("e4e68fb7bd0e697a0ae8f1bb342846b3")
                .attributes(Map.of(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "3",
                        MessageSystemAttributeName.SENT_TIMESTAMP, "1545082649183",
                        MessageSystemAttributeName.SENDER_ID, "AIDAIENQZJOLO23YVJ4VO",
                        MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP, "1545082649185"))
                .messageAttributes(Map.of("req-id", MessageAttributeValue.builder().dataType("String")
                        .stringValue("24479a02").build(), "blob", MessageAttributeValue.builder().dataType("Binary")
                        .binaryValue(SdkBytes.fromUtf8String("1100")).build()))
                .md5OfMessageAttributes("582c92c5c5b6ac403040a4f3ab3115c9").build();

        JsonNode record = JsonCodec.mapper().readTree(Events.sqs(List.of(message),
                "arn:aws:sqs:eu-central-1:123456789012:dsgs-local-assets", "eu-central-1")).path("Records").get(0);

        assertEquals(List.of("messageId", "receiptHandle", "body", "attributes", "messageAttributes", "md5OfBody",
                "md5OfMessageAttributes", "eventSource", "eventSourceARN", "awsRegion"), fieldNames(record));
        assertEquals("3", record.path("attributes").path("ApproximateReceiveCount").asText());
        assertEquals("1545082649185", record.path("attributes").path("ApproximateFirstReceiveTimestamp").asText());
        assertEquals("AIDAIENQZJOLO23YVJ4VO", record.path("attributes").path("SenderId").asText());
        JsonNode reqId = record.path("messageAttributes").path("req-id");
        assertEquals("24479a02", reqId.path("stringValue").asText());
        assertEquals("String", reqId.path("dataType").asText());
        assertEquals(0, reqId.path("stringListValues").size());
        assertEquals(0, reqId.path("binaryListValues").size());
        assertFalse(reqId.has("binaryValue"));
        assertEquals("MTEwMA==", record.path("messageAttributes").path("blob").path("binaryValue").asText());
        assertEquals("aws:sqs", record.path("eventSource").asText());
        assertEquals("arn:aws:sqs:eu-central-1:123456789012:dsgs-local-assets", record.path("eventSourceARN").asText());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
