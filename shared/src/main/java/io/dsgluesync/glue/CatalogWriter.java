package io.dsgluesync.glue;

import io.dsgluesync.audit.AuditAction;
import io.dsgluesync.mapping.GlueLimits;
import io.dsgluesync.mapping.SyncParameters;
import io.dsgluesync.mapping.TableDefinition;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Writes one target's tables with the fewest Glue calls and never more than the sync owns: an unchanged table gets
 * no write; a table of someone else (not the sync's, another deployment's, another asset's) is never touched; an
 * update starts from what Glue holds and changes only the sync's fields ({@link GlueConverter#tableInput}), under the
 * read VersionId. In a plan every decision is the same and nothing is written.
 */
public class CatalogWriter {
    private static final int MAX_CONFLICT_RETRIES = 3;
    private final GlueCatalog catalog;
    private final Clock clock;
    private final Settings settings;
    private final Set<String> knownDatabases = ConcurrentHashMap.newKeySet();

    /** What a drifted table gets: restored to what the sync maps, or reported and left as it is. */
    public enum DriftPolicy { RESTORE, REPORT }

    /** What a stale table gets, like the Glue crawler's DeleteBehavior (DEPRECATE_IN_DATABASE, LOG, DELETE_FROM_DATABASE). */
    public enum StalePolicy { DEPRECATE, LOG, DELETE }

    /**
     * @param deployment      the owner marker written on every table ({@link Ownership#deployment})
     * @param adoptUnmanaged  take over tables the sync did not create (their storage and partition keys stay)
     */
    public record Settings(boolean skipArchive, boolean adoptUnmanaged, String deployment, DriftPolicy drift) {
        public Settings {
            deployment = Objects.requireNonNull(deployment, "deployment");
            drift = drift == null ? DriftPolicy.RESTORE : drift;
        }
    }

    public CatalogWriter(GlueCatalog catalog, Clock clock, Settings settings) {
        this.catalog = catalog;
        this.clock = clock;
        this.settings = settings;
    }

    public CatalogWriter(GlueCatalog catalog, Clock clock, boolean skipArchive, boolean adoptUnmanaged) {
        this(catalog, clock, new Settings(skipArchive, adoptUnmanaged, "default@", DriftPolicy.RESTORE));
    }

    public String deployment() {
        return settings.deployment();
    }

    public WriteOutcome upsert(TableDefinition table, String runId) {
        return upsert(table, runId, null, Map.of(), false);
    }

    /** What Glue holds for the table now (one GetTable). */
    public Optional<StoredTable> read(String database, String table) {
        return catalog.getTable(database, table);
    }

    /**
     * Creates or updates the table, or in a {@code plan} says what it would do. {@code known} is the table as
     * already read (null: read it here); {@code syncMetadata} are sync parameters to store that are not part of the
     * fingerprint (configuration hash, ETags).
     */
    public WriteOutcome upsert(TableDefinition table, String runId, Optional<StoredTable> known,
                               Map<String, String> syncMetadata, boolean plan) {
        String db = table.database().name();
        Optional<StoredTable> stored = known;
        for (int attempt = 1; ; attempt++) {
            if (stored == null) {
                stored = catalog.getTable(db, table.name());
            }
            try {
                if (stored.isPresent() && !stored.get().complete()
                        && withoutWrite(table, stored.get(), syncMetadata).isEmpty()) {
                    // The message carried only the sync's markers: read the whole table before writing over it.
                    stored = catalog.getTable(db, table.name());
                }
                if (stored.isEmpty()) {
                    return create(table, runId, syncMetadata, plan);
                }
                StoredTable existing = stored.get();
                return withoutWrite(table, existing, syncMetadata)
                        .orElseGet(() -> update(table, existing, runId, syncMetadata, plan));
            } catch (CatalogException e) {
                boolean raced = e.kind() == CatalogException.Kind.ALREADY_EXISTS
                        || e.kind() == CatalogException.Kind.CONFLICT;
                if (!raced || attempt >= MAX_CONFLICT_RETRIES) {
                    throw e;
                }
                // Another writer got there first: read again, decide again.
                stored = null;
            }
        }
    }

    /**
     * Rewrites some of the sync's markers on a table it has just written ({@code put} set, {@code remove} dropped),
     * under the read VersionId; everything else stays as Glue holds it.
     */
    public void updateMarkers(String database, String name, Map<String, String> put, Set<String> remove) {
        StoredTable stored = catalog.getTable(database, name).orElseThrow(() -> new CatalogException(
                CatalogException.Kind.NOT_FOUND, "GetTable", "table " + database + "." + name + " is gone", null));
        Map<String, String> parameters = new TreeMap<>(stored.parameters());
        remove.forEach(parameters::remove);
        parameters.putAll(put);
        catalog.updateTable(database, GlueConverter.inputOf(stored.table()).toBuilder().parameters(parameters).build(),
                stored.versionId(), settings.skipArchive());
    }

    /** Only a new table needs its database checked: an existing table's database exists. */
    private WriteOutcome create(TableDefinition table, String runId, Map<String, String> syncMetadata, boolean plan) {
        TableInput input = GlueConverter.tableInput(table, markers(syncMetadata, null), runId, clock.instant());
        if (!plan) {
            ensureDatabase(table);
            catalog.createTable(table.database().name(), input);
        }
        return new WriteOutcome(AuditAction.CREATED, null, null, Optional.empty(), Map.of(), List.of(), null, null);
    }

    private WriteOutcome update(TableDefinition table, StoredTable existing, String runId,
                                Map<String, String> syncMetadata, boolean plan) {
        Table current = existing.table();
        Map<String, String> parameters = existing.parameters();
        String before = parameters.get(SyncParameters.FINGERPRINT);
        Map<String, String> markers = markers(syncMetadata, existing);
        TableInput input = GlueConverter.tableInput(table, current, markers, runId, clock.instant());
        Map<String, List<String>> diff = TableDiff.between(current, input);
        List<String> drift = Drift.describe(current, existing.drifted());
        if (diff.containsKey("partitionKeys") && catalog.hasPartitions(table.database().name(), table.name())) {
            // Hive and Athena read a partition's values by the table's keys: changing them under existing
            // partitions makes the partitions unreadable (https://docs.aws.amazon.com/athena/latest/ug/partitions.html).
            return new WriteOutcome(AuditAction.FAILED, before, "table " + existing.database() + "." + existing.name()
                    + " has partitions, so its partition keys are not changed: " + diff.get("partitionKeys").get(0),
                    Optional.of(existing), diff, drift, null, "partitionKeys");
        }
        String note = null;
        if (parameters.containsKey(SyncParameters.DEPRECATED_AT)) {
            note = "revived: deprecated at " + parameters.get(SyncParameters.DEPRECATED_AT)
                    + ", the asset is listed again";
        } else if (!drift.isEmpty()) {
            note = "restored what was edited outside the sync: " + String.join(", ", existing.drifted());
        } else if (!markers.containsKey(SyncParameters.ADOPTED_AT) && Objects.equals(before, table.fingerprint())) {
            note = "sync markers refreshed (mapping version, configuration hash, ETags or owner)";
        } else if (Ownership.of(parameters, settings.deployment()) == Ownership.FOREIGN) {
            note = "adopted: its storage and partition keys stay as they are";
        }
        if (!plan) {
            catalog.updateTable(table.database().name(), input, existing.versionId(), settings.skipArchive());
        }
        return new WriteOutcome(AuditAction.UPDATED, before, null, Optional.of(existing), diff, drift, note, null);
    }

    /** The sync's markers for a table: its metadata, its owner and, for a table it adopts, when. */
    /** The markers the sync writes on a new table of {@code deployment}: its sync metadata, managed-by, deployment. */
    public static Map<String, String> newTableMarkers(Map<String, String> syncMetadata, String deployment) {
        Map<String, String> markers = new TreeMap<>(syncMetadata);
        markers.put(SyncParameters.MANAGED_BY, SyncParameters.MANAGED_BY_VALUE);
        markers.put(SyncParameters.DEPLOYMENT, deployment);
        return markers;
    }

    private Map<String, String> markers(Map<String, String> syncMetadata, StoredTable existing) {
        Map<String, String> markers = newTableMarkers(syncMetadata, settings.deployment());
        if (existing != null) {
            String adopted = existing.parameters().get(SyncParameters.ADOPTED_AT);
            if (adopted != null) {
                markers.put(SyncParameters.ADOPTED_AT, adopted);
            } else if (Ownership.of(existing.parameters(), settings.deployment()) == Ownership.FOREIGN) {
                markers.put(SyncParameters.ADOPTED_AT, clock.instant().toString());
            }
        }
        return markers;
    }

    /**
     * The outcome when the stored table must not be written: someone else's table (a conflict), another asset's
     * (the incumbent keeps it), a drifted table under the REPORT policy, or the sync's own with nothing to change.
     * The sync's markers are enough to tell, so a message's compact state decides it without a Glue call; a drifted
     * table is reported from the whole table (empty here until it is read).
     */
    private Optional<WriteOutcome> withoutWrite(TableDefinition table, StoredTable existing,
                                                Map<String, String> syncMetadata) {
        Map<String, String> p = existing.parameters();
        String before = p.get(SyncParameters.FINGERPRINT);
        String where = "table " + existing.database() + "." + existing.name();
        Ownership owner = Ownership.of(p, settings.deployment());
        if (owner == Ownership.FOREIGN && !settings.adoptUnmanaged()) {
            return Optional.of(new WriteOutcome(AuditAction.CONFLICT, before, where
                    + " exists but is not managed by datasphere-glue-sync; left untouched"));
        }
        if (owner == Ownership.OTHER_DEPLOYMENT) {
            return Optional.of(new WriteOutcome(AuditAction.CONFLICT, before, where + " is managed by another"
                    + " deployment of datasphere-glue-sync (" + p.get(SyncParameters.DEPLOYMENT) + "); left untouched"));
        }
        String space = table.parameters().get("datasphere.space");
        String asset = table.parameters().get("datasphere.asset");
        String storedSpace = p.get("datasphere.space");
        String storedAsset = p.get("datasphere.asset");
        if (owner == Ownership.OURS && storedAsset != null
                && (!storedAsset.equals(asset) || !Objects.equals(storedSpace, space))) {
            return Optional.of(new WriteOutcome(AuditAction.FAILED, before, where + " belongs to asset "
                    + storedSpace + "/" + storedAsset + "; asset " + space + "/" + asset
                    + " folds to the same Glue name (lower-case [a-z0-9_]), so the incumbent keeps it",
                    Optional.empty(), Map.of(), List.of(), null, "asset"));
        }
        if (owner == Ownership.OURS && !existing.drifted().isEmpty() && settings.drift() == DriftPolicy.REPORT) {
            if (!existing.complete()) {
                return Optional.empty();
            }
            List<String> drift = Drift.describe(existing.table(), existing.drifted());
            return Optional.of(new WriteOutcome(AuditAction.DRIFTED, before, null, Optional.empty(), Map.of(), drift,
                    "edited outside the sync (" + String.join(", ", existing.drifted())
                            + "); left as it is (drift policy REPORT)", null));
        }
        if (owner == Ownership.OURS && unchanged(table, p, syncMetadata) && existing.drifted().isEmpty()) {
            return Optional.of(new WriteOutcome(AuditAction.UNCHANGED, before, null));
        }
        return Optional.empty();
    }

    /** Same fingerprint, and the markers the next run relies on (owner, configuration hash, ETags) are current. */
    private boolean unchanged(TableDefinition table, Map<String, String> p, Map<String, String> syncMetadata) {
        if (!table.fingerprint().equals(p.get(SyncParameters.FINGERPRINT)) || p.containsKey(SyncParameters.DEPRECATED_AT)
                || !settings.deployment().equals(p.get(SyncParameters.DEPLOYMENT))) {
            return false;
        }
        for (Map.Entry<String, String> marker : syncMetadata.entrySet()) {
            if (!marker.getValue().equals(p.get(marker.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Applies the removed-asset policy to a stale table (or, in a plan, says what it would do). The table is read
     * first: it is retired only while it is still this deployment's and the same asset's.
     */
    public WriteOutcome retire(String database, String name, String space, String asset, StalePolicy policy,
                               String runId, boolean plan) {
        if (policy == StalePolicy.LOG) {
            return WriteOutcome.noted(AuditAction.STALE, null, "asset removed from Datasphere; logged only (policy LOG)");
        }
        for (int attempt = 1; ; attempt++) {
            Optional<StoredTable> stored = catalog.getTable(database, name);
            if (stored.isEmpty()) {
                return WriteOutcome.noted(AuditAction.STALE, null, "table " + database + "." + name
                        + " is already gone");
            }
            StoredTable table = stored.get();
            Map<String, String> p = table.parameters();
            String before = p.get(SyncParameters.FINGERPRINT);
            if (Ownership.of(p, settings.deployment()) != Ownership.OURS
                    || !Objects.equals(p.get("datasphere.asset"), asset)
                    || !Objects.equals(p.get("datasphere.space"), space)) {
                return new WriteOutcome(AuditAction.CONFLICT, before, "table " + database + "." + name
                        + " is no longer this deployment's table of asset " + space + "/" + asset + "; left untouched");
            }
            try {
                return switch (policy) {
                    case LOG -> throw new IllegalStateException("LOG is answered without reading the table");
                    case DELETE -> {
                        if (!plan) {
                            catalog.deleteTable(database, name);
                        }
                        yield WriteOutcome.noted(AuditAction.DELETED, before, "asset removed from Datasphere;"
                                + " table deleted (policy DELETE)");
                    }
                    case DEPRECATE -> {
                        if (p.containsKey(SyncParameters.DEPRECATED_AT)) {
                            yield WriteOutcome.noted(AuditAction.STALE, before, "deprecated earlier, at "
                                    + p.get(SyncParameters.DEPRECATED_AT));
                        }
                        if (!plan) {
                            catalog.updateTable(database, deprecatedInput(table.table(), runId), table.versionId(),
                                    settings.skipArchive());
                        }
                        yield WriteOutcome.noted(AuditAction.DEPRECATED, before, "asset removed from Datasphere;"
                                + " table marked deprecated (policy DEPRECATE)");
                    }
                };
            } catch (CatalogException e) {
                if (e.kind() != CatalogException.Kind.CONFLICT || attempt >= MAX_CONFLICT_RETRIES) {
                    throw e;
                }
            }
        }
    }

    /** The table as it is, with the deprecation parameter and a marker at the start of its description. */
    private TableInput deprecatedInput(Table table, String runId) {
        Instant now = clock.instant();
        Map<String, String> parameters = new LinkedHashMap<>(table.parameters());
        parameters.put(SyncParameters.DEPRECATED_AT, now.toString());
        parameters.put(SyncParameters.RUN_ID, runId);
        return GlueConverter.inputOf(table).toBuilder().description(deprecated(now, table.description()))
                .parameters(parameters).build();
    }

    private static final String MARKER_END = ": removed from SAP Datasphere] ";

    /**
     * A deprecated table's or database's description: a marker with the date in front of {@code description}, cut
     * to Glue's length limit. A revived table gets the mapped description back; a revived database, {@link #revived}.
     */
    public static String deprecated(Instant at, String description) {
        String marked = "[DEPRECATED " + at.toString().substring(0, 10) + MARKER_END
                + (description == null ? "" : description);
        return marked.length() > GlueLimits.DESCRIPTION ? marked.substring(0, GlueLimits.DESCRIPTION) : marked;
    }

    /** {@code description} without the marker {@link #deprecated} put in front of it. */
    public static String revived(String description) {
        if (description == null || !description.startsWith("[DEPRECATED ")) {
            return description;
        }
        int end = description.indexOf(MARKER_END);
        return end < 0 ? description : description.substring(end + MARKER_END.length());
    }

    private void ensureDatabase(TableDefinition table) {
        String name = table.database().name();
        if (knownDatabases.contains(name)) {
            return;
        }
        if (!catalog.databaseExists(name)) {
            try {
                DatabaseInput input = GlueConverter.databaseInput(table.database());
                Map<String, String> parameters = new TreeMap<>(input.parameters());
                parameters.put(SyncParameters.DEPLOYMENT, settings.deployment());
                catalog.createDatabase(input.toBuilder().parameters(parameters).build());
            } catch (CatalogException e) {
                if (e.kind() != CatalogException.Kind.ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
        knownDatabases.add(name);
    }
}
