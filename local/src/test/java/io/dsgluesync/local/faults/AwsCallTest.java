package io.dsgluesync.local.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dsgluesync.local.faults.AwsCall.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Service and operation read from requests shaped as SDK 2.57 sends them (see {@link ForwardingTest}). */
class AwsCallTest {

    @Test
    void glueIsAwsJson11WithTheOperationInXAmzTarget() {
        AwsCall call = AwsCall.identify(post("glue", "application/x-amz-json-1.1", "AWSGlue.CreateTable", "{}"));

        assertEquals(new AwsCall(Optional.of("glue"), Optional.of("CreateTable"), Protocol.AWS_JSON_1_1), call);
        assertEquals("glue.CreateTable", call.label());
    }

    @Test
    void dynamoDbAndSqsAreAwsJson10() {
        assertEquals(new AwsCall(Optional.of("dynamodb"), Optional.of("TransactWriteItems"), Protocol.AWS_JSON_1_0),
                AwsCall.identify(post("dynamodb", "application/x-amz-json-1.0",
                        "DynamoDB_20120810.TransactWriteItems", "{}")));
        assertEquals(new AwsCall(Optional.of("sqs"), Optional.of("SendMessageBatch"), Protocol.AWS_JSON_1_0),
                AwsCall.identify(post("sqs", "application/x-amz-json-1.0", "AmazonSQS.SendMessageBatch", "{}")));
    }

    @Test
    void theQueryProtocolNamesTheOperationInTheFormBody() {
        ProxiedRequest request = new ProxiedRequest("POST", "/", Map.of(
                "Authorization", List.of(authorization("sts")),
                "Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8")),
                "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8));

        assertEquals(new AwsCall(Optional.of("sts"), Optional.of("GetCallerIdentity"), Protocol.AWS_QUERY),
                AwsCall.identify(request));
    }

    @Test
    void s3IsKnownByItsServiceOnly() {
        ProxiedRequest put = new ProxiedRequest("PUT", "/bucket/a%20key.json",
                Map.of("Authorization", List.of(authorization("s3"))), new byte[3]);

        AwsCall call = AwsCall.identify(put);

        assertEquals(new AwsCall(Optional.of("s3"), Optional.empty(), Protocol.REST_XML), call);
        assertEquals("s3", call.label());
    }

    @Test
    void aPresignedUrlCarriesItsCredentialScopeInTheQuery() {
        ProxiedRequest get = new ProxiedRequest("GET", "/bucket/key?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=testing%2F20261202%2Feu-central-1%2Fs3%2Faws4_request&X-Amz-Signature=ab",
                Map.of(), new byte[0]);

        assertEquals(Optional.of("s3"), AwsCall.identify(get).service());
    }

    @Test
    void motoApiCallsAreUnsigned() {
        AwsCall call = AwsCall.identify(new ProxiedRequest("POST", "/moto-api/reset", Map.of(), new byte[0]));

        assertEquals(Optional.empty(), call.service());
        assertEquals("unsigned", call.label());
    }

    private static ProxiedRequest post(String service, String contentType, String target, String body) {
        return new ProxiedRequest("POST", "/", Map.of(
                "Authorization", List.of(authorization(service)),
                "Content-Type", List.of(contentType),
                "X-Amz-Target", List.of(target)), body.getBytes(StandardCharsets.UTF_8));
    }

    private static String authorization(String service) {
        return "AWS4-HMAC-SHA256 Credential=testing/20261202/eu-central-1/" + service + "/aws4_request, "
                + "SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;"
                + "x-amz-content-sha256;x-amz-date;x-amz-target, Signature=36a7062e7b05";
    }
}
