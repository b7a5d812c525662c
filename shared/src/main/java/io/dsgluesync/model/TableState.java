package io.dsgluesync.model;

import java.util.List;
import java.util.Map;

/**
 * What a Glue target held for an asset's table when discovery listed it, so that the worker needs no Glue call for an
 * unchanged asset: whether it exists, its optimistic-lock version, and the sync's own markers (owner, fingerprint,
 * config hash, ETags) and which parts drifted. A write reads the
 * table first.
 */
public record TableState(boolean exists, String versionId, Map<String, String> parameters, List<String> drifted) {
    public static final TableState ABSENT = new TableState(false, null, Map.of(), List.of());

    public TableState {
        drifted = drifted == null ? List.of() : List.copyOf(drifted);
    }

    public TableState(boolean exists, String versionId, Map<String, String> parameters) {
        this(exists, versionId, parameters, List.of());
    }
}
