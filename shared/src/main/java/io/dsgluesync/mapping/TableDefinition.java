package io.dsgluesync.mapping;

import java.util.List;
import java.util.Map;

/**
 * The Glue table for one asset, validated against Glue's limits.
 *
 * @param parameters  table parameters owned by the sync (business context and sync metadata)
 * @param fingerprint hash of everything above except the run-specific sync metadata: equal means unchanged
 * @param warnings    mapping notes (approximate types) that go into the audit record
 */
public record TableDefinition(
        DatabaseDefinition database,
        String name,
        String description,
        List<ColumnDefinition> columns,
        List<ColumnDefinition> partitionKeys,
        StorageDefinition storage,
        Map<String, String> parameters,
        String fingerprint,
        List<String> warnings) {

    /** The columns followed by the partition keys: every column of the table, in Glue's order. */
    public List<ColumnDefinition> allColumns() {
        List<ColumnDefinition> all = new java.util.ArrayList<>(columns);
        all.addAll(partitionKeys);
        return all;
    }
}
