package io.dsgluesync.sync;

import io.dsgluesync.glue.CatalogException;
import io.dsgluesync.glue.StoredTable;
import io.dsgluesync.glue.TableStates;
import io.dsgluesync.glue.TargetCatalog;
import io.dsgluesync.mapping.GlueNames;
import io.dsgluesync.model.AssetMessage;
import io.dsgluesync.model.TableState;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Glue targets hold, read once per run with paged GetTables (one listing per target database), so that
 * each asset message can tell the worker the table's state and the worker needs no GetTable. A target that cannot
 * be listed is left out of the messages; the worker then reads its tables itself.
 */
public class GlueInventory {
    private static final Logger LOG = LoggerFactory.getLogger(GlueInventory.class);
    private final List<TargetCatalog> targets;
    private final String databasePrefix;
    private final Map<String, Map<String, StoredTable>> listings = new HashMap<>();

    public GlueInventory(List<TargetCatalog> targets, String databasePrefix) {
        this.targets = targets;
        this.databasePrefix = databasePrefix;
    }

    public AssetMessage annotate(AssetMessage message) {
        String database = GlueNames.database(databasePrefix, message.space());
        String table = GlueNames.table(message.asset());
        Map<String, TableState> states = new LinkedHashMap<>();
        for (TargetCatalog target : targets) {
            Map<String, StoredTable> tables = listing(target, database);
            if (tables != null) {
                states.put(target.target().name(), TableStates.of(Optional.ofNullable(tables.get(table))));
            }
        }
        return states.isEmpty() ? message : message.withGlue(states);
    }

    /** The tables of {@code database} in {@code target} (read once per run); null when they could not be listed. */
    public Map<String, StoredTable> tables(TargetCatalog target, String database) {
        return listing(target, database);
    }

    private Map<String, StoredTable> listing(TargetCatalog target, String database) {
        String key = target.target().name() + "/" + database;
        if (!listings.containsKey(key)) {
            Map<String, StoredTable> tables = null;
            try {
                tables = new HashMap<>();
                for (StoredTable t : target.catalog().listTables(database)) {
                    tables.put(t.name(), t);
                }
            } catch (CatalogException e) {
                LOG.warn("cannot list tables of {} in target {}: {}", database, target.target().name(), e.getMessage());
                tables = null;
            }
            listings.put(key, tables);
        }
        return listings.get(key);
    }
}
