package io.dsgluesync.glue;

import io.dsgluesync.audit.AuditAction;
import java.util.Optional;

/** What an upsert did, the fingerprint the table had before, and the table it wrote over (empty when it created). */
public record WriteOutcome(AuditAction action, String fingerprintBefore, String detail, Optional<StoredTable> replaced) {
    public WriteOutcome(AuditAction action, String fingerprintBefore, String detail) {
        this(action, fingerprintBefore, detail, Optional.empty());
    }
}
