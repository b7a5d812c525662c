package io.dsgluesync.mapping;

/**
 * Parameter keys the sync writes. Everything under {@code datasphere.} belongs to the sync; any other key on a
 * table was put there by someone else and survives every update.
 */
public final class SyncParameters {
    public static final String PREFIX = "datasphere.";
    public static final String MANAGED_BY = "datasphere.sync.managed_by";
    public static final String MANAGED_BY_VALUE = "datasphere-glue-sync";
    public static final String FINGERPRINT = "datasphere.sync.fingerprint";
    public static final String RUN_ID = "datasphere.sync.run_id";
    public static final String SYNCED_AT = "datasphere.sync.synced_at";

    private SyncParameters() {
    }

    public static boolean ownedBySync(String key) {
        return key.startsWith(PREFIX);
    }
}
