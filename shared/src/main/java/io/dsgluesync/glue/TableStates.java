package io.dsgluesync.glue;

import io.dsgluesync.governance.LfTags;
import io.dsgluesync.mapping.SyncParameters;
import io.dsgluesync.model.TableState;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Between a stored table and the compact state discovery puts in an asset message. */
public final class TableStates {
    /** What the worker needs to tell an unchanged asset without a Glue call; the rest it reads when it writes. */
    private static final Set<String> SYNC_KEYS = Set.of(SyncParameters.MANAGED_BY, SyncParameters.FINGERPRINT,
            SyncParameters.CONFIG_HASH, SyncParameters.METADATA_ETAGS, SyncParameters.DEPLOYMENT,
            SyncParameters.DEPRECATED_AT, SyncParameters.ADOPTED_AT, "datasphere.space", "datasphere.asset",
            LfTags.PARAMETER);

    private TableStates() {
    }

    /**
     * Keeps only the sync's own markers (owner, asset, fingerprint, config hash, ETags, deprecation) and the parts
     * that drifted, so that a message stays a few hundred bytes however many columns or foreign parameters the table
     * has.
     */
    public static TableState of(Optional<StoredTable> stored) {
        if (stored.isEmpty()) {
            return TableState.ABSENT;
        }
        Map<String, String> kept = new TreeMap<>();
        Map<String, String> parameters = stored.get().parameters() == null ? Map.of() : stored.get().parameters();
        parameters.forEach((k, v) -> {
            if (SYNC_KEYS.contains(k)) {
                kept.put(k, v);
            }
        });
        return new TableState(true, stored.get().versionId(), kept, stored.get().drifted());
    }

    public static Optional<StoredTable> stored(String database, String table, TableState state) {
        return state == null || !state.exists() ? Optional.empty()
                : Optional.of(new StoredTable(database, table, state.versionId(), state.parameters(), null,
                        state.drifted()));
    }
}
