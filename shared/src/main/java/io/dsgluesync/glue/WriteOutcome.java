package io.dsgluesync.glue;

import io.dsgluesync.audit.AuditAction;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an upsert or a removal did (or, in a plan, would do) in one target.
 *
 * @param fingerprintBefore the fingerprint the table had before
 * @param detail     why the table was not written (a conflict, a refusal); null otherwise
 * @param replaced   the table it wrote over (empty when it created)
 * @param diff       the column-level difference written ({@link TableDiff})
 * @param drift      what had been edited outside the sync ({@link Drift#describe})
 * @param note       what the operator should know when the action alone does not say it
 * @param errorField the field a refusal is about
 */
public record WriteOutcome(AuditAction action, String fingerprintBefore, String detail, Optional<StoredTable> replaced,
                           Map<String, List<String>> diff, List<String> drift, String note, String errorField) {
    public WriteOutcome {
        replaced = replaced == null ? Optional.empty() : replaced;
        diff = diff == null ? Map.of() : diff;
        drift = drift == null ? List.of() : drift;
    }

    public WriteOutcome(AuditAction action, String fingerprintBefore, String detail) {
        this(action, fingerprintBefore, detail, Optional.empty(), Map.of(), List.of(), null, null);
    }

    public static WriteOutcome noted(AuditAction action, String fingerprintBefore, String note) {
        return new WriteOutcome(action, fingerprintBefore, null, Optional.empty(), Map.of(), List.of(), note, null);
    }
}
