package io.dsgluesync.audit;

import java.util.List;
import java.util.Map;

/**
 * The worker's account of one asset in one run, sent to the results queue.
 *
 * @param errorField the message or metadata field that was wrong, when the input was bad
 * @param changedFields what an update changed: columns added, removed or retyped, or business metadata
 * @param note       why the action was taken when it is not obvious (e.g. "metadata not modified (HTTP 304)")
 * @param calls      outside calls made for this asset by operation (e.g. {@code glue.GetTable}, {@code datasphere})
 * @param targetAccount the accounts written to (caller identities of the Glue targets)
 * @param targetActions per Glue target: what was done there, when there are several
 * @param diff       the column-level difference between the table Glue held and the one the sync writes (or, in a
 *                   plan run, would write): {@code added}, {@code removed}, {@code retyped}, {@code renamed} columns,
 *                   {@code partitionKeys}, {@code parameters} whose values change, {@code storage}, {@code description}
 * @param drift      what was edited outside the sync since it last wrote the table ({@code columns},
 *                   {@code partitionKeys}, {@code storage}, each with what it holds now); empty when nothing drifted
 * @param errorKind  what kind of failure stops more than this asset ({@link #AUTHENTICATION}, {@link #ACCESS_DENIED});
 *                   null for any other outcome. The worker halts the run on these.
 */
public record AuditRecord(
        String type,
        int schemaVersion,
        String runId,
        String space,
        String asset,
        String kind,
        String database,
        String table,
        AuditAction action,
        int columnCount,
        String fingerprintBefore,
        String fingerprintAfter,
        List<String> changedFields,
        String errorClass,
        String errorField,
        String error,
        String note,
        List<String> warnings,
        Map<String, Integer> calls,
        String targetAccount,
        Map<String, String> targetActions,
        long durationMs,
        String finishedAt,
        Map<String, List<String>> diff,
        List<String> drift,
        String errorKind) {

    public static final String TYPE = "asset";

    /**
     * The calls of one AWS service in a record's {@code calls} ({@code glue.<Operation>}, {@code
     * lakeformation.<Operation>}), summed; {@code service} is the key's prefix, e.g. {@code glue}.
     */
    public static int serviceCalls(Map<String, Integer> calls, String service) {
        return calls == null ? 0 : calls.entrySet().stream().filter(e -> e.getKey().startsWith(service + "."))
                .mapToInt(Map.Entry::getValue).sum();
    }

    public static final int SCHEMA_VERSION = 1;
    /** Datasphere refused the client: 401 after a token refresh, or the token endpoint refused it. */
    public static final String AUTHENTICATION = "authentication";
    /** Glue denied the sync's identity an action it needs. */
    public static final String ACCESS_DENIED = "access_denied";
    /** Warnings and changed fields kept in full; the rest are counted, so an item stays far below DynamoDB's 400 KB. */
    static final int MAX_LIST_ENTRIES = 50;
    /** Error, note and each list entry are cut at this many characters. */
    static final int MAX_TEXT = 2_000;

    /**
     * Bounded: a table of 5,000 columns with a note on each would otherwise carry about 400 KB of warnings
     * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html, item size).
     */
    public AuditRecord {
        changedFields = bounded(changedFields);
        warnings = bounded(warnings);
        error = cut(error);
        note = cut(note);
        calls = calls == null ? Map.of() : Map.copyOf(calls);
        targetActions = targetActions == null ? Map.of() : Map.copyOf(targetActions);
        diff = boundedMap(diff);
        drift = bounded(drift);
    }

    /** A record without a diff or drift (failures, skips, discovery's own records). */
    public AuditRecord(String type, int schemaVersion, String runId, String space, String asset, String kind,
                       String database, String table, AuditAction action, int columnCount, String fingerprintBefore,
                       String fingerprintAfter, List<String> changedFields, String errorClass, String errorField,
                       String error, String note, List<String> warnings, Map<String, Integer> calls,
                       String targetAccount, Map<String, String> targetActions, long durationMs, String finishedAt) {
        this(type, schemaVersion, runId, space, asset, kind, database, table, action, columnCount, fingerprintBefore,
                fingerprintAfter, changedFields, errorClass, errorField, error, note, warnings, calls, targetAccount,
                targetActions, durationMs, finishedAt, Map.of(), List.of(), null);
    }

    private static Map<String, List<String>> boundedMap(Map<String, List<String>> values) {
        if (values == null) {
            return Map.of();
        }
        Map<String, List<String>> kept = new java.util.TreeMap<>();
        values.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                kept.put(k, bounded(v));
            }
        });
        return java.util.Collections.unmodifiableMap(kept);
    }

    /** An asset that discovery already knows cannot be synced (its name is taken, its message was refused). */
    public static AuditRecord failedAtDiscovery(String runId, String space, String asset, String kind, String database,
                                                String table, String errorClass, String field, String error,
                                                String finishedAt) {
        return new AuditRecord(TYPE, SCHEMA_VERSION, runId, space, asset, kind, database, table, AuditAction.FAILED, 0,
                null, null, List.of(), errorClass, field, error, null, List.of(), Map.of(), null, Map.of(), 0,
                finishedAt);
    }

    /** An asset left alone because its run was stopped; {@code note} says why. */
    public static AuditRecord skipped(String runId, String space, String asset, String kind, String database,
                                      String table, String note, String finishedAt) {
        return new AuditRecord(TYPE, SCHEMA_VERSION, runId, space, asset, kind, database, table, AuditAction.SKIPPED,
                0, null, null, List.of(), null, null, null, note, List.of(), Map.of(), null, Map.of(), 0, finishedAt);
    }

    /** This record with {@code kind} as its {@link #errorKind()}. */
    public AuditRecord withErrorKind(String kind) {
        return new AuditRecord(type, schemaVersion, runId, space, asset, this.kind, database, table, action,
                columnCount, fingerprintBefore, fingerprintAfter, changedFields, errorClass, errorField, error, note,
                warnings, calls, targetAccount, targetActions, durationMs, finishedAt, diff, drift, kind);
    }

    private static List<String> bounded(List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<String> kept = new java.util.ArrayList<>();
        for (int i = 0; i < values.size() && i < MAX_LIST_ENTRIES; i++) {
            kept.add(values.get(i) == null ? "" : cut(values.get(i)));
        }
        if (values.size() > MAX_LIST_ENTRIES) {
            kept.add("… and " + (values.size() - MAX_LIST_ENTRIES) + " more");
        }
        return List.copyOf(kept);
    }

    private static String cut(String text) {
        if (text == null || text.length() <= MAX_TEXT) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT;
        return text.substring(0, end) + "… (" + (text.length() - end) + " more characters)";
    }
}
