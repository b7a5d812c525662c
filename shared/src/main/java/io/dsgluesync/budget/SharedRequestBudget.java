package io.dsgluesync.budget;

import io.dsgluesync.datasphere.DatasphereException;
import io.dsgluesync.datasphere.DatasphereSettings;
import io.dsgluesync.datasphere.RequestBudget;
import io.dsgluesync.datasphere.RequestGate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The Datasphere request budget shared by every container of the sync (discovery and all workers), counted in the
 * audit table: one item per {@link BudgetBuckets bucket} ({@code pk=BUDGET}, {@code sk=<L>s/<bucket start>}, e.g.
 * {@code 4s/2026-12-02T10:36:04Z}; {@code used}, {@code capacity}, and {@code expiresAt} a few minutes after the
 * bucket, the table's TTL attribute). Before each request a container takes one token with a conditional
 * {@code UpdateItem} ({@code ADD used :one} if {@code used < capacity}: an atomic counter with a condition,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html); a full bucket sends it to sleep until the next one starts. Any 60-second
 * window then holds at most the budget, and all containers together reach {@link BudgetBuckets#guaranteedPerMinute()}
 * (225 of 240 a minute at the template's default) instead of each its fixed slice. Datasphere answers 429 above its
 * rate limit (SAP, "API Rate Limiting",
 * https://help.sap.com/docs/SAP_DATASPHERE/43509d67b8b84e66a30851e832f66911/b9098c3a706640189bc1d4eb7d5d5c52.html).
 *
 * <p>When DynamoDB refuses or fails the update (throttled, access denied, unavailable, after the SDK's own retries),
 * the request takes the container's fixed share from its own {@link RequestBudget} instead, and the first such
 * failure is logged: the budget store never fails an asset. While some containers fall back the sync may pass the
 * budget by their shares; a 429 is then retried as any other.
 */
public class SharedRequestBudget implements RequestGate {
    public static final String PARTITION = "BUDGET";
    /** How long a bucket's item stays after its bucket ended (DynamoDB deletes expired items within days). */
    static final Duration KEEP = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(SharedRequestBudget.class);

    private final DynamoDbClient dynamo;
    private final String table;
    private final BudgetBuckets buckets;
    private final RequestGate fallback;
    private final Clock clock;
    private final AtomicBoolean fallbackLogged = new AtomicBoolean();

    public SharedRequestBudget(DynamoDbClient dynamo, String table, BudgetBuckets buckets, RequestGate fallback,
                               Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.buckets = buckets;
        this.fallback = fallback;
        this.clock = clock;
    }

    /**
     * The budget of a function: none when {@code DATASPHERE_REQUESTS_PER_MINUTE} is 0 (no DynamoDB call at all); the
     * shared buckets in {@code AUDIT_TABLE_NAME} when it is set, with the container's share as the fallback; the
     * container's share alone without the table or when the budget is too small for buckets.
     */
    public static RequestGate fromEnvironment(Map<String, String> env, DatasphereSettings settings,
                                              Supplier<DynamoDbClient> dynamo) {
        if (settings.requestsPerMinute() <= 0) {
            return RequestBudget.unlimited();
        }
        RequestBudget share = RequestBudget.share(settings.requestsPerMinute(), settings.budgetShares());
        String table = env.get("AUDIT_TABLE_NAME");
        if (table == null || table.isBlank()) {
            return share;
        }
        return BudgetBuckets.forBudget(settings.requestsPerMinute())
                .<RequestGate>map(b -> new SharedRequestBudget(dynamo.get(), table.trim(), b, share,
                        Clock.systemUTC()))
                .orElse(share);
    }

    public BudgetBuckets buckets() {
        return buckets;
    }

    @Override
    public void acquire() {
        while (true) {
            Instant now = clock.instant();
            long bucket = buckets.bucketAt(now);
            if (!buckets.takesTokensAt(now)) {
                sleepUntil(buckets.startOf(bucket + 1));
                continue;
            }
            try {
                take(bucket);
                return;
            } catch (ConditionalCheckFailedException full) {
                sleepUntil(buckets.startOf(bucket + 1));
            } catch (SdkException e) {
                if (fallbackLogged.compareAndSet(false, true)) {
                    LOG.warn("The shared Datasphere request budget in table {} failed; this container takes its own"
                            + " fixed share of the budget for each request the table does not answer", table, e);
                }
                fallback.acquire();
                return;
            }
        }
    }

    private void take(long bucket) {
        Instant start = buckets.startOf(bucket);
        long expiresAt = start.plus(buckets.length()).plus(KEEP).getEpochSecond();
        dynamo.updateItem(r -> r.tableName(table)
                .key(key(buckets, bucket))
                .updateExpression("ADD #used :one SET #capacity = :capacity, #expiresAt = :expiresAt")
                .conditionExpression("attribute_not_exists(#used) OR #used < :capacity")
                .expressionAttributeNames(Map.of("#used", "used", "#capacity", "capacity", "#expiresAt", "expiresAt"))
                .expressionAttributeValues(Map.of(":one", n(1), ":capacity", n(buckets.capacity()),
                        ":expiresAt", n(expiresAt))));
    }

    /** The key of a bucket's item: {@code pk=BUDGET}, {@code sk=<L>s/<start, ISO-8601>}. */
    public static Map<String, AttributeValue> key(BudgetBuckets buckets, long bucket) {
        return Map.of("pk", AttributeValue.fromS(PARTITION),
                "sk", AttributeValue.fromS(buckets.length().toSeconds() + "s/" + buckets.startOf(bucket)));
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private void sleepUntil(Instant instant) {
        Duration wait = Duration.between(clock.instant(), instant);
        if (!wait.isNegative() && !wait.isZero()) {
            sleep(wait);
        }
    }

    protected void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis(), (int) (duration.toNanosPart() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasphereException(DatasphereException.Kind.UNAVAILABLE, "interrupted while waiting for budget");
        }
    }
}
