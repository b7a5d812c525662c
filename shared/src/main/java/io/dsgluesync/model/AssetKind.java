package io.dsgluesync.model;

import java.net.URI;
import java.util.Locale;

/**
 * What a catalog asset is. The Datasphere catalog has no type field, so the kind is inferred from which metadata URLs
 * it gives: relational only is an exposed view, analytical only is an analytic model (as in a recorded tenant response,
 * https://github.com/datahub-project/datahub,
 * {@code metadata-ingestion/tests/integration/sap_datasphere/fixtures/recorded/catalog_assets.json}), both (as SAP's
 * sample asset {@code CollegeEnrollment} has,
 * https://github.com/SAP-docs/sap-datasphere/blob/d7e335a2e7ed9b4f85a748167f72c6c0b160729c/docs/Acquiring-Preparing-Modeling-Data/Consuming-Data-Exposed/catalog-spaces-spaceid-assets-1c0186c.md)
 * is taken for a view with the (deprecated) analytical-dataset semantic usage. SAP documents no such rule; it is ours.
 */
public enum AssetKind {
    VIEW,
    ANALYTIC_MODEL,
    ANALYTICAL_DATASET,
    /** Not in the catalog; found through the design-time API (enrichment on). */
    LOCAL_TABLE,
    /** Not in the catalog; found through the design-time API (enrichment on). */
    REMOTE_TABLE,
    /**
     * Not a Datasphere object: what a replication flow copies from another system (e.g. an S/4HANA CDS view) into
     * Amazon S3, known from the flow's definition alone.
     */
    REPLICATED_OBJECT;

    public static AssetKind infer(URI relationalMetadataUrl, URI analyticalMetadataUrl) {
        if (relationalMetadataUrl != null && analyticalMetadataUrl != null) {
            return ANALYTICAL_DATASET;
        }
        if (analyticalMetadataUrl != null) {
            return ANALYTIC_MODEL;
        }
        return VIEW;
    }

    /** The design-time API's object type segment for this kind ({@code /dwaas-core/api/v1/spaces/S/<type>}). */
    public String designType() {
        return switch (this) {
            case ANALYTIC_MODEL -> "analyticmodels";
            case LOCAL_TABLE -> "localtables";
            case REMOTE_TABLE -> "remotetables";
            case REPLICATED_OBJECT -> "replicationflows";
            default -> "views";
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
