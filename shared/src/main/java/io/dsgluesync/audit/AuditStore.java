package io.dsgluesync.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The audit table: one summary item per run ({@code pk=RUN#id, sk=SUMMARY}) and one item per asset per run
 * ({@code sk=ASSET#space/asset}). An asset item and its counter update are written in one transaction whose put is
 * conditional, so a redelivered audit message never counts twice.
 */
public class AuditStore {
    public static final String SUMMARY = "SUMMARY";
    public static final String RUNS = "RUNS";
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Duration ttl;

    public AuditStore(DynamoDbClient dynamo, String table, Clock clock, Duration ttl) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.ttl = ttl;
    }

    public static String runKey(String runId) {
        return "RUN#" + runId;
    }

    /**
     * Records what discovery announced; order-independent with the asset records and idempotent: a redelivered or
     * re-sent announcement sets the same values (never adds), and an announcement older than the one stored is
     * ignored. The run's start is the first announcement's.
     */
    public RunStatus recordRun(RunStarted run) {
        String announcedAt = run.announcedAt() == null ? "" : run.announcedAt();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":runId", s(run.runId()));
        values.put(":startedAt", s(run.startedAt()));
        values.put(":expected", n(run.expectedAssets()));
        values.put(":complete", AttributeValue.fromBool(run.listingComplete()));
        values.put(":spaces", AttributeValue.fromL(run.spaces().stream().map(AuditStore::s).toList()));
        values.put(":errors", AttributeValue.fromL(run.listingErrors().stream().map(AuditStore::s).toList()));
        values.put(":dsp", n(run.datasphereRequests()));
        values.put(":announcedAt", s(announcedAt));
        values.put(":operation", s(run.operation() == null ? RunStarted.SYNC : run.operation()));
        Map<String, String> names = new HashMap<>(Map.of("#runId", "runId", "#startedAt", "startedAt",
                "#expected", "expectedAssets", "#complete", "listingComplete", "#spaces", "spaces",
                "#errors", "listingErrors", "#dspDiscovery", "discoveryRequests", "#announcedAt", "announcedAt",
                "#operation", "operation"));
        StringBuilder update = new StringBuilder("SET #runId = :runId, #startedAt = if_not_exists(#startedAt, "
                + ":startedAt), #expected = :expected, #complete = :complete, #spaces = :spaces, #errors = :errors, "
                + "#dspDiscovery = :dsp, #announcedAt = :announcedAt, #operation = :operation");
        if (run.haltedReason() != null) {
            names.put("#halted", "haltedReason");
            values.put(":halted", s(run.haltedReason()));
            update.append(", #halted = :halted");
        }
        if (run.skippedReason() != null) {
            names.put("#skipped", "skippedReason");
            values.put(":skipped", s(run.skippedReason()));
            update.append(", #skipped = :skipped");
        }
        if (run.stale() != null) {
            names.put("#stale", "removedAssets");
            values.put(":stale", staleMap(run.stale()));
            update.append(", #stale = :stale");
        }
        if (!run.coverage().isEmpty()) {
            names.put("#coverage", "coverage");
            values.put(":coverage", coverageMap(run.coverage()));
            update.append(", #coverage = :coverage");
        }
        Map<String, AttributeValue> item;
        try {
            item = dynamo.updateItem(r -> r.tableName(table).key(summaryKey(run.runId()))
                    .updateExpression(update.toString())
                    .conditionExpression("attribute_not_exists(#announcedAt) OR #announcedAt <= :announcedAt")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
        } catch (ConditionalCheckFailedException newerAnnouncementStored) {
            return readRun(run.runId()).orElseThrow();
        }
        // The run index (pk=RUNS, sorted by run id, which starts with the scheduled time) lets an operator list the
        // latest runs without a scan; one row per run however often it is announced.
        try {
            dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s(RUNS), "sk", s(run.runId()),
                    "runId", s(run.runId()), "startedAt", s(run.startedAt())))
                    .conditionExpression("attribute_not_exists(sk)"));
        } catch (ConditionalCheckFailedException alreadyIndexed) {
            // the first announcement's row stays
        }
        return RunStatus.from(item);
    }

    /** The coverage as a map with the record's component names. */
    static AttributeValue coverageMap(Coverage coverage) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("unreadableCount", n(coverage.unreadableCount()));
        m.put("unreadable", AttributeValue.fromL(coverage.unreadable().stream().map(u -> AttributeValue.fromM(
                Map.of("space", s(u.space()), "reason", s(u.reason() == null ? "" : u.reason())))).toList()));
        m.put("unexposedCount", n(coverage.unexposedCount()));
        m.put("unexposed", AttributeValue.fromL(coverage.unexposed().stream().map(u -> AttributeValue.fromM(
                Map.of("space", s(u.space()), "count", n(u.count()),
                        "names", AttributeValue.fromL(u.names().stream().map(AuditStore::s).toList())))).toList()));
        m.put("unexposedSynced", AttributeValue.fromBool(coverage.unexposedSynced()));
        m.put("unreadableFlows", AttributeValue.fromL(coverage.unreadableFlows().stream().map(AuditStore::s).toList()));
        return AttributeValue.fromM(m);
    }

    /** The stale summary as a map with the record's component names. */
    static AttributeValue staleMap(StaleSummary stale) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("evaluated", AttributeValue.fromBool(stale.evaluated()));
        m.put("managedTables", n(stale.managedTables()));
        m.put("staleTables", n(stale.staleTables()));
        m.put("failSafeTripped", AttributeValue.fromBool(stale.failSafeTripped()));
        m.put("reasons", AttributeValue.fromL(stale.reasons() == null ? List.of()
                : stale.reasons().stream().map(AuditStore::s).toList()));
        m.put("databases", AttributeValue.fromL(stale.databases() == null ? List.of()
                : stale.databases().stream().map(AuditStore::s).toList()));
        return AttributeValue.fromM(m);
    }

    /**
     * The ids of the runs whose id sorts at or after {@code fromRunId}, newest first. Run ids start with their
     * scheduled time ({@code 20261125T145756Z-…}), so a time prefix selects the runs scheduled since then.
     */
    public List<String> runsSince(String fromRunId) {
        List<String> ids = new java.util.ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression("pk = :pk AND sk >= :from")
                        .expressionAttributeValues(Map.of(":pk", s(RUNS), ":from", s(fromRunId)))
                        .scanIndexForward(false))
                .items().forEach(i -> ids.add(i.get("runId").s()));
        return ids;
    }

    /** The latest {@code limit} runs' ids, newest first. */
    public List<String> latestRuns(int limit) {
        return dynamo.query(r -> r.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(RUNS))).scanIndexForward(false).limit(limit))
                .items().stream().map(i -> i.get("runId").s()).toList();
    }

    /** Every asset item of a run. */
    public List<Map<String, AttributeValue>> assetItems(String runId) {
        List<Map<String, AttributeValue>> items = new java.util.ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :a)")
                .expressionAttributeValues(Map.of(":pk", s(runKey(runId)), ":a", s("ASSET#")))
                .consistentRead(true)).items().forEach(items::add);
        return items;
    }

    /**
     * Whether a Glue permission check of this configuration ({@code key}) passed and has not expired: the item
     * {@code pk=PERMISSIONS}, {@code sk=key}, read strongly consistent. DynamoDB's TTL deletes expired items only
     * eventually (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html), so the
     * expiry is compared here.
     */
    public boolean permissionCheckValid(String key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(permissionKey(key))
                .consistentRead(true)).item();
        return item != null && item.containsKey("expiresAt")
                && Long.parseLong(item.get("expiresAt").n()) > clock.instant().getEpochSecond();
    }

    /** Remembers a passed permission check of this configuration for {@code validFor}. */
    public void rememberPermissionCheck(String key, Duration validFor) {
        // UpdateItem, not PutItem: the functions' role has dynamodb:UpdateItem on the audit table and no more.
        dynamo.updateItem(r -> r.tableName(table).key(permissionKey(key))
                .updateExpression("SET #checkedAt = :checkedAt, #expiresAt = :expiresAt")
                .expressionAttributeNames(Map.of("#checkedAt", "checkedAt", "#expiresAt", "expiresAt"))
                .expressionAttributeValues(Map.of(":checkedAt", s(clock.instant().toString()),
                        ":expiresAt", n(clock.instant().plus(validFor).getEpochSecond()))));
    }

    private static Map<String, AttributeValue> permissionKey(String key) {
        return Map.of("pk", s("PERMISSIONS"), "sk", s(key));
    }

    public Optional<Map<String, AttributeValue>> summaryItem(String runId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(summaryKey(runId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** What recording an audit record did: the run's state afterwards, and whether it had been recorded before. */
    public record Recorded(RunStatus status, boolean duplicate) {
    }

    /**
     * Writes the asset item and counts it, exactly once. The transaction carries a client request token derived from
     * the record's identity, so an SDK retry of a transaction that had already committed succeeds instead of failing
     * its condition (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html,
     * ClientRequestToken: idempotent for 10 minutes); a later redelivery finds the item and is a duplicate. Either
     * way the run's state is answered, so the caller can evaluate completion on every delivery.
     */
    public Recorded recordAsset(AuditRecord record) {
        Map<String, AttributeValue> item = AuditItems.assetItem(record, clock.instant().plus(ttl).getEpochSecond());
        String counter = record.action().counter();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":one", n(1));
        values.put(":duration", n(record.durationMs()));
        values.put(":runId", s(record.runId()));
        // Glue's calls only: Lake Formation's (LF-Tags) are in the record's calls under their own prefix.
        values.put(":glue", n(AuditRecord.serviceCalls(record.calls(), "glue")));
        values.put(":dsp", n(record.calls() == null ? 0 : record.calls().getOrDefault("datasphere", 0)));
        String accounts = record.targetAccount() == null || record.targetAccount().isBlank() ? "none"
                : record.targetAccount();
        values.put(":accounts", AttributeValue.fromSs(List.of(accounts.split(","))));
        // Every attribute goes through a name placeholder: "processed", "spaces", "status" are DynamoDB reserved words.
        Map<String, String> names = Map.of("#c", counter, "#runId", "runId", "#processed", "processed",
                "#duration", "durationTotalMs", "#glue", "glueCalls", "#dsp", "datasphereRequests",
                "#accounts", "targetAccounts");
        try {
            dynamo.transactWriteItems(r -> r.clientRequestToken(requestToken(record)).transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                            .conditionExpression("attribute_not_exists(sk)")).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(summaryKey(record.runId()))
                            .updateExpression("SET #runId = :runId ADD #c :one, #processed :one, "
                                    + "#duration :duration, #glue :glue, #dsp :dsp, #accounts :accounts")
                            .expressionAttributeNames(names)
                            .expressionAttributeValues(values)).build()));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return new Recorded(readRun(record.runId()).orElseThrow(), true);
            }
            throw e;
        }
        return new Recorded(readRun(record.runId()).orElseThrow(), false);
    }

    /** At most 36 characters (the API's limit): a hash of the run, space and asset. */
    static String requestToken(AuditRecord record) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest((record.runId() + "\u0000"
                    + record.space() + "\u0000" + record.asset()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 18);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }


    /**
     * Marks the run finished once, when every expected asset is accounted for: its final status, answered when this
     * call marked it. A halt the workers recorded on the run's guard item ({@link RunGuard}) makes it
     * {@code HALTED} and is copied into the summary.
     */
    public Optional<RunStatus> markFinished(RunStatus status) {
        RunStatus finished = status.haltedReason() != null ? status
                : guardHaltReason(status.runId()).map(status::halted).orElse(status);
        String finalStatus = finished.finalStatus();
        long p95 = percentile95(assetItems(status.runId()).stream()
                .mapToLong(i -> i.containsKey("durationMs") ? Long.parseLong(i.get("durationMs").n()) : 0).toArray());
        Map<String, String> names = new HashMap<>(Map.of("#s", "status", "#t", "finishedAt", "#p95", "p95DurationMs"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":s", s(finalStatus),
                ":t", s(clock.instant().toString()), ":running", s("RUNNING"), ":p95", n(p95)));
        String update = "SET #s = :s, #t = :t, #p95 = :p95";
        if (finished.haltedReason() != null) {
            names.put("#halted", "haltedReason");
            values.put(":halted", s(finished.haltedReason()));
            update += ", #halted = :halted";
        }
        String expression = update;
        try {
            dynamo.updateItem(r -> r.tableName(table).key(summaryKey(status.runId()))
                    .updateExpression(expression)
                    .conditionExpression("attribute_not_exists(#s) OR #s = :running")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return Optional.of(finished);
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    private Optional<String> guardHaltReason(String runId) {
        Map<String, AttributeValue> guard = dynamo.getItem(r -> r.tableName(table).key(RunGuard.key(runId))
                .consistentRead(true)).item();
        AttributeValue reason = guard == null ? null : guard.get("haltedReason");
        return reason == null ? Optional.empty() : Optional.ofNullable(reason.s());
    }

    /** Nearest-rank 95th percentile. */
    static long percentile95(long[] values) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int rank = (int) Math.ceil(0.95 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    public Optional<RunStatus> readRun(String runId) {
        return summaryItem(runId).map(RunStatus::from);
    }

    private static Map<String, AttributeValue> summaryKey(String runId) {
        return Map.of("pk", s(runKey(runId)), "sk", s(SUMMARY));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
