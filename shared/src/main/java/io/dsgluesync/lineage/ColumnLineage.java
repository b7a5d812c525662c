package io.dsgluesync.lineage;

import java.util.List;

/**
 * Where one output column comes from.
 *
 * @param column    the output column's Datasphere name (as in the definition's {@code elements})
 * @param sources   the source columns it is computed from
 * @param transform {@code identity} (same name, unchanged), {@code rename}, {@code aggregation} (SUM, COUNT, AVG, MIN,
 *                  MAX …), {@code function} (any other function), or {@code expression}
 * @param function  the function's name for {@code aggregation} and {@code function}, else null
 */
public record ColumnLineage(String column, List<SourceColumn> sources, String transform, String function) {
    public ColumnLineage {
        sources = List.copyOf(sources);
    }

    /**
     * A column of a source object. {@code space}/{@code object} as in {@link Upstream}; for an external source
     * {@code object} is its remote entity ({@link Upstream#remoteEntity()}).
     */
    public record SourceColumn(String space, String object, String column) {
    }
}
