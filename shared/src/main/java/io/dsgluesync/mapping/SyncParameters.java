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
    /** ETags of the $metadata documents the table was mapped from, as JSON {"relational": ..., "analytical": ...}. */
    public static final String METADATA_ETAGS = "datasphere.sync.metadata_etags";
    /** Hash of the mapping settings and rules the table was mapped with: a 304 is trusted only when it is equal. */
    public static final String CONFIG_HASH = "datasphere.sync.config_hash";
    /** The mapped columns as {@code name:type,...}, so that the next update can say what changed. */
    public static final String COLUMNS = "datasphere.sync.columns";

    private SyncParameters() {
    }

    public static boolean ownedBySync(String key) {
        return key.startsWith(PREFIX);
    }
}
