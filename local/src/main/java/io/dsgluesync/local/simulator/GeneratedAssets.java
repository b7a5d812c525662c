package io.dsgluesync.local.simulator;

/**
 * Single generated assets outside a tenant, rendered exactly as a generated tenant's are ({@link CsdlWriter}): for
 * benchmarks that need one document of a chosen width.
 */
public final class GeneratedAssets {
    private GeneratedAssets() {
    }

    /**
     * An analytic model of {@code columns} columns (at least 4): dimensions, some with a text column
     * ({@code Common.Text}), measures with {@code Aggregation.default}, currency and unit references, and a level
     * hierarchy. Its analytical {@code $metadata} is {@link SimAsset#analyticalCsdl()}; the same seed gives the same
     * document.
     */
    public static SimAsset analyticModel(String space, String name, int columns, long seed) {
        String label = GeneratedTenant.titleCase(name) + " (Analytic Model, " + columns + " columns)";
        CsdlEntity entity = GeneratedEntityFactory.analyticModel(name, label, columns, seed);
        return SimAsset.of(name, label, space, AssetKind.ANALYTIC_MODEL, ApiPrefix.DATASPHERE, null,
                CsdlWriter.write(entity, CsdlWriter.Flavor.ANALYTICAL), false, CsnWriter.write(entity,
                        AssetKind.ANALYTIC_MODEL));
    }
}
