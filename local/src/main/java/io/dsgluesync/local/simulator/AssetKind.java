package io.dsgluesync.local.simulator;

/**
 * The three catalog asset shapes, told apart by which consumption services exist (the same rule as the shared
 * {@code io.dsgluesync.model.AssetKind}, which names its sources).
 */
public enum AssetKind {
    /** Exposed view: relational consumption only. */
    VIEW(true, false),
    /** Analytic model: analytical consumption only; its relational URLs are null. */
    ANALYTIC_MODEL(false, true),
    /** View with the (deprecated) Analytical Dataset semantic usage: both services. */
    ANALYTICAL_DATASET(true, true);

    private final boolean relational;
    private final boolean analytical;

    AssetKind(boolean relational, boolean analytical) {
        this.relational = relational;
        this.analytical = analytical;
    }

    public boolean hasRelational() {
        return relational;
    }

    public boolean hasAnalytical() {
        return analytical;
    }
}
