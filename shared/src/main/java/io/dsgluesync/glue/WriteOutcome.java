package io.dsgluesync.glue;

import io.dsgluesync.audit.AuditAction;

/** What an upsert did, and the fingerprint the table had before. */
public record WriteOutcome(AuditAction action, String fingerprintBefore, String detail) {
}
