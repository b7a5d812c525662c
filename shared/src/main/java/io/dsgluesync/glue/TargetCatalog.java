package io.dsgluesync.glue;

import java.util.function.Supplier;

/** A target with the catalog client that writes to it and its caller identity (resolved once, lazily). */
public record TargetCatalog(GlueTarget target, GlueCatalog catalog, CatalogWriter writer,
                            Supplier<CallerIdentity> identity) {
}
