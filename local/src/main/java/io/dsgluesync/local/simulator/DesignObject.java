package io.dsgluesync.local.simulator;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One object of the design-time API: a catalog asset seen as a view or analytic model, or an object the catalog
 * does not list (local and remote tables, replication and data flows).
 *
 * @param spaceName owning space
 * @param type      which list it appears in
 * @param name      technical name
 * @param csnSource what a read answers, rendered on request: the CSN document {@code {"definitions":{...}}}, or for
 *                  a flow its definition ({@code {"replicationflows"|"dataflows":{...}}})
 */
public record DesignObject(String spaceName, DesignObjectType type, String name, Supplier<String> csnSource) {

    public DesignObject {
        Objects.requireNonNull(spaceName, "spaceName");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(csnSource, "csnSource");
    }

    /** An object whose CSN text is already at hand. */
    public static DesignObject of(String spaceName, DesignObjectType type, String name, String csn) {
        Objects.requireNonNull(csn, "csn");
        return new DesignObject(spaceName, type, name, () -> csn);
    }

    public String csn() {
        return csnSource.get();
    }
}
