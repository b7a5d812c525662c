package io.dsgluesync.mapping;

import io.dsgluesync.model.AssetMessage;
import io.dsgluesync.rules.ColumnRules;
import io.dsgluesync.rules.Glob;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks partition keys by the configured names or patterns, in the rules' order. Glue supports only primitive
 * partition keys (TableInput.PartitionKeys doc), and a partition key is never also a data column.
 */
final class PartitionKeys {
    private PartitionKeys() {
    }

    static List<ColumnDefinition> select(AssetMessage asset, List<ColumnDefinition> columns, ColumnRules rules) {
        List<ColumnDefinition> keys = new ArrayList<>();
        Set<ColumnDefinition> chosen = new HashSet<>();
        for (Glob pattern : rules.partitionKeys()) {
            for (ColumnDefinition column : columns) {
                String original = column.parameters().getOrDefault("datasphere.original_name", column.name());
                if ((pattern.matches(column.name()) || pattern.matches(original)) && !chosen.contains(column)) {
                    if (!HiveTypeSyntax.isPrimitive(column.type())) {
                        throw new MappingException("partitionKeys." + column.name(), "asset " + asset.space() + "/"
                                + asset.asset() + ": column " + original + " of type " + column.type()
                                + " cannot be a partition key (Glue allows only primitive types)");
                    }
                    keys.add(column);
                    chosen.add(column);
                }
            }
        }
        if (!keys.isEmpty() && keys.size() == columns.size()) {
            throw new MappingException("partitionKeys", "asset " + asset.space() + "/" + asset.asset()
                    + ": every column would become a partition key, leaving no data column");
        }
        return keys;
    }
}
