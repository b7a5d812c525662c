package io.dsgluesync.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Field mapping for the assets a rule matches: columns renamed (Datasphere name → Glue name), Glue type overrides,
 * excluded columns, and partition keys (column names or glob patterns over column names).
 */
public record ColumnRules(Map<String, String> renames, Map<String, String> types, Set<String> excluded,
                          List<Glob> partitionKeys) {
    public static final ColumnRules NONE = new ColumnRules(Map.of(), Map.of(), Set.of(), List.of());

    ColumnRules overlaidWith(ColumnRules other) {
        java.util.Map<String, String> r = new java.util.TreeMap<>(renames);
        r.putAll(other.renames);
        java.util.Map<String, String> t = new java.util.TreeMap<>(types);
        t.putAll(other.types);
        java.util.Set<String> e = new java.util.TreeSet<>(excluded);
        e.addAll(other.excluded);
        List<Glob> p = other.partitionKeys.isEmpty() ? partitionKeys : other.partitionKeys;
        return new ColumnRules(Map.copyOf(r), Map.copyOf(t), Set.copyOf(e), List.copyOf(p));
    }
}
