package io.dsgluesync.sync;

import io.dsgluesync.glue.StoredTable;
import io.dsgluesync.mapping.SyncParameters;
import io.dsgluesync.mapping.TableDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What an upsert changes, from the column list the table carries and the new definition. Pure. */
final class ChangedFields {
    private ChangedFields() {
    }

    static List<String> between(Optional<StoredTable> stored, TableDefinition next) {
        if (stored == null || stored.isEmpty()) {
            return List.of("table created");
        }
        Map<String, String> before = columns(stored.get().parameters() == null ? null
                : stored.get().parameters().get(SyncParameters.COLUMNS));
        Map<String, String> after = columns(next.parameters().get(SyncParameters.COLUMNS));
        if (before == null) {
            return List.of("table replaced (no earlier column list)");
        }
        List<String> changes = new ArrayList<>();
        List<String> added = after.keySet().stream().filter(c -> !before.containsKey(c)).toList();
        List<String> removed = before.keySet().stream().filter(c -> !after.containsKey(c)).toList();
        List<String> retyped = after.entrySet().stream()
                .filter(e -> before.containsKey(e.getKey()) && !before.get(e.getKey()).equals(e.getValue()))
                .map(e -> e.getKey() + " " + before.get(e.getKey()) + "->" + e.getValue()).toList();
        if (!added.isEmpty()) {
            changes.add("columns added: " + String.join(", ", added));
        }
        if (!removed.isEmpty()) {
            changes.add("columns removed: " + String.join(", ", removed));
        }
        if (!retyped.isEmpty()) {
            changes.add("columns retyped: " + String.join(", ", retyped));
        }
        if (changes.isEmpty()) {
            changes.add("business metadata (labels, descriptions, parameters)");
        }
        return changes;
    }

    private static Map<String, String> columns(String signature) {
        if (signature == null) {
            return null;
        }
        Map<String, String> columns = new LinkedHashMap<>();
        for (String part : signature.isEmpty() ? new String[0] : signature.split(",(?![^<(]*[>)])")) {
            int colon = part.indexOf(':');
            if (colon > 0) {
                columns.put(part.substring(0, colon), part.substring(colon + 1));
            }
        }
        return columns;
    }
}
