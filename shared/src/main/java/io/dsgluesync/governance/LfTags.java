package io.dsgluesync.governance;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dsgluesync.model.JsonCodec;
import java.util.Map;
import java.util.TreeMap;

/**
 * LF-Tags (key → value) of one table's resources: its database, the table, and its columns by Glue name. As the
 * table parameter {@link #PARAMETER} it records what the sync itself attached, as compact JSON
 * {@code {"d":{"space":"sap_content"},"t":{"certification":"certified"},"c":{"amount":{"role":"measure"}}}}
 * (empty parts left out), so that the sync removes only its own tags.
 */
public record LfTags(Map<String, String> database, Map<String, String> table,
                     Map<String, Map<String, String>> columns) {
    public static final String PARAMETER = "datasphere.sync.lftags";
    public static final LfTags NONE = new LfTags(Map.of(), Map.of(), Map.of());

    public LfTags {
        database = Map.copyOf(database);
        table = Map.copyOf(table);
        Map<String, Map<String, String>> copy = new TreeMap<>();
        columns.forEach((column, tags) -> {
            if (!tags.isEmpty()) {
                copy.put(column, Map.copyOf(tags));
            }
        });
        columns = java.util.Collections.unmodifiableMap(copy);
    }

    public boolean isEmpty() {
        return database.isEmpty() && table.isEmpty() && columns.isEmpty();
    }

    public Map<String, String> column(String name) {
        return columns.getOrDefault(name, Map.of());
    }

    public String toJson() {
        Map<String, Object> json = new TreeMap<>();
        if (!database.isEmpty()) {
            json.put("d", new TreeMap<>(database));
        }
        if (!table.isEmpty()) {
            json.put("t", new TreeMap<>(table));
        }
        if (!columns.isEmpty()) {
            Map<String, Object> c = new TreeMap<>();
            columns.forEach((name, tags) -> c.put(name, new TreeMap<>(tags)));
            json.put("c", c);
        }
        return JsonCodec.write(json);
    }

    /** The marker a table holds; {@link #NONE} when absent or unreadable (then nothing counts as the sync's). */
    public static LfTags parse(String json) {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        try {
            Marker m = JsonCodec.mapper().readValue(json, new TypeReference<Marker>() { });
            return new LfTags(m.d == null ? Map.of() : m.d, m.t == null ? Map.of() : m.t, m.c == null ? Map.of() : m.c);
        } catch (Exception e) {
            return NONE;
        }
    }

    private static final class Marker {
        public Map<String, String> d;
        public Map<String, String> t;
        public Map<String, Map<String, String>> c;
    }
}
