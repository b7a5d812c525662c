package io.dsgluesync.local.simulator;

import java.util.Objects;

/**
 * A space as the catalog lists it: technical name and business label
 * (https://github.com/SAP-docs/sap-datasphere/blob/d7e335a2e7ed9b4f85a748167f72c6c0b160729c/docs/Acquiring-Preparing-Modeling-Data/Consuming-Data-Exposed/catalog-spaces-796476d.md).
 */
public record SimSpace(String name, String label) {
    public SimSpace {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
    }
}
