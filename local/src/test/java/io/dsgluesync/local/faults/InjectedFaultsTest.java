package io.dsgluesync.local.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.RequestThrottledException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Throttling and 5xx answers, in each protocol's error shape, as the SDK's standard retry strategy (3 attempts)
 * sees them over moto: retried, and when they outlast the attempts, classified as throttling or as a server error.
 */
class InjectedFaultsTest {
    private static MotoBehindProxy stack;
    private static GlueClient glue;
    private static DynamoDbClient dynamo;
    private static SqsClient sqs;
    private static S3Client s3;
    private static StsClient sts;

    @BeforeAll
    static void start() throws Exception {
        stack = MotoBehindProxy.start("faults-injected");
        glue = stack.standard(GlueClient.builder());
        dynamo = stack.standard(DynamoDbClient.builder());
        sqs = stack.standard(SqsClient.builder());
        s3 = stack.standard(S3Client.builder().forcePathStyle(true));
        sts = stack.standard(StsClient.builder());
        stack.direct.glue().createDatabase(r -> r.databaseInput(d -> d.name("sales")));
        stack.createKeyTable("items");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @AfterEach
    void reset() {
        stack.reset();
    }

    @Test
    void twoThrottledCreateTableCallsAreRetriedAndTheTableIsCreated() {
        FaultRule rule = stack.proxy.rules().add(FaultRule.nextN("glue", "CreateTable", Fault.THROTTLE, 2));

        glue.createTable(r -> r.databaseName("sales").tableInput(t -> t.name("orders")));

        assertEquals("orders", stack.direct.glue().getTable(r -> r.databaseName("sales").name("orders")).table().name());
        assertEquals(2, rule.injected());
        assertEquals(2, stack.proxy.stats().injected("glue", "CreateTable"));
        assertEquals(1, stack.proxy.stats().forwarded("glue", "CreateTable"));
    }

    @Test
    void twoUnavailableAnswersAreRetriedAndTheCallSucceeds() {
        stack.proxy.rules().add(FaultRule.nextN("dynamodb", "PutItem", Fault.UNAVAILABLE, 2));

        dynamo.putItem(r -> r.tableName("items").item(Map.of("pk", AttributeValue.fromS("after-503"))));

        assertTrue(stack.direct.dynamo().getItem(r -> r.tableName("items")
                .key(Map.of("pk", AttributeValue.fromS("after-503")))).hasItem());
        assertEquals(2, stack.proxy.stats().injected(Fault.Kind.UNAVAILABLE));
        assertEquals(1, stack.proxy.stats().forwarded("dynamodb", "PutItem"));
    }

    @Test
    void moreThrottlesThanAttemptsFailAsThrottlingAndNothingReachesMoto() {
        stack.proxy.rules().add(FaultRule.nextN("glue", "CreateTable", Fault.THROTTLE, 3));

        AwsServiceException e = assertThrows(AwsServiceException.class,
                () -> glue.createTable(r -> r.databaseName("sales").tableInput(t -> t.name("never"))));

        assertTrue(e.isThrottlingException(), e.toString());
        assertEquals("ThrottlingException", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        assertEquals(3, e.numAttempts());
        assertEquals(0, stack.proxy.stats().forwarded());
        assertThrows(EntityNotFoundException.class,
                () -> stack.direct.glue().getTable(r -> r.databaseName("sales").name("never")));
    }

    @Test
    void dynamoDbThrottlingIsRecognisedInBothItsErrorCodes() {
        stack.proxy.rules().add(FaultRule.nextN("dynamodb", "GetItem", Fault.THROTTLE, 3));
        stack.proxy.rules().add(FaultRule.nextN("dynamodb", "GetItem",
                Fault.throttle("ProvisionedThroughputExceededException"), 3));

        AwsServiceException throttling = assertThrows(AwsServiceException.class, this::getItem);
        AwsServiceException provisioned = assertThrows(AwsServiceException.class, this::getItem);

        assertTrue(throttling.isThrottlingException());
        assertEquals("ThrottlingException", throttling.awsErrorDetails().errorCode());
        assertInstanceOf(ProvisionedThroughputExceededException.class, provisioned);
        assertTrue(provisioned.isThrottlingException());
    }

    @Test
    void sqsThrottlingIsItsQueryCompatibleRequestThrottled() {
        String queueUrl = stack.direct.sqs().createQueue(r -> r.queueName("assets")).queueUrl();
        stack.proxy.rules().add(FaultRule.nextN("sqs", "SendMessageBatch", Fault.THROTTLE, 3));

        RequestThrottledException e = assertThrows(RequestThrottledException.class, () -> sqs.sendMessageBatch(r -> r
                .queueUrl(queueUrl).entries(m -> m.id("1").messageBody("{}"))));

        assertTrue(e.isThrottlingException());
        assertEquals("RequestThrottled", e.awsErrorDetails().errorCode());
        assertEquals(3, stack.proxy.stats().injected("sqs", "SendMessageBatch"));
    }

    @Test
    void s3SlowDownAndStsThrottlingAreThrottlingToo() {
        stack.direct.s3().createBucket(r -> r.bucket("rules"));
        stack.proxy.rules().add(FaultRule.nextN("s3", Fault.THROTTLE, 3));
        stack.proxy.rules().add(FaultRule.nextN("sts", "GetCallerIdentity", Fault.THROTTLE, 3));

        AwsServiceException slowDown = assertThrows(AwsServiceException.class,
                () -> s3.putObject(r -> r.bucket("rules").key("rules.json"), RequestBody.fromString("{}")));
        AwsServiceException throttling = assertThrows(AwsServiceException.class, () -> sts.getCallerIdentity());

        assertEquals("SlowDown", slowDown.awsErrorDetails().errorCode());
        assertEquals(503, slowDown.statusCode());
        assertTrue(slowDown.isThrottlingException());
        assertEquals("Throttling", throttling.awsErrorDetails().errorCode());
        assertTrue(throttling.isThrottlingException());
    }

    @Test
    void serverErrorsBeyondTheAttemptsFailAsServerErrorsNotThrottling() {
        stack.proxy.rules().add(FaultRule.nextN("glue", "GetDatabase", Fault.INTERNAL_ERROR, 3));
        stack.proxy.rules().add(FaultRule.nextN("dynamodb", "GetItem", Fault.INTERNAL_ERROR, 3));

        AwsServiceException glueError = assertThrows(AwsServiceException.class,
                () -> glue.getDatabase(r -> r.name("sales")));
        AwsServiceException dynamoError = assertThrows(AwsServiceException.class, this::getItem);

        assertEquals(500, glueError.statusCode());
        assertEquals("InternalFailure", glueError.awsErrorDetails().errorCode());
        assertFalse(glueError.isThrottlingException());
        assertEquals(3, glueError.numAttempts());
        assertInstanceOf(InternalServerErrorException.class, dynamoError);
        assertEquals(6, stack.proxy.stats().injected(Fault.Kind.INTERNAL_ERROR));
    }

    private void getItem() {
        dynamo.getItem(r -> r.tableName("items").key(Map.of("pk", AttributeValue.fromS("x"))));
    }
}
