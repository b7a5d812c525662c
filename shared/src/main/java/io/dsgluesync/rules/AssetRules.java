package io.dsgluesync.rules;

import java.util.TreeMap;
import java.util.TreeSet;

/** The rules that apply to one asset: its business context and its field mapping. */
public record AssetRules(BusinessContext context, ColumnRules columns) {
    public static final AssetRules NONE = new AssetRules(BusinessContext.NONE, ColumnRules.NONE);

    /** A deterministic text of these rules (sorted), for the config hash that decides whether a 304 may be trusted. */
    public String canonical() {
        return "context{steward=" + context.steward() + ",owner=" + context.owner() + ",certification="
                + context.certification() + ",tags=" + context.tags() + ",properties="
                + new TreeMap<>(context.properties()) + "}columns{renames=" + new TreeMap<>(columns.renames())
                + ",types=" + new TreeMap<>(columns.types()) + ",excluded=" + new TreeSet<>(columns.excluded())
                + ",partitionKeys=" + columns.partitionKeys().stream().map(Glob::text).toList() + "}";
    }
}
