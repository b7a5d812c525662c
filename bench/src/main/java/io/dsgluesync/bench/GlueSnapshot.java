package io.dsgluesync.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * The Glue catalog's content at one moment, read from moto directly (not counted), with the fields Glue sets on
 * its own (times, version ids) cleared, so that two snapshots differ exactly where a write changed something.
 */
record GlueSnapshot(Map<String, Database> databases, Map<String, Map<String, Table>> tables) {
    /** GetTables returns at most 100 tables a page (https://docs.aws.amazon.com/glue/latest/webapi/API_GetTables.html). */
    static final int TABLES_PAGE = 100;

    GlueSnapshot {
        databases = Map.copyOf(databases);
        tables = Map.copyOf(tables);
    }

    static GlueSnapshot read(GlueClient glue) {
        Map<String, Database> databases = new LinkedHashMap<>();
        Map<String, Map<String, Table>> tables = new LinkedHashMap<>();
        glue.getDatabasesPaginator(r -> r.maxResults(100)).stream().flatMap(p -> p.databaseList().stream())
                .forEach(d -> {
            databases.put(d.name(), d.toBuilder().createTime(null).build());
            Map<String, Table> inDatabase = new LinkedHashMap<>();
            glue.getTablesPaginator(r -> r.databaseName(d.name()).maxResults(TABLES_PAGE)).stream()
                    .flatMap(p -> p.tableList().stream()).forEach(t -> inDatabase.put(t.name(), t.toBuilder().createTime(null).updateTime(null)
                            .lastAccessTime(null).lastAnalyzedTime(null).versionId(null).build()));
            tables.put(d.name(), Map.copyOf(inDatabase));
        });
        return new GlueSnapshot(databases, tables);
    }

    int tableCount() {
        return tables.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * The floor of one run from the catalog before and after it.
     *
     * @param listedDatabases the databases the run had to read (one per space synced)
     */
    static Floor floor(GlueSnapshot before, GlueSnapshot after, Set<String> listedDatabases) {
        int pages = 0;
        for (String database : listedDatabases) {
            int n = before.tables.getOrDefault(database, Map.of()).size();
            // One call even for an absent or empty database: the run has to learn that it is empty.
            pages += Math.max(1, (n + TABLES_PAGE - 1) / TABLES_PAGE);
        }
        int databaseWrites = 0;
        Set<String> allDatabases = new TreeSet<>(before.databases.keySet());
        allDatabases.addAll(after.databases.keySet());
        for (String d : allDatabases) {
            if (!Objects.equals(before.databases.get(d), after.databases.get(d))) {
                databaseWrites++;
            }
        }
        int created = 0;
        int changed = 0;
        int removed = 0;
        for (String d : allDatabases) {
            Map<String, Table> b = before.tables.getOrDefault(d, Map.of());
            Map<String, Table> a = after.tables.getOrDefault(d, Map.of());
            Set<String> names = new TreeSet<>(b.keySet());
            names.addAll(a.keySet());
            for (String name : names) {
                Table was = b.get(name);
                Table is = a.get(name);
                if (was == null && is != null) {
                    created++;
                } else if (was != null && is == null) {
                    removed++;
                } else if (!was.equals(is)) {
                    changed++;
                }
            }
        }
        return new Floor(pages, databaseWrites, created, changed, removed);
    }

    /**
     * L = GetTables pages + database writes + one write per created, changed or removed table; a table whose
     * removal is marked (the DEPRECATE policy) shows as changed.
     */
    record Floor(int getTablesPages, int databaseWrites, int tablesCreated, int tablesChanged, int tablesRemoved) {
        int tableWrites() {
            return tablesCreated + tablesChanged + tablesRemoved;
        }

        int writes() {
            return databaseWrites + tableWrites();
        }

        int total() {
            return getTablesPages + writes();
        }
    }
}
