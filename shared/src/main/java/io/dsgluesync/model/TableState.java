package io.dsgluesync.model;

import java.util.Map;

/**
 * What a Glue target held for an asset's table when discovery listed it, so that the worker needs no GetTable:
 * whether it exists, its optimistic-lock version, and the parameters the worker needs (the sync's own metadata and
 * every parameter the sync does not own).
 */
public record TableState(boolean exists, String versionId, Map<String, String> parameters) {
    public static final TableState ABSENT = new TableState(false, null, Map.of());
}
