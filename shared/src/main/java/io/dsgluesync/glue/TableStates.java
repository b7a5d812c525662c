package io.dsgluesync.glue;

import io.dsgluesync.mapping.SyncParameters;
import io.dsgluesync.model.TableState;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Between a stored table and the compact state discovery puts in an asset message. */
public final class TableStates {
    private static final Set<String> SYNC_KEYS = Set.of(SyncParameters.MANAGED_BY, SyncParameters.FINGERPRINT,
            SyncParameters.CONFIG_HASH, SyncParameters.METADATA_ETAGS, SyncParameters.COLUMNS);

    private TableStates() {
    }

    /** Keeps what the worker needs: the sync's own metadata and every parameter the sync does not own. */
    public static TableState of(Optional<StoredTable> stored) {
        if (stored.isEmpty()) {
            return TableState.ABSENT;
        }
        Map<String, String> kept = new TreeMap<>();
        Map<String, String> parameters = stored.get().parameters() == null ? Map.of() : stored.get().parameters();
        parameters.forEach((k, v) -> {
            if (!SyncParameters.ownedBySync(k) || SYNC_KEYS.contains(k)) {
                kept.put(k, v);
            }
        });
        return new TableState(true, stored.get().versionId(), kept);
    }

    public static Optional<StoredTable> stored(String database, String table, TableState state) {
        return state == null || !state.exists() ? Optional.empty()
                : Optional.of(new StoredTable(database, table, state.versionId(), state.parameters()));
    }
}
