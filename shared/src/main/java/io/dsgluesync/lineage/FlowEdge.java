package io.dsgluesync.lineage;

import java.util.List;

/**
 * One source-to-target edge of a replication flow task or a data flow.
 *
 * @param flow             the flow's technical name
 * @param task             the replication task's name, or the data flow's target process id
 * @param source           what the task reads (via {@code replication} or {@code dataflow}, {@code flow} =
 *                         {@code FLOW/task})
 * @param targetSpace      the space of a Datasphere target, or the space owning the target connection
 * @param targetObject     the target's name as the flow gives it (the Datasphere object for a Datasphere target)
 * @param targetConnection the connection an external target is written through, null for a Datasphere target
 * @param targetEntity     the external target as {@code container/object} (e.g. {@code datasphere/replicated/SALES}),
 *                         null for a Datasphere target
 * @param columns          target columns mapped from source columns, where the flow maps them
 */
public record FlowEdge(String flow, String task, Upstream source, String targetSpace, String targetObject,
                       String targetConnection, String targetEntity, List<ColumnLineage> columns) {
    public FlowEdge {
        columns = List.copyOf(columns);
    }

    public boolean targetIsDatasphere() {
        return targetConnection == null;
    }
}
