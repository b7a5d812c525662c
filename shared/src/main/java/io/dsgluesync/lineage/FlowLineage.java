package io.dsgluesync.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.csdl.CsdlException;
import io.dsgluesync.lineage.ColumnLineage.SourceColumn;
import io.dsgluesync.model.JsonCodec;
import io.dsgluesync.replication.FlowDefinitions;
import io.dsgluesync.replication.FlowTask;
import io.dsgluesync.replication.ReplicationFlowParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the source and target of each task of a flow's design-time definition
 * ({@code GET /dwaas-core/api/v1/spaces/S/{replicationflows|dataflows|transformationflows}/NAME}):
 * replication tasks ({@code contents.replicationTasks}, read by {@link ReplicationFlowParser}) and the table
 * consumer/producer processes of data flows ({@code contents.processes[id].component} ending in {@code .consumer} or
 * {@code .producer}, {@code metadata.config.dwcEntity} or {@code qualifiedName}, and
 * {@code hanaConnection.connectionID}). Connection {@code $DWC} (or none) is the space itself. Column mappings come
 * from {@code attributeMappings} ({@code {"target": COL, "expression": "\"SOURCE_COL\""}}). Shapes as DataHub's
 * Datasphere source reads them (https://github.com/datahub-project/datahub,
 * {@code metadata-ingestion/src/datahub/ingestion/source/sap_datasphere/flows.py}); SAP does not document them. Pure.
 */
