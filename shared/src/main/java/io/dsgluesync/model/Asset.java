package io.dsgluesync.model;

import java.net.URI;

/**
 * One exposed asset of the Datasphere catalog, with the fields SAP documents for it
 * (https://github.com/SAP-docs/sap-datasphere/blob/d7e335a2e7ed9b4f85a748167f72c6c0b160729c/docs/Acquiring-Preparing-Modeling-Data/Consuming-Data-Exposed/catalog-spaces-spaceid-assets-1c0186c.md)
 * and {@code hasParameters}, which recorded tenant responses add (https://github.com/datahub-project/datahub,
 * {@code metadata-ingestion/tests/integration/sap_datasphere/fixtures/recorded/catalog_assets.json}).
 */
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
