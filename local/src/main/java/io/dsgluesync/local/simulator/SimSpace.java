package io.dsgluesync.local.simulator;

import java.util.Objects;

/** A space as the catalog lists it (reference §2.4): technical name and business label. */
public record SimSpace(String name, String label) {
    public SimSpace {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
    }
}
