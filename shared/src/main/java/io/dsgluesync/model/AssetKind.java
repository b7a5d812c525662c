package io.dsgluesync.model;

import java.net.URI;

/**
 * What a catalog asset is. The Datasphere catalog has no type field, so the kind is inferred from which metadata
 * URLs it gives (reference datasphere-api.md §2.5): relational only is an exposed view, analytical only is an
 * analytic model, both is a view with the (deprecated) analytical-dataset semantic usage.
 */
public enum AssetKind {
    VIEW,
    ANALYTIC_MODEL,
    ANALYTICAL_DATASET;

    public static AssetKind infer(URI relationalMetadataUrl, URI analyticalMetadataUrl) {
        if (relationalMetadataUrl != null && analyticalMetadataUrl != null) {
            return ANALYTICAL_DATASET;
        }
        if (analyticalMetadataUrl != null) {
            return ANALYTIC_MODEL;
        }
        return VIEW;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
