package io.dsgluesync.glue;

import io.dsgluesync.audit.AuditAction;
import io.dsgluesync.mapping.SyncParameters;
import io.dsgluesync.mapping.TableDefinition;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upserts a mapped table with the fewest Glue calls: an unchanged fingerprint means no write at all; a table that
 * the sync does not manage is never touched; updates carry the read VersionId and keep foreign parameters.
 */
public class CatalogWriter {
    private static final int MAX_CONFLICT_RETRIES = 3;
    private final GlueCatalog catalog;
    private final Clock clock;
    private final boolean skipArchive;
    private final boolean adoptUnmanaged;
    private final Set<String> knownDatabases = ConcurrentHashMap.newKeySet();

    public CatalogWriter(GlueCatalog catalog, Clock clock, boolean skipArchive, boolean adoptUnmanaged) {
        this.catalog = catalog;
        this.clock = clock;
        this.skipArchive = skipArchive;
        this.adoptUnmanaged = adoptUnmanaged;
    }

    public WriteOutcome upsert(TableDefinition table, String runId) {
        return upsert(table, runId, null, Map.of());
    }

    /** What Glue holds for the table now (one GetTable). */
    public Optional<StoredTable> read(String database, String table) {
        return catalog.getTable(database, table);
    }

    /**
     * Creates or updates the table. {@code known} is the table as already read (null: read it here);
     * {@code syncMetadata} are sync parameters to store that are not part of the fingerprint (e.g. ETags).
     */
    public WriteOutcome upsert(TableDefinition table, String runId, Optional<StoredTable> known,
                               Map<String, String> syncMetadata) {
        String db = table.database().name();
        Optional<StoredTable> stored = known;
        for (int attempt = 1; ; attempt++) {
            if (stored == null) {
                stored = catalog.getTable(db, table.name());
            }
            try {
                if (stored.isPresent() && !stored.get().complete() && withoutWrite(table, stored.get()).isEmpty()) {
                    // The message carried only the sync's markers: read the whole table before writing over it.
                    stored = catalog.getTable(db, table.name());
                }
                return stored.map(existing -> update(table, existing, runId, syncMetadata))
                        .orElseGet(() -> create(table, runId, syncMetadata));
            } catch (CatalogException e) {
                boolean raced = e.kind() == CatalogException.Kind.ALREADY_EXISTS
                        || e.kind() == CatalogException.Kind.CONFLICT;
                if (!raced || attempt >= MAX_CONFLICT_RETRIES) {
                    throw e;
                }
                // Another writer got there first: read again, merge again.
                stored = null;
            }
        }
    }

    /** Only a new table needs its database checked: an existing table's database exists. */
    private WriteOutcome create(TableDefinition table, String runId, Map<String, String> syncMetadata) {
        ensureDatabase(table);
        catalog.createTable(table.database().name(),
                GlueConverter.tableInput(table, Map.of(), syncMetadata, runId, clock.instant()));
        return new WriteOutcome(AuditAction.CREATED, null, null);
    }

    private WriteOutcome update(TableDefinition table, StoredTable existing, String runId,
                                Map<String, String> syncMetadata) {
        Optional<WriteOutcome> noWrite = withoutWrite(table, existing);
        if (noWrite.isPresent()) {
            return noWrite.get();
        }
        Map<String, String> parameters = existing.parameters() == null ? Map.of() : existing.parameters();
        String before = parameters.get(SyncParameters.FINGERPRINT);
        catalog.updateTable(table.database().name(),
                GlueConverter.tableInput(table, parameters, syncMetadata, runId, clock.instant()), existing.versionId(),
                skipArchive);
        return new WriteOutcome(AuditAction.UPDATED, before, null, Optional.of(existing));
    }

    /**
     * The outcome when the stored table must not be written: another owner's table (a conflict), or the sync's own
     * with the same fingerprint (unchanged). The sync's markers are enough to tell, so a message's compact state
     * decides it without a Glue call.
     */
    private Optional<WriteOutcome> withoutWrite(TableDefinition table, StoredTable existing) {
        Map<String, String> parameters = existing.parameters() == null ? Map.of() : existing.parameters();
        String before = parameters.get(SyncParameters.FINGERPRINT);
        boolean managed = SyncParameters.MANAGED_BY_VALUE.equals(parameters.get(SyncParameters.MANAGED_BY));
        if (!managed && !adoptUnmanaged) {
            return Optional.of(new WriteOutcome(AuditAction.CONFLICT, before, "table " + existing.database() + "."
                    + existing.name() + " exists but is not managed by datasphere-glue-sync; left untouched"));
        }
        if (managed && table.fingerprint().equals(before)) {
            return Optional.of(new WriteOutcome(AuditAction.UNCHANGED, before, null));
        }
        return Optional.empty();
    }

    private void ensureDatabase(TableDefinition table) {
        String name = table.database().name();
        if (knownDatabases.contains(name)) {
            return;
        }
        if (!catalog.databaseExists(name)) {
            try {
                catalog.createDatabase(GlueConverter.databaseInput(table.database()));
            } catch (CatalogException e) {
                if (e.kind() != CatalogException.Kind.ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
        knownDatabases.add(name);
    }
}
