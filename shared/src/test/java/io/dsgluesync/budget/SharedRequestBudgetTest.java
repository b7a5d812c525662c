package io.dsgluesync.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.datasphere.DatasphereSettings;
import io.dsgluesync.datasphere.RequestBudget;
import io.dsgluesync.datasphere.RequestGate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** The shared budget over an in-memory table and a clock that only moves when a container sleeps. */
class SharedRequestBudgetTest {
    private static final Instant T0 = Instant.parse("2026-12-02T10:36:04Z"); // a 4-second bucket starts here
    private static final BudgetBuckets BUCKETS = BudgetBuckets.forBudget(240).orElseThrow();

    /** A clock advanced by hand. */
    private static final class FakeClock extends Clock {
        Instant now;

        FakeClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** The budget items as DynamoDB keeps them: the conditional ADD of the real table, or a failure. */
    private static final class BudgetTable implements DynamoDbClient {
        final Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        final List<UpdateItemRequest> requests = new ArrayList<>();
        Supplier<SdkException> failure;

        @Override
        public synchronized UpdateItemResponse updateItem(UpdateItemRequest request) {
            requests.add(request);
            if (failure != null) {
                throw failure.get();
            }
            String sk = request.key().get("sk").s();
            Map<String, AttributeValue> item = items.computeIfAbsent(sk, k -> new HashMap<>(request.key()));
            int capacity = Integer.parseInt(request.expressionAttributeValues().get(":capacity").n());
            int used = item.containsKey("used") ? Integer.parseInt(item.get("used").n()) : 0;
            if (used >= capacity) {
                throw ConditionalCheckFailedException.builder().message("The conditional request failed").build();
            }
            item.put("used", AttributeValue.fromN(Integer.toString(used + 1)));
            item.put("capacity", request.expressionAttributeValues().get(":capacity"));
            item.put("expiresAt", request.expressionAttributeValues().get(":expiresAt"));
            return UpdateItemResponse.builder().build();
        }

        int used(String sk) {
            return Integer.parseInt(items.get(sk).get("used").n());
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    /** One container's budget: its sleeps move the shared clock and are recorded, its requests' times too. */
    private static final class Container extends SharedRequestBudget {
        final FakeClock clock;
        final List<Duration> sleeps = new ArrayList<>();

        Container(BudgetTable table, FakeClock clock, RequestGate fallback) {
            super(table, "dsgs-audit", BUCKETS, fallback, clock);
            this.clock = clock;
        }

        @Override
        protected void sleep(Duration duration) {
            sleeps.add(duration);
            clock.now = clock.now.plus(duration);
        }
    }

    private static RequestGate failOnUse() {
        return () -> {
            throw new AssertionError("the fallback must not be used while the table answers");
        };
    }

    @Test
    void eachRequestTakesOneTokenOfTheCurrentBucket() {
        BudgetTable table = new BudgetTable();
        Container container = new Container(table, new FakeClock(T0.plusMillis(10)), failOnUse());
        for (int i = 0; i < 15; i++) {
            container.acquire();
        }
        assertEquals(List.of(), container.sleeps);
        assertEquals(15, table.used("4s/2026-12-02T10:36:04Z"));
        Map<String, AttributeValue> item = table.items.get("4s/2026-12-02T10:36:04Z");
        assertEquals("BUDGET", item.get("pk").s());
        assertEquals("15", item.get("capacity").n());
        // The item expires five minutes after its bucket ends (the audit table's TTL attribute).
        assertEquals(T0.plusSeconds(4).plus(Duration.ofMinutes(5)).getEpochSecond(),
                Long.parseLong(item.get("expiresAt").n()));
        UpdateItemRequest request = table.requests.get(0);
        assertEquals("attribute_not_exists(#used) OR #used < :capacity", request.conditionExpression());
        assertTrue(request.updateExpression().startsWith("ADD #used :one"));
    }

    @Test
    void aFullBucketSendsTheContainerToSleepUntilTheNextOneStarts() {
        BudgetTable table = new BudgetTable();
        Container container = new Container(table, new FakeClock(T0.plusMillis(1500)), failOnUse());
        for (int i = 0; i < 16; i++) {
            container.acquire();
        }
        assertEquals(List.of(Duration.ofMillis(2500)), container.sleeps);
        assertEquals(15, table.used("4s/2026-12-02T10:36:04Z"));
        assertEquals(1, table.used("4s/2026-12-02T10:36:08Z"));
    }

    @Test
    void noTokenIsTakenInABucketsLastQuarter() {
        BudgetTable table = new BudgetTable();
        Container container = new Container(table, new FakeClock(T0.plusMillis(3100)), failOnUse());
        container.acquire();
        assertEquals(List.of(Duration.ofMillis(900)), container.sleeps);
        assertEquals(List.of("4s/2026-12-02T10:36:08Z"), List.copyOf(table.items.keySet()));
    }

    @Test
    void containersSharingTheTableStayWithinTheBudgetInEverySixtySecondWindow() {
        BudgetTable table = new BudgetTable();
        FakeClock clock = new FakeClock(T0.plusMillis(1234));
        List<Container> containers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            containers.add(new Container(table, clock, failOnUse()));
        }
        List<Instant> sent = new ArrayList<>();
        for (int round = 0; round < 120; round++) {
            for (Container container : containers) {
                container.acquire();
                sent.add(clock.now);
                clock.now = clock.now.plusMillis(7); // each request takes a little time
            }
        }
        for (Map<String, AttributeValue> item : table.items.values()) {
            assertTrue(Integer.parseInt(item.get("used").n()) <= 15);
        }
        for (int i = 0; i < sent.size(); i++) {
            Instant windowEnd = sent.get(i).plusSeconds(60);
            int first = i;
            long inWindow = sent.stream().skip(first).takeWhile(t -> t.isBefore(windowEnd)).count();
            assertTrue(inWindow <= 240, "window from " + sent.get(i) + ": " + inWindow);
        }
        // Together the containers took the buckets' whole rate: 960 requests in 64 buckets of 4 s.
        Duration span = Duration.between(sent.get(0), sent.get(sent.size() - 1));
        assertTrue(span.compareTo(Duration.ofSeconds(4 * 63)) <= 0, span::toString);
    }

