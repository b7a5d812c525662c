package io.dsgluesync.sync;

import io.dsgluesync.audit.AuditAction;
import io.dsgluesync.audit.AuditRecord;
import io.dsgluesync.audit.StaleSummary;
import io.dsgluesync.glue.CatalogException;
import io.dsgluesync.glue.CatalogWriter;
import io.dsgluesync.glue.GlueConverter;
import io.dsgluesync.glue.Ownership;
import io.dsgluesync.glue.StoredTable;
import io.dsgluesync.glue.TargetCatalog;
import io.dsgluesync.mapping.GlueNames;
import io.dsgluesync.mapping.SyncParameters;
import io.dsgluesync.model.AssetKind;
import io.dsgluesync.model.AssetMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.model.Database;

/**
 * Removed assets. A table of this deployment whose asset a complete listing no longer has is stale, and gets its
 * target's policy, as the Glue crawler's {@code SchemaChangePolicy.DeleteBehavior} treats objects removed from a data
 * store (LOG, DELETE_FROM_DATABASE, DEPRECATE_IN_DATABASE;
 * https://docs.aws.amazon.com/glue/latest/webapi/API_SchemaChangePolicy.html). The database of a space removed from
 * Datasphere is handled the same way, and deleted only when it is empty and this deployment's.
 *
 * <p>A fail-safe guards against a bad day (a technical user that lost access, a space emptied by mistake): when the
 * stale share of a database's managed tables, or of all of them, exceeds the threshold, or a space lists no asset
 * where its database has managed tables, nothing is deprecated or deleted; each stale table gets a {@code STALE}
 * record saying so, and the run's summary carries the reasons (the results function raises the alarm). An operator
 * who confirms the removal runs discovery once with {@code "overrideFailSafe": true}.
 */
final class StaleTables {
    private static final Logger LOG = LoggerFactory.getLogger(StaleTables.class);

    /** Discovery's part: what to enqueue (retire messages), what to record at once, and the summary. */
    record Outcome(StaleSummary summary, List<AssetMessage> retire, List<AuditRecord> records) {
        static Outcome none(StaleSummary summary) {
            return new Outcome(summary, List.of(), List.of());
        }
    }

    /**
     * What the run's listing says exists.
     *
     * @param allSpaces  every space Datasphere listed, filtered out or not: only a space missing here is removed
     * @param present    per space listed completely, the Glue table names of everything it lists (filtered out or
     *                   not: an asset outside the filter is out of scope, not removed)
     */
    record Listing(Set<String> allSpaces, Map<String, Set<String>> present) {
    }

    /** A stale table: where it is and what it belongs to, and the policy of each target that holds it. */
    private record Stale(String space, String asset, AssetKind kind, String database, String table,
                         Map<String, String> policies) {
    }

    private final List<TargetCatalog> targets;
    private final String prefix;
    private final GlueInventory inventory;
    private final int failSafePercent;
    private final Clock clock;

    StaleTables(List<TargetCatalog> targets, String prefix, GlueInventory inventory, int failSafePercent,
                Clock clock) {
        this.targets = targets;
        this.prefix = prefix;
        this.inventory = inventory;
        this.failSafePercent = failSafePercent;
        this.clock = clock;
    }

