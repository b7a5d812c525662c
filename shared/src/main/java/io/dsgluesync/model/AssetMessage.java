package io.dsgluesync.model;

import java.util.Map;

/**
 * The message discovery puts on the asset queue, one per asset. {@code schemaVersion} lets old and new workers
 * tell each other's messages apart. {@code designTimeOnly} marks objects that have no consumption metadata and
 * are mapped from their CSN alone. {@code glue}, when discovery has read the targets, says what each target held;
 * {@code replica}, when a replication flow writes the asset's data to S3, says where. {@code plan} marks a plan
 * run's message: the worker computes what it would do and writes nothing to Glue. {@code retire}, on a message for
 * an asset the listing no longer has, names the targets whose table is stale and the policy each applies
 * ({@code DEPRECATE} or {@code DELETE}).
 */
public record AssetMessage(
        int schemaVersion,
        String runId,
        String space,
        String spaceLabel,
        String asset,
        String label,
        AssetKind kind,
        String relationalMetadataUrl,
        String analyticalMetadataUrl,
        boolean hasParameters,
        int priority,
        boolean designTimeOnly,
        Map<String, TableState> glue,
        S3Replica replica,
        boolean plan,
        Map<String, String> retire) {

    public static final int SCHEMA_VERSION = 1;

    /** A catalog asset's message. */
    public AssetMessage(int schemaVersion, String runId, String space, String spaceLabel, String asset, String label,
                        AssetKind kind, String relationalMetadataUrl, String analyticalMetadataUrl,
                        boolean hasParameters, int priority) {
        this(schemaVersion, runId, space, spaceLabel, asset, label, kind, relationalMetadataUrl, analyticalMetadataUrl,
                hasParameters, priority, false, null, null, false, null);
    }

    public AssetMessage(int schemaVersion, String runId, String space, String spaceLabel, String asset, String label,
                        AssetKind kind, String relationalMetadataUrl, String analyticalMetadataUrl,
                        boolean hasParameters, int priority, boolean designTimeOnly, Map<String, TableState> glue,
                        S3Replica replica) {
        this(schemaVersion, runId, space, spaceLabel, asset, label, kind, relationalMetadataUrl, analyticalMetadataUrl,
                hasParameters, priority, designTimeOnly, glue, replica, false, null);
    }

    public boolean retiring() {
        return retire != null && !retire.isEmpty();
    }

    /** This message as part of a plan run. */
    public AssetMessage asPlan() {
        return new AssetMessage(schemaVersion, runId, space, spaceLabel, asset, label, kind, relationalMetadataUrl,
                analyticalMetadataUrl, hasParameters, priority, designTimeOnly, glue, replica, true, retire);
    }

    /**
     * A removed asset's message: its table in each named target is stale and gets that target's policy
     * ({@code DEPRECATE} or {@code DELETE}).
     */
    public static AssetMessage retiring(String runId, String space, String asset, AssetKind kind, int priority,
                                        Map<String, String> policies) {
        return new AssetMessage(SCHEMA_VERSION, runId, space, null, asset, null, kind, null, null, false, priority,
                false, null, null, false, Map.copyOf(policies));
    }

    /** This message with what each Glue target held for the table (target name → state). */
    public AssetMessage withGlue(Map<String, TableState> states) {
        return new AssetMessage(schemaVersion, runId, space, spaceLabel, asset, label, kind, relationalMetadataUrl,
                analyticalMetadataUrl, hasParameters, priority, designTimeOnly, Map.copyOf(states), replica, plan, retire);
    }

    /** This message with the S3 folder a replication flow writes the asset's data to. */
    public AssetMessage withReplica(S3Replica s3) {
        return new AssetMessage(schemaVersion, runId, space, spaceLabel, asset, label, kind, relationalMetadataUrl,
                analyticalMetadataUrl, hasParameters, priority, designTimeOnly, glue, s3, plan, retire);
    }

    /** An object the catalog does not list, known only through the design-time (CSN) API. */
    public static AssetMessage designTime(String runId, Space space, String name, AssetKind kind, int priority) {
        return new AssetMessage(SCHEMA_VERSION, runId, space.name(), space.label(), name, null, kind, null, null,
                false, priority, true, null, null);
    }

    /**
     * What a replication flow copies into S3 from a system other than Datasphere: a table named after the target
     * object, whose columns come from the flow's definition.
     */
    public static AssetMessage replicated(String runId, Space space, S3Replica replica, int priority) {
        return new AssetMessage(SCHEMA_VERSION, runId, space.name(), space.label(), replica.targetObject(), null,
                AssetKind.REPLICATED_OBJECT, null, null, false, priority, true, null, replica);
    }

    public static AssetMessage of(String runId, Space space, Asset asset, int priority) {
        return new AssetMessage(SCHEMA_VERSION, runId, space.name(), space.label(), asset.name(), asset.label(),
                asset.kind(), text(asset.relationalMetadataUrl()), text(asset.analyticalMetadataUrl()),
                asset.hasParameters(), priority);
    }

    private static String text(java.net.URI uri) {
        return uri == null ? null : uri.toString();
    }
}
