package io.dsgluesync.lineage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Glue table the sync created or updated, as a {@link LineageSink} reports it.
 *
 * @param runId              the sync run
 * @param syncedAt           when the table was written
 * @param tenantHost         the Datasphere tenant's host name, e.g. {@code acme.eu10.hcs.cloud.sap}
 * @param space              the asset's space
 * @param asset              the asset's technical name
 * @param kind               the asset's kind (view, analytic model, remote table, …)
 * @param catalogId          the Glue catalog id (the AWS account)
 * @param region             the Glue catalog's region
 * @param database           the Glue database
 * @param table              the Glue table
 * @param columns            the Glue table's columns, in order
 * @param lineage            the asset's lineage, {@link Lineage#NONE} when it was not read
 * @param upstreamGlueTables the upstreams of {@code lineage} that are synced themselves, each with its Glue name
 *                           {@code database.table} in the same catalog
 */
public record SyncedTable(String runId, Instant syncedAt, String tenantHost, String space, String asset, String kind,
                          String catalogId, String region, String database, String table, List<Column> columns,
                          Lineage lineage, Map<Upstream, String> upstreamGlueTables) {
    public SyncedTable {
        columns = List.copyOf(columns);
        upstreamGlueTables = Map.copyOf(upstreamGlueTables);
    }

    /** A Glue column: its (Glue) name, Hive type and comment (null when it has none). */
    public record Column(String name, String type, String comment) {
    }
}
