package io.dsgluesync.glue;

import java.util.Map;

/** What Glue holds for a table: its optimistic-lock version and parameters. */
public record StoredTable(String database, String name, String versionId, Map<String, String> parameters) {
}
