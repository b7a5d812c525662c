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
    /**
     * The deployment that owns the table ({@code <stack>@<tenant host>}): two deployments sharing a catalog never
     * write each other's tables. A table without it was written before deployments were named and is claimed by the
     * deployment that next writes it.
     */
    public static final String DEPLOYMENT = "datasphere.sync.deployment";
    /** What the sync last wrote, as short hashes per part ({@code columns=…;partitionKeys=…;storage=…}): drift. */
    public static final String WRITTEN = "datasphere.sync.written";
    /** Set when the table's asset was removed from Datasphere and the table deprecated (policy DEPRECATE). */
    public static final String DEPRECATED_AT = "datasphere.sync.deprecated_at";
    /** Set when the sync adopted a table it did not create: its storage and partition keys stay the owner's. */
    public static final String ADOPTED_AT = "datasphere.sync.adopted_at";
    /**
     * The mapping's own version, part of every table's configuration hash: a release that changes how assets are
     * mapped bumps it, so unchanged assets are re-mapped once instead of being trusted on an HTTP 304.
     */
    public static final String MAPPING_VERSION = "2026.12.1";

    private SyncParameters() {
    }

    public static boolean ownedBySync(String key) {
        return key.startsWith(PREFIX);
    }
}
