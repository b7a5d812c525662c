package io.dsgluesync.local.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * "The SDK retried a write that had already committed": moto applies a {@code TransactWriteItems}, its answer is
 * lost, the SDK retries. Real DynamoDB answers a retry carrying the same {@code ClientRequestToken} within 10
 * minutes with success (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html);
 * the SDK fills the token in itself when the caller does not (an idempotency token, the same on every attempt).
 * moto 5.2.5 ignores the token, so the retry of a conditional transaction is cancelled by its own first attempt.
 */
class DropAfterApplyTest {
    private static final String TABLE = "audit";
    private static MotoBehindProxy stack;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() throws Exception {
        stack = MotoBehindProxy.start("faults-drop-after-apply");
        dynamo = stack.standard(DynamoDbClient.builder());
        stack.createKeyTable(TABLE);
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
    void aLostAnswerReachesTheClientAsAClosedConnectionAfterTheItemWasWritten() {
        stack.proxy.rules().add(FaultRule.nextN("dynamodb", "TransactWriteItems", Fault.DROP_AFTER_APPLY, 1));
        DynamoDbClient once = stack.withoutRetries(DynamoDbClient.builder());

        SdkClientException e = assertThrows(SdkClientException.class,
                () -> once.transactWriteItems(conditionalPut("no-retry", Optional.empty())));

        assertInstanceOf(IOException.class, e.getCause(), e.toString());

        assertTrue(inTable("no-retry"), "moto applied the transaction whose answer was lost");
        assertEquals(1, stack.proxy.stats().forwarded("dynamodb", "TransactWriteItems"));
    }

    @Test
    void theSdksRetryOfACommittedConditionalTransactionIsCancelledOnMoto() {
        stack.proxy.rules().add(FaultRule.nextN("dynamodb", "TransactWriteItems", Fault.DROP_AFTER_APPLY, 1));

        TransactionCanceledException e = assertThrows(TransactionCanceledException.class,
                () -> dynamo.transactWriteItems(conditionalPut("sdk-token", Optional.empty())));

        assertEquals(List.of("ConditionalCheckFailed"), codes(e));
        assertEquals(2, e.numAttempts(), "the lost answer, then the retry");
        assertTrue(inTable("sdk-token"), "the item IS in the table although the call failed");
        assertEquals(2, stack.proxy.stats().forwarded("dynamodb", "TransactWriteItems"),
                "the JDK's HTTP client did not resend the POST on its own; the SDK's retry did");
    }

    @Test
    void anExplicitClientRequestTokenChangesNothingOnMoto() {
        stack.proxy.rules().add(FaultRule.nextN("dynamodb", "TransactWriteItems", Fault.DROP_AFTER_APPLY, 1));

        TransactionCanceledException e = assertThrows(TransactionCanceledException.class,
                () -> dynamo.transactWriteItems(conditionalPut("own-token", Optional.of("run-1-space-a-asset-b"))));

        assertEquals(List.of("ConditionalCheckFailed"), codes(e), "real DynamoDB would answer success");
        assertTrue(inTable("own-token"));
    }

    @Test
    void aRetriedUnconditionalTransactionSucceedsBecauseItWritesTheSameItemAgain() {
        stack.proxy.rules().add(FaultRule.nextN("dynamodb", "TransactWriteItems", Fault.DROP_AFTER_APPLY, 1));

        dynamo.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().put(Put.builder().tableName(TABLE)
                .item(Map.of("pk", AttributeValue.fromS("unconditional"))).build()).build()));

        assertTrue(inTable("unconditional"));
        assertEquals(1, stack.proxy.stats().injected(Fault.Kind.DROP_AFTER_APPLY));
        assertEquals(2, stack.proxy.stats().forwarded("dynamodb", "TransactWriteItems"));
    }

    @Test
    void aServerErrorAfterTheCommitIsRetriedTheSameWay() {
        stack.proxy.rules().add(FaultRule.nextN("dynamodb", "TransactWriteItems", Fault.ERROR_AFTER_APPLY, 1));

        TransactionCanceledException e = assertThrows(TransactionCanceledException.class,
                () -> dynamo.transactWriteItems(conditionalPut("after-500", Optional.empty())));

        assertEquals(List.of("ConditionalCheckFailed"), codes(e));
        assertTrue(inTable("after-500"));
    }

    private static Consumer<TransactWriteItemsRequest.Builder> conditionalPut(String key, Optional<String> token) {
        return r -> {
            r.transactItems(TransactWriteItem.builder().put(Put.builder().tableName(TABLE)
                    .item(Map.of("pk", AttributeValue.fromS(key)))
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
            token.ifPresent(r::clientRequestToken);
        };
    }

    private static boolean inTable(String key) {
        return stack.direct.dynamo().getItem(r -> r.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS(key))))
                .hasItem();
    }

    private static List<String> codes(TransactionCanceledException e) {
        return e.cancellationReasons().stream().map(CancellationReason::code).toList();
    }
}
