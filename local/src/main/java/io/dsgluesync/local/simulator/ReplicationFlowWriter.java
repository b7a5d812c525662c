package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link ReplicationFlow} as the design-time API's flow definition,
 * {@code {"replicationflows":{<name>:{"kind":"sap.dis.replicationflow",...,"contents":{...}}}}}: the same shape as
 * the sample tenant's hand-written flows.
 */
final class ReplicationFlowWriter {

    static final String KIND = "sap.dis.replicationflow";
    private static final int MAX_CONNECTIONS = 10;
    private static final int PRIORITY = 50;

    private ReplicationFlowWriter() {
    }

    static String write(ReplicationFlow flow) {
        ObjectNode root = HttpIo.JSON.createObjectNode();
        ObjectNode definition = root.putObject(DesignObjectType.REPLICATION_FLOWS.segment()).putObject(flow.name());
        definition.put("kind", KIND);
        definition.put("@EndUserText.label", flow.label());
        ObjectNode contents = definition.putObject("contents");
        contents.put("description", flow.name());
        connection(contents.putArray("sourceSystem").addObject(), flow.source());
        connection(contents.putArray("targetSystem").addObject(), flow.target());
        ArrayNode tasks = contents.putArray("replicationTasks");
        for (ReplicationFlow.Task task : flow.tasks()) {
            ObjectNode t = tasks.addObject();
            t.put("name", task.name());
            t.put("loadType", task.loadType().name());
            t.put("priority", PRIORITY);
            t.put("truncate", false);
            t.putObject("sourceObject").put("name", task.sourceObject());
            ObjectNode target = t.putObject("targetObject").put("name", task.targetObject());
            properties(target, task.targetProperties());
            if (!task.definition().isEmpty()) {
                ObjectNode elements = target.putObject("definition").putObject("elements");
                task.definition().forEach(e -> elements.set(e.name(), element(e)));
            }
        }
        return CsnWriter.toJson(root);
    }

    private static void connection(ObjectNode node, ReplicationFlow.Connection connection) {
        node.put("connectionId", connection.connectionId());
        node.put("connectionType", connection.connectionType());
        node.put("container", connection.container());
        node.put("maxConnections", MAX_CONNECTIONS);
        node.putObject("metadata");
        properties(node, connection.properties());
    }

    /** Sorted by key, so a generated definition reads the same on every request. */
    private static void properties(ObjectNode node, Map<String, String> properties) {
        if (!properties.isEmpty()) {
            ObjectNode out = node.putObject("properties");
            new TreeMap<>(properties).forEach(out::put);
        }
    }

    private static ObjectNode element(ReplicationFlow.Element e) {
        ObjectNode node = HttpIo.JSON.createObjectNode();
        node.put("type", e.type());
        if (e.length() != null) {
            node.put("length", e.length());
        }
        if (e.precision() != null) {
            node.put("precision", e.precision());
            node.put("scale", e.scale() == null ? 0 : e.scale());
        }
        if (e.key()) {
            node.put("key", true);
        }
        node.put("@EndUserText.label", e.label());
        return node;
    }
}
