package io.dsgluesync.model;

import java.util.Map;

/**
 * What a Glue target held for an asset's table when discovery listed it, so that the worker needs no Glue call for an
 * unchanged asset: whether it exists, its optimistic-lock version, and the sync's own markers (owner, fingerprint,
 * config hash, ETags). A write reads the table first.
 */
public record TableState(boolean exists, String versionId, Map<String, String> parameters) {
    public static final TableState ABSENT = new TableState(false, null, Map.of());
}