    Outcome evaluate(String runId, Listing listing, boolean plan, boolean overrideFailSafe) {
        List<String> reasons = new ArrayList<>();
        List<String> databases = new ArrayList<>();
        Map<String, Stale> stale = new TreeMap<>();
        List<Runnable> databaseActions = new ArrayList<>();
        int managed = 0;
        int staleCount = 0;
        for (TargetCatalog target : targets) {
            CatalogWriter.StalePolicy policy = target.target().stalePolicy();
            String deployment = target.writer().deployment();
            Map<String, Database> ours = new TreeMap<>();
            try {
                for (Database d : target.catalog().listDatabases(prefix)) {
                    if (Ownership.of(d.parameters(), deployment) == Ownership.OURS) {
                        ours.put(d.name(), d);
                    }
                }
            } catch (CatalogException e) {
                return Outcome.none(StaleSummary.notEvaluated("cannot list the databases of target "
                        + target.target().name() + ": " + e.getMessage()));
            }
            Map<String, String> spaceOf = new LinkedHashMap<>();
            listing.present().keySet().forEach(space -> spaceOf.put(GlueNames.database(prefix, space), space));
            Set<String> removed = new java.util.TreeSet<>();
            ours.forEach((name, d) -> {
                String space = d.parameters() == null ? null : d.parameters().get("datasphere.space");
                if (space != null && !listing.allSpaces().contains(space)) {
                    spaceOf.put(name, space);
                    removed.add(name);
                }
            });
            for (Map.Entry<String, String> e : spaceOf.entrySet()) {
                String database = e.getKey();
                String space = e.getValue();
                Map<String, StoredTable> tables = inventory.tables(target, database);
                if (tables == null) {
                    return Outcome.none(StaleSummary.notEvaluated("cannot list the tables of " + database
                            + " in target " + target.target().name()));
                }
                Set<String> present = removed.contains(database) ? Set.of() : listing.present().get(space);
                List<StoredTable> active = tables.values().stream()
                        .filter(t -> Ownership.of(t.parameters(), deployment) == Ownership.OURS)
                        .filter(t -> space.equals(t.parameters().get("datasphere.space")))
                        // A deprecated table stays deprecated quietly; the DELETE policy still deletes it.
                        .filter(t -> policy == CatalogWriter.StalePolicy.DELETE
                                || !t.parameters().containsKey(SyncParameters.DEPRECATED_AT))
                        .toList();
                List<StoredTable> gone = active.stream().filter(t -> !present.contains(t.name())).toList();
                managed += active.size();
                staleCount += gone.size();
                String where = databaseLabel(database, target);
                if (!active.isEmpty() && present.isEmpty()) {
                    reasons.add((removed.contains(database) ? "space " + space + " was removed from Datasphere"
                            : "space " + space + " lists no assets") + " where " + where + " has " + active.size()
                            + " managed table(s)");
                } else if (exceeds(gone.size(), active.size())) {
                    reasons.add(where + ": " + gone.size() + " of " + active.size()
                            + " managed tables stale (more than " + failSafePercent + "%)");
                }
                for (StoredTable t : gone) {
                    String asset = t.parameters().getOrDefault("datasphere.asset", t.name());
                    stale.computeIfAbsent(space + "/" + asset, k -> new Stale(space, asset,
                                    kind(t.parameters().get("datasphere.kind")), database, t.name(),
                                    new LinkedHashMap<>()))
                            .policies().put(target.target().name(), policy.name());
                }
                if (removed.contains(database)) {
                    databaseActions.add(() -> databases.add(removedDatabase(target, ours.get(database), tables,
                            policy, plan)));
                } else if (ours.containsKey(database)
                        && ours.get(database).parameters().containsKey(SyncParameters.DEPRECATED_AT)) {
                    databaseActions.add(() -> databases.add(revive(target, ours.get(database), plan)));
                }
            }
        }
        if (exceeds(staleCount, managed)) {
            reasons.add(0, staleCount + " of " + managed + " managed tables stale (more than " + failSafePercent + "%)");
        }
        boolean tripped = !reasons.isEmpty() && !overrideFailSafe;
        if (!reasons.isEmpty() && overrideFailSafe) {
            reasons.replaceAll(r -> "overridden: " + r);
        }
        List<AssetMessage> retire = new ArrayList<>();
        List<AuditRecord> records = new ArrayList<>();
        String now = clock.instant().toString();
        for (Stale s : stale.values()) {
            if (tripped) {
                records.add(new AuditRecord(AuditRecord.TYPE, AuditRecord.SCHEMA_VERSION, runId, s.space(), s.asset(),
                        s.kind().label(), s.database(), s.table(), AuditAction.STALE, 0, null, null, List.of(), null,
                        null, null, "asset removed from Datasphere; held by the fail-safe, nothing deprecated or"
                        + " deleted: " + String.join("; ", reasons), List.of(), Map.of(), null, Map.of(), 0, now));
            } else {
                AssetMessage m = AssetMessage.retiring(runId, s.space(), s.asset(), s.kind(), 0, s.policies());
                retire.add(plan ? m.asPlan() : m);
            }
        }
        if (tripped) {
            databaseActions.clear();
            LOG.warn("removed-asset fail-safe tripped: {}", reasons);
        }
        databaseActions.forEach(Runnable::run);
        return new Outcome(new StaleSummary(true, managed, staleCount, tripped, List.copyOf(reasons),
                List.copyOf(databases)), retire, records);
    }

