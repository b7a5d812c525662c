package io.dsgluesync.audit;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Whether a run was halted, shared by every worker through one item of the audit table ({@code pk=RUN#id,
 * sk=GUARD}): its halt reason, and the counts of the run's first assets that decide a failure-rate halt. An answer
 * "halted" never changes, so it is kept for the container's life; "not halted" is asked again for every batch.
 */
public class RunGuard {
    public static final String GUARD = "GUARD";
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final FailureWindow window;
    private final Map<String, String> halted = new ConcurrentHashMap<>();
    private final Set<String> pastWindow = ConcurrentHashMap.newKeySet();

    /**
     * The early-window failure rate that halts a run: among its first {@code assets} assets, once at least
     * {@code minAssets} have been seen, {@code percent} % or more failed. A percent of 0 switches it off.
     */
    public record FailureWindow(int assets, int minAssets, int percent) {
        public static final FailureWindow OFF = new FailureWindow(0, 0, 0);

        public FailureWindow {
            if (assets < 0 || minAssets < 0 || percent < 0 || percent > 100) {
                throw new IllegalArgumentException("halt window " + assets + ", minimum " + minAssets + ", percent "
                        + percent + ": counts must be >= 0 and the percent 0..100");
            }
        }

        /** {@code HALT_WINDOW_ASSETS} (50), {@code HALT_MIN_ASSETS} (20), {@code HALT_FAILURE_PERCENT} (80; 0 or off). */
        public static FailureWindow fromEnvironment(Map<String, String> env) {
            String percent = env.getOrDefault("HALT_FAILURE_PERCENT", "80").trim();
            if (percent.isEmpty() || percent.equalsIgnoreCase("off") || percent.equals("0")) {
                return OFF;
            }
            return new FailureWindow(Integer.parseInt(env.getOrDefault("HALT_WINDOW_ASSETS", "50").trim()),
                    Integer.parseInt(env.getOrDefault("HALT_MIN_ASSETS", "20").trim()), Integer.parseInt(percent));
        }

        boolean enabled() {
            return percent > 0 && assets > 0;
        }

        /** The halt reason when {@code failed} of the first {@code seen} assets trip the rate, else empty. */
        Optional<String> verdict(long seen, long failed) {
            if (!enabled() || seen > assets || seen < Math.max(1, minAssets) || failed * 100 < (long) percent * seen) {
                return Optional.empty();
            }
            return Optional.of(failed + " of the first " + seen + " assets failed (threshold " + percent + "%)");
        }
    }

    public RunGuard(DynamoDbClient dynamo, String table, Clock clock, FailureWindow window) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.window = window;
    }

    /** Why the run was halted, if it was: a consistent read, so a halt by another worker is seen at once. */
    public Optional<String> haltedReason(String runId) {
        String known = halted.get(runId);
        if (known != null) {
            return Optional.of(known);
        }
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(runId))
                .consistentRead(true)).item();
        AttributeValue reason = item == null ? null : item.get("haltedReason");
        if (reason == null || reason.s() == null) {
            return Optional.empty();
        }
        halted.put(runId, reason.s());
        return Optional.of(reason.s());
    }

    /** Halts the run unless it already is; true when this call halted it (the first reason stays). */
    public boolean halt(String runId, String reason) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(runId))
                    .updateExpression("SET haltedReason = :r, haltedAt = :t")
                    .conditionExpression("attribute_not_exists(haltedReason)")
                    .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(reason),
                            ":t", AttributeValue.fromS(clock.instant().toString()))));
            halted.put(runId, reason);
            return true;
        } catch (ConditionalCheckFailedException alreadyHalted) {
            halted.remove(runId);
            haltedReason(runId);
            return false;
        }
    }

    /**
     * Counts one processed asset of the run while it is among the run's first assets, and halts the run when the
     * failure rate trips; true when this call halted it. Past the window nothing is written any more.
     */
    public boolean observe(String runId, boolean failed) {
        if (!window.enabled() || pastWindow.contains(runId) || halted.containsKey(runId)) {
            return false;
        }
        Map<String, AttributeValue> counts = dynamo.updateItem(r -> r.tableName(table).key(key(runId))
                .updateExpression("ADD #seen :one, #failed :f")
                // Placeholders for every name: DynamoDB's reserved words are many and easily hit.
                .expressionAttributeNames(Map.of("#seen", "seen", "#failed", "failed"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                        ":f", AttributeValue.fromN(failed ? "1" : "0")))
                // ALL_NEW, not UPDATED_NEW: moto leaves out an attribute whose ADD of 0 did not change it; the item is
                // a few bytes either way.
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        long seen = count(counts, "seen");
        long failures = count(counts, "failed");
        if (seen >= window.assets()) {
            pastWindow.add(runId);
        }
        Optional<String> verdict = window.verdict(seen, failures);
        return verdict.isPresent() && halt(runId, verdict.get());
    }

    private static long count(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    static Map<String, AttributeValue> key(String runId) {
        return Map.of("pk", AttributeValue.fromS(AuditStore.runKey(runId)), "sk", AttributeValue.fromS(GUARD));
    }
}
