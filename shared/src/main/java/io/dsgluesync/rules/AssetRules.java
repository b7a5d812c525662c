package io.dsgluesync.rules;

import io.dsgluesync.governance.LfTagRule;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/** The rules that apply to one asset: its business context, its field mapping and the LF-Tags the sync assigns. */
public record AssetRules(BusinessContext context, ColumnRules columns, List<LfTagRule> lakeFormationTags) {
    public static final AssetRules NONE = new AssetRules(BusinessContext.NONE, ColumnRules.NONE);

    public AssetRules {
        lakeFormationTags = lakeFormationTags == null ? List.of() : List.copyOf(lakeFormationTags);
    }

    public AssetRules(BusinessContext context, ColumnRules columns) {
        this(context, columns, List.of());
    }

    /** A deterministic text of these rules (sorted), for the config hash that decides whether a 304 may be trusted. */
    public String canonical() {
        return "context{steward=" + context.steward() + ",owner=" + context.owner() + ",certification="
                + context.certification() + ",tags=" + context.tags() + ",properties="
                + new TreeMap<>(context.properties()) + "}columns{renames=" + new TreeMap<>(columns.renames())
                + ",types=" + new TreeMap<>(columns.types()) + ",excluded=" + new TreeSet<>(columns.excluded())
                + ",partitionKeys=" + columns.partitionKeys().stream().map(Glob::text).toList() + "}"
                // Only when set, so that the hash of a table without LF-Tags stays what it was.
                + (lakeFormationTags.isEmpty() ? "" : "lakeFormationTags"
                        + lakeFormationTags.stream().map(LfTagRule::canonical).toList());
    }
}