public final class FlowLineage {
    private static final String DATASPHERE = "$DWC";
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"]|\"\")+)\"");
    private static final Pattern CALL = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\(.*\\)\\s*$",
            Pattern.DOTALL);

    private FlowLineage() {
    }

    /**
     * The edges of one flow; empty for a type without lineage (task chains) or a definition without the expected
     * root.
     *
     * @param type the design-time type segment: {@code replicationflows}, {@code dataflows} or
     *             {@code transformationflows}
     * @throws CsdlException when the definition is not JSON, or a replication task names no source object
     */
    public static List<FlowEdge> read(String space, String flowName, String type, byte[] json) {
        JsonNode root;
        try {
            root = JsonCodec.mapper().readTree(json);
        } catch (IOException e) {
            throw new CsdlException(type, "flow " + flowName + ": not valid JSON: " + e.getMessage(), e);
        }
        JsonNode flow = root == null ? null : root.path(type).get(flowName);
        if (flow == null && root != null && root.path(type).size() == 1) {
            flow = root.path(type).elements().next();
        }
        if (flow == null || !flow.isObject()) {
            return List.of();
        }
        return switch (type) {
            case "replicationflows" -> replication(space, flowName, json, flow.path("contents"));
            case "dataflows", "transformationflows" -> processes(space, flowName, flow.path("contents"));
            default -> List.of();
        };
    }

    /** The edges of a space's flows, and the flows that could not be read (named with the reason). */
    public record SpaceEdges(List<FlowEdge> edges, List<String> unreadable) {
        public SpaceEdges {
            edges = List.copyOf(edges);
            unreadable = List.copyOf(unreadable);
        }
    }

    /** The edges of every flow in {@code flows}; a definition that cannot be read is named, never thrown. */
    public static SpaceEdges read(String space, FlowDefinitions flows) {
        List<FlowEdge> edges = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (FlowDefinitions.Definition flow : flows.definitions()) {
            try {
                edges.addAll(read(space, flow.name(), flow.type(), flow.json()));
            } catch (RuntimeException e) {
                unreadable.add("space " + space + ": " + flow.type() + " " + flow.name() + ": lineage unreadable: "
                        + e.getMessage());
            }
        }
        return new SpaceEdges(edges, unreadable);
    }

    /** The edges into one Datasphere object as its lineage (no definition). */
    public static Lineage into(List<FlowEdge> edges, String space, String object) {
        List<Upstream> upstreams = new ArrayList<>();
        Map<String, ColumnLineage> columns = new LinkedHashMap<>();
        for (FlowEdge edge : edges) {
            if (edge.targetIsDatasphere() && Objects.equals(edge.targetSpace(), space)
                    && Objects.equals(edge.targetObject(), object)) {
                if (upstreams.stream().noneMatch(u -> u.equals(edge.source()))) {
                    upstreams.add(edge.source());
                }
                edge.columns().forEach(c -> columns.putIfAbsent(c.column(), c));
            }
        }
        return new Lineage(upstreams, List.copyOf(columns.values()), null, null);
    }

    private static List<FlowEdge> replication(String space, String flowName, byte[] json, JsonNode contents) {
        JsonNode sourceSystem = contents.path("sourceSystem").path(0);
        JsonNode targetSystem = contents.path("targetSystem").path(0);
        JsonNode rawTasks = contents.path("replicationTasks");
        List<FlowTask> tasks = ReplicationFlowParser.parse(flowName, json);
        List<FlowEdge> edges = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            FlowTask task = tasks.get(i);
            String flow = flowName + "/" + task.task();
            String sourceContainer = sourceSystem.path("container").asText("");
            Upstream source = local(task.sourceConnection())
                    ? new Upstream(spaceOf(sourceContainer, space), task.sourceObject(), "replication", null, null,
                    flow)
                    : Upstream.external(space, task.sourceConnection(), entity(sourceContainer, task.sourceObject()),
                    "replication", flow);
            boolean localTarget = local(task.targetConnection());
            String targetSpace = localTarget ? spaceOf(targetSystem.path("container").asText(""), space) : space;
            List<ColumnLineage> columns = mappings(rawTasks.path(i).path("transform"), source);
            edges.add(new FlowEdge(flowName, task.task(), source, targetSpace, task.targetObject(),
                    localTarget ? null : task.targetConnection(),
                    localTarget ? null : entity(task.targetContainer(), task.targetObject()), columns));
        }
        return List.copyOf(edges);
    }

    /** Every consumer feeds every producer of a process graph; columns only when there is a single consumer. */
    private static List<FlowEdge> processes(String space, String flowName, JsonNode contents) {
        List<Map.Entry<String, JsonNode>> consumers = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> producers = new ArrayList<>();
        contents.path("processes").fields().forEachRemaining(e -> {
            String component = e.getValue().path("component").asText("");
            JsonNode config = e.getValue().path("metadata").path("config");
            if (entityName(config) == null) {
                return;
            }
            String kind = component.replaceAll("\\.v\\d+$", "");
            if (kind.endsWith(".consumer")) {
                consumers.add(Map.entry(e.getKey(), config));
            } else if (kind.endsWith(".producer")) {
                producers.add(Map.entry(e.getKey(), config));
            }
        });
        List<FlowEdge> edges = new ArrayList<>();
        for (Map.Entry<String, JsonNode> producer : producers) {
            String flow = flowName + "/" + producer.getKey();
            JsonNode target = producer.getValue();
            String targetConnection = connection(target);
            for (Map.Entry<String, JsonNode> consumer : consumers) {
                JsonNode config = consumer.getValue();
                String connection = connection(config);
                Upstream source = connection == null
                        ? new Upstream(space, entityName(config), "dataflow", null, null, flow)
                        : Upstream.external(space, connection, trimSlashes(entityName(config)), "dataflow", flow);
                List<ColumnLineage> columns = consumers.size() == 1 ? mappings(target, source) : List.of();
                edges.add(new FlowEdge(flowName, producer.getKey(), source, space, entityName(target),
                        targetConnection, targetConnection == null ? null : trimSlashes(entityName(target)),
                        columns));
            }
        }
        return List.copyOf(edges);
    }

    private static String entityName(JsonNode config) {
        for (String field : List.of("dwcEntity", "qualifiedName")) {
            JsonNode value = config.get(field);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return null;
    }

    /** A process's connection, null for the space itself. */
    private static String connection(JsonNode config) {
        String id = config.path("hanaConnection").path("connectionID").asText("");
        return local(id) ? null : id;
    }

    private static boolean local(String connection) {
        return connection == null || connection.isBlank() || DATASPHERE.equals(connection);
    }

    /**
     * {@code attributeMappings}: a bare quoted column is identity or rename, a call {@code F(...)} an aggregation or
     * function, anything else an expression over the quoted columns it names.
     */
    private static List<ColumnLineage> mappings(JsonNode holder, Upstream source) {
        List<ColumnLineage> columns = new ArrayList<>();
        for (JsonNode mapping : holder.path("attributeMappings")) {
            String target = mapping.path("target").asText("");
            String expression = mapping.path("expression").asText("").trim();
            if (target.isBlank() || expression.isEmpty()) {
                continue;
            }
            List<SourceColumn> sources = new ArrayList<>();
            Matcher quoted = QUOTED.matcher(expression);
            while (quoted.find()) {
                SourceColumn column = column(source, quoted.group(1).replace("\"\"", "\""));
                if (!sources.contains(column)) {
                    sources.add(column);
                }
            }
            if (sources.isEmpty()) {
                continue;
            }
            Matcher call = CALL.matcher(expression);
            if (expression.matches("\"((?:[^\"]|\"\")+)\"")) {
                String name = sources.get(0).column();
                columns.add(new ColumnLineage(target, sources, name.equals(target) ? "identity" : "rename", null));
            } else if (call.matches()) {
                String function = call.group(1).toUpperCase(Locale.ROOT);
                columns.add(new ColumnLineage(target, sources,
                        QueryLineage.AGGREGATES.contains(function) ? "aggregation" : "function", function));
            } else {
                columns.add(new ColumnLineage(target, sources, "expression", null));
            }
        }
        return columns;
    }

    /** A source column; for an external source its object is the remote entity. */
    private static SourceColumn column(Upstream source, String column) {
        return new SourceColumn(source.space(), source.external() ? source.remoteEntity() : source.object(), column);
    }

    /** A replication container {@code /SPACE} of a {@code $DWC} system names the space. */
    private static String spaceOf(String container, String fallback) {
        String trimmed = trimSlashes(container);
        return trimmed.isEmpty() || trimmed.contains("/") ? fallback : trimmed;
    }

    private static String entity(String container, String object) {
        String prefix = trimSlashes(container == null ? "" : container);
        return prefix.isEmpty() ? object : prefix + "/" + object;
    }

    private static String trimSlashes(String path) {
        return path.replaceAll("^/+", "").replaceAll("/+$", "");
    }
}
