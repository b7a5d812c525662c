package io.dsgluesync.model;

/**
 * The message discovery puts on the asset queue, one per asset. {@code schemaVersion} lets old and new workers
 * tell each other's messages apart.
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
        int priority) {

    public static final int SCHEMA_VERSION = 1;

    public static AssetMessage of(String runId, Space space, Asset asset, int priority) {
        return new AssetMessage(SCHEMA_VERSION, runId, space.name(), space.label(), asset.name(), asset.label(),
                asset.kind(), text(asset.relationalMetadataUrl()), text(asset.analyticalMetadataUrl()),
                asset.hasParameters(), priority);
    }

    private static String text(java.net.URI uri) {
        return uri == null ? null : uri.toString();
    }
}
