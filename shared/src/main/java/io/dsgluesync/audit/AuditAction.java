package io.dsgluesync.audit;

/**
 * What the sync did with one asset in one run; in a plan run ({@link RunStarted#operation()} {@code plan}), what it
 * would do. {@code STALE}, {@code DEPRECATED} and {@code DELETED} are the removed-asset policies' outcomes
 * ({@code LOG}, {@code DEPRECATE}, {@code DELETE}); {@code DRIFTED} is a table edited outside the sync and left as
 * it is (drift policy {@code REPORT}).
 */
public enum AuditAction {
    CREATED, UPDATED, UNCHANGED, FAILED, CONFLICT, SKIPPED, STALE, DEPRECATED, DELETED, DRIFTED;

    public String counter() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
