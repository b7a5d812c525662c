package io.dsgluesync.mapping;

import io.dsgluesync.model.AssetMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What Athena and Trino demand of a Glue table before they open it, checked before any Glue call because Glue and
 * moto accept all of it: at least one data column; every type parseable ({@link HiveTypeSyntax}); no partition key
 * that repeats a column; no two columns that differ only in case (engines look names up in lower case; Athena:
 * https://docs.aws.amazon.com/athena/latest/ug/tables-databases-columns-names.html).
 */
final class QueryEngineRules {
    private QueryEngineRules() {
    }

    static void check(AssetMessage asset, List<ColumnDefinition> columns, List<ColumnDefinition> partitionKeys) {
        String who = "asset " + asset.space() + "/" + asset.asset();
        if (columns.isEmpty()) {
            throw new MappingException("columns", who + ": the table would have no data column");
        }
        Map<String, String> seen = new HashMap<>();
        Stream.concat(columns.stream().map(c -> new Named(c, "column")),
                partitionKeys.stream().map(c -> new Named(c, "partition key"))).forEach(named -> {
            ColumnDefinition c = named.column();
            String original = c.parameters().getOrDefault("datasphere.original_name", c.name());
            HiveTypeSyntax.problem(c.type()).ifPresent(problem -> {
                throw new MappingException("columns." + original + ".type", who + ": " + named.role() + " "
                        + original + " has a type Athena and Trino cannot read: " + problem);
            });
            String earlier = seen.putIfAbsent(c.name().toLowerCase(Locale.ROOT), named.role() + " " + c.name());
            if (earlier != null) {
                throw new MappingException("columns." + original, who + ": " + named.role() + " " + c.name()
                        + " and " + earlier + " have the same name for Athena and Trino, which ignore case");
            }
        });
    }

    private record Named(ColumnDefinition column, String role) {
    }
}