    @Test
    void aTableThatFailsMakesEachRequestTakeTheContainersOwnShare() {
        List<Supplier<SdkException>> failures = List.of(
                () -> ProvisionedThroughputExceededException.builder().message("throttled").build(),
                () -> DynamoDbException.builder().statusCode(400).message("not authorized to perform: "
                        + "dynamodb:UpdateItem").awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("AccessDeniedException").build()).build(),
                () -> SdkClientException.create("Unable to execute HTTP request: Connection refused"));
        for (Supplier<SdkException> failure : failures) {
            BudgetTable table = new BudgetTable();
            table.failure = failure;
            AtomicInteger fallbacks = new AtomicInteger();
            Container container = new Container(table, new FakeClock(T0), fallbacks::incrementAndGet);
            for (int i = 0; i < 20; i++) {
                container.acquire();
            }
            assertEquals(20, fallbacks.get());
            assertEquals(20, table.requests.size());
            assertEquals(List.of(), container.sleeps);
        }
    }

    @Test
    void theTableIsUsedAgainOnceItAnswers() {
        BudgetTable table = new BudgetTable();
        table.failure = () -> SdkClientException.create("timeout");
        AtomicInteger fallbacks = new AtomicInteger();
        Container container = new Container(table, new FakeClock(T0), fallbacks::incrementAndGet);
        container.acquire();
        table.failure = null;
        container.acquire();
        assertEquals(1, fallbacks.get());
        assertEquals(1, table.used("4s/2026-12-02T10:36:04Z"));
    }

    private static DatasphereSettings settings(String requestsPerMinute) {
        return DatasphereSettings.fromEnvironment(Map.of("DATASPHERE_URL", "https://t.eu10.hcs.cloud.sap",
                "DATASPHERE_TOKEN_URL", "https://t.example/oauth/token",
                "DATASPHERE_REQUESTS_PER_MINUTE", requestsPerMinute));
    }

    @Test
    void noBudgetMeansNoTableAtAll() {
        Supplier<DynamoDbClient> never = () -> {
            throw new AssertionError("no DynamoDB client without a budget");
        };
        assertSame(RequestBudget.unlimited(), SharedRequestBudget.fromEnvironment(
                Map.of("AUDIT_TABLE_NAME", "dsgs-audit"), settings("0"), never));
        assertInstanceOf(RequestBudget.class, SharedRequestBudget.fromEnvironment(Map.of(), settings("240"), never));
        assertInstanceOf(RequestBudget.class, SharedRequestBudget.fromEnvironment(
                Map.of("AUDIT_TABLE_NAME", "dsgs-audit"), settings("5"), never));
    }

    @Test
    void aBudgetAndAnAuditTableShareTheBudgetThroughTheTable() {
        BudgetTable table = new BudgetTable();
        RequestGate gate = SharedRequestBudget.fromEnvironment(Map.of("AUDIT_TABLE_NAME", "dsgs-audit"),
                settings("240"), () -> table);
        SharedRequestBudget shared = assertInstanceOf(SharedRequestBudget.class, gate);
        assertEquals(BUCKETS, shared.buckets());
        shared.acquire();
        assertEquals("dsgs-audit", table.requests.get(0).tableName());
    }
}
