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
        String finishedAt) {

    public static final String TYPE = "asset";
    public static final int SCHEMA_VERSION = 1;
}
