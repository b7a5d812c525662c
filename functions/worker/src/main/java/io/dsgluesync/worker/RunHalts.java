package io.dsgluesync.worker;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import io.dsgluesync.audit.AuditAction;
import io.dsgluesync.audit.AuditRecord;
import io.dsgluesync.audit.RunGuard;
import io.dsgluesync.mapping.GlueNames;
import io.dsgluesync.model.AssetMessage;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's side of halting a run ({@link RunGuard}): at the start of a batch, which of its runs are halted; after
 * each record, whether it halts its run. A halted run's remaining records are answered with a skipped audit record
 * and no outside call. The guard is a safety valve: when the audit table cannot be read or written, the worker logs
 * it and goes on syncing rather than failing the batch.
 */
final class RunHalts {
    private static final Logger LOG = LoggerFactory.getLogger(RunHalts.class);
    /** An immediate halt's reason quotes the asset's error up to this length. */
    private static final int MAX_QUOTED_ERROR = 300;
    private final Optional<RunGuard> guard;
    private final String databasePrefix;
    private final Clock clock;
    private final Map<String, String> haltedInBatch = new HashMap<>();

    RunHalts(Optional<RunGuard> guard, String databasePrefix, Clock clock) {
        this.guard = guard;
        this.databasePrefix = databasePrefix;
        this.clock = clock;
    }

    static RunHalts disabled() {
        return new RunHalts(Optional.empty(), "", Clock.systemUTC());
    }

    /** Asks the guard once for each run of the batch. */
    void beginBatch(Collection<String> runIds) {
        haltedInBatch.clear();
        if (guard.isEmpty()) {
            return;
        }
        for (String runId : runIds) {
            try {
                guard.get().haltedReason(runId).ifPresent(reason -> haltedInBatch.put(runId, reason));
            } catch (RuntimeException e) {
                LOG.warn("run guard unreadable, the run's records are synced", entry("runId", runId), e);
            }
        }
    }

    /** Why the run is halted, if it was at the batch's start or by a record of this batch. */
    Optional<String> haltedReason(String runId) {
        return Optional.ofNullable(haltedInBatch.get(runId));
    }

    /** The audit record of an asset that is not synced because its run was halted. */
    AuditRecord skipped(AssetMessage asset, String reason) {
        return AuditRecord.skipped(asset.runId(), asset.space(), asset.asset(), asset.kind().label(),
                GlueNames.database(databasePrefix, asset.space()), GlueNames.table(asset.asset()),
                "run halted: " + reason, clock.instant().toString());
    }

    /**
     * Halts the run at once on a failure that every other asset would meet too (Datasphere refusing the client,
     * Glue denying the sync's identity); otherwise counts the record towards the early failure rate. True when this
     * record halted the run.
     */
    boolean afterRecord(AuditRecord record) {
        if (guard.isEmpty() || haltedInBatch.containsKey(record.runId())) {
            return false;
        }
        try {
            boolean halted = record.errorKind() != null
                    ? guard.get().halt(record.runId(), immediateReason(record))
                    : guard.get().observe(record.runId(), record.action() == AuditAction.FAILED);
            if (halted || record.errorKind() != null) {
                guard.get().haltedReason(record.runId()).ifPresent(r -> haltedInBatch.put(record.runId(), r));
            }
            if (halted) {
                LOG.warn("run halted", entry("runId", record.runId()),
                        entry("haltedReason", haltedInBatch.get(record.runId())));
            }
            return halted;
        } catch (RuntimeException e) {
            LOG.warn("run guard not updated", entry("runId", record.runId()), e);
            return false;
        }
    }

    private static String immediateReason(AuditRecord record) {
        String cause = AuditRecord.AUTHENTICATION.equals(record.errorKind())
                ? "Datasphere refused the client" : "Glue denied access";
        String error = record.error() == null ? "" : record.error();
        if (error.length() > MAX_QUOTED_ERROR) {
            error = error.substring(0, MAX_QUOTED_ERROR) + "…";
        }
        return cause + " (asset " + record.space() + "/" + record.asset() + "): " + error;
    }
}
