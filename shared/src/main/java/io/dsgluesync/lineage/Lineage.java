package io.dsgluesync.lineage;

import java.util.List;

/**
 * Where one Datasphere object's data comes from, read from its design-time definition (CSN,
 * https://cap.cloud.sap/docs/cds/csn): the objects it reads ({@link Upstream}), which output columns come from which
 * source columns ({@link ColumnLineage}), and a view's definition (its SQL, or its CSN query).
 *
 * @param upstreams          distinct sources, in the order the definition names them
 * @param columns            per output column, where the definition maps it by reference; absent columns are unknown
 * @param definition         the SQL of an SQL view ({@code @DataWarehouse.sqlEditor.query}) or the CSN query as JSON;
 *                           null for objects without a query
 * @param definitionLanguage {@code sql} or {@code csn}; null with {@code definition}
 */
public record Lineage(List<Upstream> upstreams, List<ColumnLineage> columns, String definition,
                      String definitionLanguage) {
    public static final Lineage NONE = new Lineage(List.of(), List.of(), null, null);

    public Lineage {
        upstreams = List.copyOf(upstreams);
        columns = List.copyOf(columns);
    }

    public boolean isEmpty() {
        return upstreams.isEmpty() && columns.isEmpty() && definition == null;
    }
}
