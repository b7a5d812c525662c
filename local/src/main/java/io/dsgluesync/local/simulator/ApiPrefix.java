package io.dsgluesync.local.simulator;

/**
 * The two API roots a tenant answers on. Catalog records of real tenants mix them in their consumption URLs
 * (https://github.com/datahub-project/datahub,
 * {@code metadata-ingestion/tests/integration/sap_datasphere/fixtures/recorded/catalog_assets.json}), so each simulated
 * asset names the one its URLs use; both are always served.
 */
public enum ApiPrefix {
    DATASPHERE("/api/v1/datasphere"),
    DWC("/api/v1/dwc");

    private final String path;

    ApiPrefix(String path) {
        this.path = path;
    }

    /** Root path without a trailing slash, e.g. {@code /api/v1/dwc}. */
    public String path() {
        return path;
    }

    /** Catalog service root under this prefix. */
    public String catalogPath() {
        return this == DATASPHERE ? path + "/consumption/catalog" : path + "/catalog";
    }

    /** Consumption root ({@code .../consumption}) under this prefix. */
    public String consumptionPath() {
        return path + "/consumption";
    }
}