    private boolean exceeds(int stale, int managed) {
        return managed > 0 && stale * 100L > (long) failSafePercent * managed;
    }

    /**
     * A removed space's database: deleted (policy DELETE) only when it holds no table at all, since DeleteDatabase
     * deletes the tables in it (https://docs.aws.amazon.com/glue/latest/webapi/API_DeleteDatabase.html); marked
     * deprecated (DEPRECATE); or logged.
     */
    private String removedDatabase(TargetCatalog target, Database database, Map<String, StoredTable> tables,
                                   CatalogWriter.StalePolicy policy, boolean plan) {
        String where = databaseLabel(database.name(), target);
        String would = plan ? "would be " : "";
        try {
            switch (policy) {
                case DELETE -> {
                    if (!tables.isEmpty()) {
                        return where + ": space removed; deleted once its " + tables.size() + " table(s) are gone";
                    }
                    if (!plan) {
                        target.catalog().deleteDatabase(database.name());
                    }
                    return where + ": space removed; " + would + "deleted";
                }
                case DEPRECATE -> {
                    if (database.parameters().containsKey(SyncParameters.DEPRECATED_AT)) {
                        return where + ": space removed; deprecated at "
                                + database.parameters().get(SyncParameters.DEPRECATED_AT);
                    }
                    if (!plan) {
                        Instant now = clock.instant();
                        Map<String, String> parameters = new TreeMap<>(database.parameters());
                        parameters.put(SyncParameters.DEPRECATED_AT, now.toString());
                        target.catalog().updateDatabase(database.name(), GlueConverter.inputOf(database).toBuilder()
                                .description(CatalogWriter.deprecated(now, database.description()))
                                .parameters(parameters).build());
                    }
                    return where + ": space removed; " + would + "deprecated";
                }
                default -> {
                    return where + ": space removed; logged only (policy LOG)";
                }
            }
        } catch (CatalogException e) {
            return where + ": space removed; " + policy + " failed: " + e.getMessage();
        }
    }

    /** A deprecated database whose space is listed again gets its marker and description back. */
    private String revive(TargetCatalog target, Database database, boolean plan) {
        String where = databaseLabel(database.name(), target);
        if (plan) {
            return where + ": space listed again; would be revived";
        }
        try {
            Map<String, String> parameters = new TreeMap<>(database.parameters());
            parameters.remove(SyncParameters.DEPRECATED_AT);
            target.catalog().updateDatabase(database.name(), GlueConverter.inputOf(database).toBuilder()
                    .description(CatalogWriter.revived(database.description())).parameters(parameters).build());
            return where + ": space listed again; revived";
        } catch (CatalogException e) {
            return where + ": space listed again; revival failed: " + e.getMessage();
        }
    }

    private String databaseLabel(String database, TargetCatalog target) {
        return targets.size() > 1 ? "database " + database + " (target " + target.target().name() + ")"
                : "database " + database;
    }

    private static AssetKind kind(String label) {
        for (AssetKind kind : AssetKind.values()) {
            if (kind.label().equals(label)) {
                return kind;
            }
        }
        return AssetKind.VIEW;
    }
}
