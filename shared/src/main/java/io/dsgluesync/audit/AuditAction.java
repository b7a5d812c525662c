package io.dsgluesync.audit;

/** What the sync did with one asset in one run. */
public enum AuditAction {
    CREATED, UPDATED, UNCHANGED, FAILED, CONFLICT, SKIPPED;

    public String counter() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
