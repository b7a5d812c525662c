package io.dsgluesync.sync;

import io.dsgluesync.audit.AuditAction;
import io.dsgluesync.glue.CatalogException;
import io.dsgluesync.glue.StoredTable;
import io.dsgluesync.glue.TargetCatalog;
import io.dsgluesync.glue.WriteOutcome;
import io.dsgluesync.governance.DesiredLfTags;
import io.dsgluesync.governance.LfTagRule;
import io.dsgluesync.governance.LfTagWriter;
import io.dsgluesync.governance.LfTags;
import io.dsgluesync.mapping.ColumnDefinition;
import io.dsgluesync.mapping.SyncParameters;
import io.dsgluesync.mapping.TableDefinition;
import io.dsgluesync.rules.AssetRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The LF-Tags step of an asset's sync: after a table was created or updated in a target, its LF-Tags (and its
 * database's and columns') are brought to what the rules give ({@link LfTagWriter}). The tags the rules give are
 * stored with the table ({@link LfTags#PARAMETER}) in the same write, so that an unchanged table costs no Lake
 * Formation call; when a call was refused the marker is rewritten without what failed and without the configuration
 * hash, so that the next run maps the asset again and retries.
 */
final class LakeFormationTagging {
    /** By target name; a target without one gets no LF-Tags. */
    private final Map<String, LfTagWriter> writers;

    LakeFormationTagging(Map<String, LfTagWriter> writers) {
        this.writers = Map.copyOf(writers);
    }

    static LakeFormationTagging none() {
        return new LakeFormationTagging(Map.of());
    }

    /**
     * Whether the asset's tags need looking after: the rules give LF-Tags, or a table holds tags the sync attached
     * (a rules file without the section any more: they are removed).
     */
    boolean enabled(AssetRules rules, Collection<Optional<StoredTable>> stored) {
        return !writers.isEmpty() && (!rules.lakeFormationTags().isEmpty() || stored.stream().anyMatch(t ->
                t.isPresent() && t.get().parameters() != null && t.get().parameters().containsKey(LfTags.PARAMETER)));
    }

    static DesiredLfTags desired(List<LfTagRule> rules, AssetRules assetRules, TableDefinition definition) {
        Map<String, Map<String, String>> columns = new LinkedHashMap<>();
        for (ColumnDefinition column : definition.allColumns()) {
            columns.put(column.name(), column.parameters() == null ? Map.of() : column.parameters());
        }
        return DesiredLfTags.of(rules, definition.parameters(), assetRules.context().tags(), columns);
    }

    /** What this step did in one target: notes for the audit record, and refusals as its error. */
    record Applied(List<String> notes, String error) {
        static final Applied NOTHING = new Applied(List.of(), null);
    }

    Applied apply(TargetCatalog target, TableDefinition definition, WriteOutcome outcome,
                  Optional<StoredTable> stored, LfTags desired, boolean plan) {
        LfTagWriter writer = writers.get(target.target().name());
        if (writer == null || (outcome.action() != AuditAction.CREATED && outcome.action() != AuditAction.UPDATED)) {
            return Applied.NOTHING;
        }
        boolean newTable = outcome.action() == AuditAction.CREATED;
        Optional<StoredTable> before = outcome.replaced().isPresent() ? outcome.replaced() : stored;
        LfTags previous = newTable || before.isEmpty() || before.get().parameters() == null ? LfTags.NONE
                : LfTags.parse(before.get().parameters().get(LfTags.PARAMETER));
        String database = definition.database().name();
        List<String> columns = definition.allColumns().stream().map(ColumnDefinition::name).toList();
        LfTagWriter.Result result = writer.apply(database, definition.name(), columns, desired, previous, newTable,
                plan);
        List<String> notes = new ArrayList<>(result.notes());
        if (!result.changes().isEmpty()) {
            notes.add("LF-Tags " + (plan ? "would change" : "changed") + ": " + String.join(", ", result.changes()));
        }
        if (!result.failed()) {
            return new Applied(notes, null);
        }
        try {
            target.writer().updateMarkers(database, definition.name(), Map.of(LfTags.PARAMETER,
                    result.attached().toJson()), Set.of(SyncParameters.CONFIG_HASH));
        } catch (CatalogException e) {
            notes.add("LF-Tag marker of " + database + "." + definition.name() + " not corrected: " + e.getMessage());
        }
        return new Applied(notes, String.join("; ", result.errors()));
    }
}
