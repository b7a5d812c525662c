package io.dsgluesync.glue;

import java.util.Map;

/**
 * What Glue holds for a table: its optimistic-lock version and parameters. {@code complete} is false for the compact
 * state an asset message carries (the sync's own metadata only): enough to see that nothing changed, not enough to
 * write, so a write reads the table first.
 */
public record StoredTable(String database, String name, String versionId, Map<String, String> parameters,
                          boolean complete) {
    /** A table as Glue answered it. */
    public StoredTable(String database, String name, String versionId, Map<String, String> parameters) {
        this(database, name, versionId, parameters, true);
    }
}
