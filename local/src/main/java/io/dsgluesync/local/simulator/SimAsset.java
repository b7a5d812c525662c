package io.dsgluesync.local.simulator;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * An exposed asset of a simulated tenant. The CSDL documents come from suppliers so that a generated tenant
 * can build them on request instead of holding thousands of XML strings.
 *
 * @param name                   technical name; may contain dots
 * @param label                  business name
 * @param spaceName              owning space
 * @param kind                   which consumption services exist
 * @param urlPrefix              API root used in this asset's catalog URLs (both roots serve it)
 * @param relationalCsdlSource   relational {@code $metadata} body, null when the kind has none
 * @param analyticalCsdlSource   analytical {@code $metadata} body, null when the kind has none
 * @param hasParameters          the catalog's {@code hasParameters} flag
 * @param csnSource              design-time CSN ({@link CsnWriter}), or null for a minimal one made from the label
 */
public record SimAsset(String name, String label, String spaceName, AssetKind kind, ApiPrefix urlPrefix,
                       Supplier<String> relationalCsdlSource, Supplier<String> analyticalCsdlSource,
                       boolean hasParameters, Supplier<String> csnSource) {

    public SimAsset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(spaceName, "spaceName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(urlPrefix, "urlPrefix");
        if (kind.hasRelational() != (relationalCsdlSource != null)
                || kind.hasAnalytical() != (analyticalCsdlSource != null)) {
            throw new IllegalArgumentException("CSDL documents of " + spaceName + "/" + name + " do not match " + kind);
        }
    }

    /** An asset without a CSN of its own; the design-time API serves a minimal one. */
    public SimAsset(String name, String label, String spaceName, AssetKind kind, ApiPrefix urlPrefix,
                    Supplier<String> relationalCsdlSource, Supplier<String> analyticalCsdlSource,
                    boolean hasParameters) {
        this(name, label, spaceName, kind, urlPrefix, relationalCsdlSource, analyticalCsdlSource, hasParameters, null);
    }

    /** An asset whose CSDL texts are already at hand. */
    public static SimAsset of(String name, String label, String spaceName, AssetKind kind, ApiPrefix urlPrefix,
                              String relationalCsdl, String analyticalCsdl, boolean hasParameters) {
        return new SimAsset(name, label, spaceName, kind, urlPrefix,
                relationalCsdl == null ? null : () -> relationalCsdl,
                analyticalCsdl == null ? null : () -> analyticalCsdl, hasParameters);
    }

    /** The relational CSDL XML, or null for analytic models. */
    public String relationalCsdl() {
        return relationalCsdlSource == null ? null : relationalCsdlSource.get();
    }

    /** The analytical CSDL XML, or null for plain views. */
    public String analyticalCsdl() {
        return analyticalCsdlSource == null ? null : analyticalCsdlSource.get();
    }

    /** An asset whose CSDL and CSN texts are already at hand. */
    public static SimAsset of(String name, String label, String spaceName, AssetKind kind, ApiPrefix urlPrefix,
                              String relationalCsdl, String analyticalCsdl, boolean hasParameters, String csn) {
        return new SimAsset(name, label, spaceName, kind, urlPrefix,
                relationalCsdl == null ? null : () -> relationalCsdl,
                analyticalCsdl == null ? null : () -> analyticalCsdl, hasParameters, csn == null ? null : () -> csn);
    }

    /**
     * Where the design-time API lists it: analytic models apart, every other exposed asset is a view (SAP exposes
     * analytic models, perspectives and views,
     * https://github.com/SAP-docs/sap-datasphere/blob/main/docs/Acquiring-Preparing-Modeling-Data/Modeling-Data-in-the-Data-Builder/exposing-data-for-consumption-40ec77e.md).
     */
    public DesignObjectType designType() {
        return kind == AssetKind.ANALYTIC_MODEL ? DesignObjectType.ANALYTIC_MODELS : DesignObjectType.VIEWS;
    }

    /** The CSN document {@code {"definitions":{"<name>":{...}}}}. */
    public String csn() {
        return csnSource == null ? CsnWriter.minimal(this) : csnSource.get();
    }

    /**
     * Entity-set name in the consumption service: dots become underscores, as in a recorded tenant document
     * (https://github.com/datahub-project/datahub,
     * {@code metadata-ingestion/tests/integration/sap_datasphere/fixtures/recorded/edmx/SAP.TIME.VIEW_DIMENSION_DAY.xml}).
     */
    public String entitySetName() {
        return name.replace('.', '_');
    }
}
