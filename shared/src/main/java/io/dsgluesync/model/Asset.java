package io.dsgluesync.model;

import java.net.URI;

/** One exposed asset of the Datasphere catalog (reference datasphere-api.md §2.5). */
public record Asset(
        String spaceName,
        String name,
        String label,
        URI relationalMetadataUrl,
        URI analyticalMetadataUrl,
        boolean supportsAnalyticalQueries,
        boolean hasParameters) {

    public AssetKind kind() {
        return AssetKind.infer(relationalMetadataUrl, analyticalMetadataUrl);
    }
}
