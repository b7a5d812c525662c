package io.dsgluesync.replication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsgluesync.csdl.CsdlException;
import io.dsgluesync.csdl.EntityModel;
import io.dsgluesync.csn.CsnParser;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a replication flow's design-time definition ({@code GET /dwaas-core/api/v1/spaces/S/replicationflows/NAME})
 * into its tasks. The shape, {@code {"replicationflows": {NAME: {"contents": {"sourceSystem": [...],
 * "targetSystem": [...], "replicationTasks": [...]}}}}}, is the one DataHub's {@code sap_datasphere} source reads
 * (https://github.com/datahub-project/datahub, {@code metadata-ingestion/src/datahub/ingestion/source/sap_datasphere});
 * SAP does not document it. A task's {@code targetObject.properties} override the target system's. Pure.
 */
public final class ReplicationFlowParser {
    private ReplicationFlowParser() {
    }

    public static List<FlowTask> parse(String name, byte[] json) {
        JsonNode root;
        try {
            root = JsonCodec.mapper().readTree(json);
        } catch (IOException e) {
            throw new CsdlException("replicationflow", "replication flow " + name + ": not valid JSON: "
                    + e.getMessage(), e);
        }
        JsonNode flows = root == null ? null : root.get("replicationflows");
        if (flows == null || !flows.isObject() || flows.isEmpty()) {
            throw new CsdlException("replicationflows", "replication flow " + name + ": no 'replicationflows' object",
                    null);
        }
        JsonNode flow = flows.has(name) ? flows.get(name) : flows.elements().next();
        JsonNode contents = flow.path("contents");
        JsonNode source = contents.path("sourceSystem").path(0);
        JsonNode target = contents.path("targetSystem").path(0);
        Map<String, String> targetProperties = strings(target.path("properties"));
        List<FlowTask> tasks = new ArrayList<>();
        JsonNode list = contents.path("replicationTasks");
        for (int i = 0; i < list.size(); i++) {
            JsonNode task = list.get(i);
            String sourceObject = task.path("sourceObject").path("name").asText("");
            String targetObject = task.path("targetObject").path("name").asText(sourceObject);
            if (sourceObject.isBlank()) {
                throw new CsdlException("replicationTasks[" + i + "].sourceObject", "replication flow " + name
                        + ": task " + task.path("name").asText(Integer.toString(i)) + " names no source object", null);
            }
            Map<String, String> properties = new LinkedHashMap<>(targetProperties);
            properties.putAll(strings(task.path("targetObject").path("properties")));
            JsonNode elements = task.path("targetObject").path("definition").path("elements");
            tasks.add(new FlowTask(name, task.path("name").asText("task" + (i + 1)), text(task, "loadType"),
                    text(source, "connectionId"), sourceObject, text(target, "connectionId"),
                    text(target, "connectionType"), target.path("container").asText(""),
                    targetObject.isBlank() ? sourceObject : targetObject, properties,
                    elements.isObject() && !elements.isEmpty() ? elements.toString() : null));
        }
        return List.copyOf(tasks);
    }

    /**
     * The entity model of a task's target object from the columns its definition carries (CSN elements), for an
     * object that exists nowhere else in Datasphere; empty when the definition carries none.
     */
    public static Optional<EntityModel> targetModel(FlowTask task) {
        if (task.targetElements() == null) {
            return Optional.empty();
        }
        ObjectNode csn = JsonCodec.mapper().createObjectNode();
        try {
            csn.putObject("definitions").putObject(task.targetObject())
                    .put("@EndUserText.label", task.targetObject())
                    .set("elements", JsonCodec.mapper().readTree(task.targetElements()));
        } catch (IOException e) {
            throw new CsdlException("targetObject.definition", "replication flow " + task.flow() + ": task "
                    + task.task() + " has unreadable elements", e);
        }
        return Optional.of(CsnParser.parse(task.targetObject(), JsonCodec.write(csn).getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode()) {
                map.put(e.getKey(), e.getValue().asText());
            }
        });
        return map;
    }
}
