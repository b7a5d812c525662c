package io.dsgluesync.glue;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * What Glue holds for a table: its optimistic-lock version and parameters, and the whole table as Glue answered it.
 * {@code table} is null for the compact state an asset message carries (the sync's own markers, and what drifted):
 * enough to see that nothing changed, not enough to write, so a write reads the table first.
 *
 * @param drifted the parts of the table edited outside the sync since it last wrote them (see {@link Drift})
 */
public record StoredTable(String database, String name, String versionId, Map<String, String> parameters,
                          Table table, List<String> drifted) {
    public StoredTable {
        parameters = parameters == null ? Map.of() : parameters;
        drifted = drifted == null ? List.of() : List.copyOf(drifted);
    }

    /** A table as Glue answered it. */
    public static StoredTable of(Table t) {
        return new StoredTable(t.databaseName(), t.name(), t.versionId(), t.parameters(), t, Drift.of(t));
    }

    /** A table known only by its markers (tests, compact state). */
    public StoredTable(String database, String name, String versionId, Map<String, String> parameters) {
        this(database, name, versionId, parameters, null, List.of());
    }

    public boolean complete() {
        return table != null;
    }
}
