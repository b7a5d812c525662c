package io.dsgluesync.model;

/**
 * The message discovery puts on the asset queue, one per asset. {@code schemaVersion} lets old and new workers
 * tell each other's messages apart. {@code designTimeOnly} marks objects that have no consumption metadata and
 * are mapped from their CSN alone. {@code glue}, when discovery has read the targets, says what each target held.
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
        java.util.Map<String, TableState> glue) {

    public static final int SCHEMA_VERSION = 1;

    /** A catalog asset's message. */
    public AssetMessage(int schemaVersion, String runId, String space, String spaceLabel, String asset, String label,
                        AssetKind kind, String relationalMetadataUrl, String analyticalMetadataUrl,
                        boolean hasParameters, int priority) {
        this(schemaVersion, runId, space, spaceLabel, asset, label, kind, relationalMetadataUrl, analyticalMetadataUrl,
                hasParameters, priority, false, null);
    }

    /** This message with what each Glue target held for the table (target name → state). */
    public AssetMessage withGlue(java.util.Map<String, TableState> states) {
        return new AssetMessage(schemaVersion, runId, space, spaceLabel, asset, label, kind, relationalMetadataUrl,
                analyticalMetadataUrl, hasParameters, priority, designTimeOnly, java.util.Map.copyOf(states));
    }

    /** An object the catalog does not list, known only through the design-time (CSN) API. */
    public static AssetMessage designTime(String runId, Space space, String name, AssetKind kind, int priority) {
        return new AssetMessage(SCHEMA_VERSION, runId, space.name(), space.label(), name, null, kind, null, null,
                false, priority, true, null);
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
