package io.dsgluesync.local.simulator;

import java.util.List;

/**
 * A generated asset's entity type, rendered by {@link CsdlWriter} as relational and/or analytical CSDL.
 *
 * @param assetName     technical asset name (dots allowed)
 * @param label         entity {@code Common.Label}
 * @param columns       properties in order
 * @param hierarchies   {@code Hierarchy.leveled} records on the entity type
 * @param dimensionView relational dimension columns carry lowercase {@code Analytics.dimension}, as recorded
 */
record CsdlEntity(String assetName, String label, List<CsdlColumn> columns, List<Hierarchy> hierarchies,
                  boolean dimensionView) {

    /** A level-based hierarchy: name, label and level columns from the top. */
    record Hierarchy(String name, String label, List<String> levels) {
    }

    CsdlEntity {
        columns = List.copyOf(columns);
        hierarchies = List.copyOf(hierarchies);
    }

    String typeName() {
        return assetName.replace('.', '_');
    }
}
