package io.dsgluesync.sync;

import io.dsgluesync.audit.AuditAction;
import io.dsgluesync.audit.AuditRecord;
import io.dsgluesync.datasphere.DatasphereClient;
import io.dsgluesync.datasphere.DatasphereException;
import io.dsgluesync.glue.CatalogException;
import io.dsgluesync.glue.CallCounter;
import io.dsgluesync.model.AssetMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds an asset's audit record: outcome, duration, and the Glue and Datasphere calls made for it. */
final class AuditRecords {
    private final DatasphereClient datasphere;
    private final CallCounter glueCalls;
    private final Clock clock;
    private final java.util.function.Supplier<String> targetAccounts;

    AuditRecords(DatasphereClient datasphere, CallCounter glueCalls, Clock clock,
                 java.util.function.Supplier<String> targetAccounts) {
        this.datasphere = datasphere;
        this.glueCalls = glueCalls;
        this.clock = clock;
        this.targetAccounts = targetAccounts;
    }

    /** Counters and time when work on one asset began. */
    record Start(AssetMessage message, Instant at, Map<String, Integer> glue, int datasphereRequests) {
    }

    Start start(AssetMessage message) {
        return new Start(message, clock.instant(), glueCalls.snapshot(), datasphere.requestCount());
    }

    AuditRecord failed(Start start, String database, String table, RuntimeException e, String field) {
        return record(start, database, table, AuditAction.FAILED, 0, null, null, List.of(), e.getClass().getSimpleName(),
                field, error(start.message(), e), null, List.of(), Map.of()).withErrorKind(errorKind(e));
    }

    /**
     * The error to record: a 403 on one object's document names the asset and the likely cause, since only this
     * asset fails; any other error as it was thrown.
     */
    static String error(AssetMessage m, RuntimeException e) {
        if (e instanceof DatasphereException d && d.kind() == DatasphereException.Kind.FORBIDDEN) {
            return "asset " + m.space() + "/" + m.asset() + ": Datasphere refused to serve its definition (HTTP 403):"
                    + " the OAuth client's technical user lacks access to this object (is it a member of space "
                    + m.space() + "?); " + e.getMessage();
        }
        return e.getMessage();
    }

    /** The failures that stop more than one asset, for {@link AuditRecord#errorKind()}; null for any other. */
    static String errorKind(RuntimeException e) {
        if (e instanceof DatasphereException d && d.kind() == DatasphereException.Kind.UNAUTHORIZED) {
            return AuditRecord.AUTHENTICATION;
        }
        if (e instanceof CatalogException c && c.kind() == CatalogException.Kind.ACCESS_DENIED) {
            return AuditRecord.ACCESS_DENIED;
        }
        return null;
    }

    /** {@code columns} of -1 means not known (nothing was parsed). */
    AuditRecord record(Start start, String database, String table, AuditAction action, int columns, String before,
                       String after, List<String> changedFields, String errorClass, String field, String error, String note,
                       List<String> warnings, Map<String, String> targetActions) {
        return record(start, database, table, action, columns, before, after, changedFields, errorClass, field, error,
                note, warnings, targetActions, Map.of(), List.of());
    }

    /** With the column-level diff written (or planned) and what had drifted. */
    AuditRecord record(Start start, String database, String table, AuditAction action, int columns, String before,
                       String after, List<String> changedFields, String errorClass, String field, String error, String note,
                       List<String> warnings, Map<String, String> targetActions, Map<String, List<String>> diff,
                       List<String> drift) {
        Map<String, Integer> calls = new TreeMap<>();
        // Glue's calls as glue.<Operation>; Lake Formation's (LF-Tags) as lakeformation.<Operation>.
        glueCalls.since(start.glue()).forEach((op, n) -> {
            int service = op.indexOf(':');
            calls.put(service < 0 ? "glue." + op : op.substring(0, service).toLowerCase(java.util.Locale.ROOT) + "."
                    + op.substring(service + 1), n);
        });
        calls.put("datasphere", datasphere.requestCount() - start.datasphereRequests());
        Instant finished = clock.instant();
        AssetMessage m = start.message();
        return new AuditRecord(AuditRecord.TYPE, AuditRecord.SCHEMA_VERSION, m.runId(), m.space(), m.asset(),
                m.kind().label(), database, table, action, Math.max(columns, 0), before, after, changedFields, errorClass, field,
                error, note, warnings, calls, targetAccounts.get(), targetActions, Duration.between(start.at(), finished).toMillis(),
                finished.toString(), diff, drift, null);
    }
}
