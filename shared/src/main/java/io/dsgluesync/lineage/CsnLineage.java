package io.dsgluesync.lineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.csdl.CsdlException;
import io.dsgluesync.lineage.ColumnLineage.SourceColumn;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Reads where one Datasphere object's data comes from out of its design-time CSN
 * (https://cap.cloud.sap/docs/cds/csn, as {@code GET /dwaas-core/api/v1/spaces/S/{views|analyticmodels|…}/NAME}
 * answers it): a view's query, an analytic model's fact and dimension sources
 * ({@code businessLayerDefinitions}), a remote table's connection and remote entity. The member names are the ones
 * DataHub's Datasphere source reads (https://github.com/datahub-project/datahub,
 * {@code metadata-ingestion/src/datahub/ingestion/source/sap_datasphere/}); SAP does not document this document.
 * Pure; shapes it does not know give less lineage, never an exception.
 */
public final class CsnLineage {
    /** Raw SQL of a view written in the SQL editor; graphical views carry only the CSN query. */
    static final String SQL_QUERY = "@DataWarehouse.sqlEditor.query";
    static final String REMOTE_CONNECTION = "@DataWarehouse.remote.connection";
    static final String REMOTE_ENTITY = "@DataWarehouse.remote.entity";

    private CsnLineage() {
    }

    /**
     * The lineage of object {@code name} of {@code space}.
     *
     * @param spaceExists whether a space of that name exists, to tell {@code OTHER_SPACE.OBJECT} from a dotted
     *                    same-space name; null = no other space
     * @throws CsdlException (field {@code csn}) when the document is not JSON
     */
    public static Lineage read(String space, String name, byte[] csn, Predicate<String> spaceExists) {
        JsonNode root;
        try {
            root = JsonCodec.mapper().readTree(csn);
        } catch (IOException e) {
            throw new CsdlException("csn", "asset " + name + ": CSN is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            return Lineage.NONE;
        }
        ObjectNames names = new ObjectNames(space, spaceExists);
        JsonNode definition = member(root.get("definitions"), name);
        JsonNode model = member(root.get("businessLayerDefinitions"), name);
        if (definition == null && model == null) {
            return Lineage.NONE;
        }
        JsonNode entity = definition == null ? JsonCodec.mapper().createObjectNode() : definition;
        JsonNode elements = entity.get("elements");
        if (entity.get(REMOTE_CONNECTION) != null && entity.get(REMOTE_ENTITY) != null) {
            return remote(space, entity, elements);
        }
        QueryLineage query = new QueryLineage(names, elements);
        Map<String, ColumnLineage> columns = new LinkedHashMap<>(query.read(entity.get("query")));
        List<Upstream> upstreams = new ArrayList<>();
        if (model != null) {
            Map<String, ColumnLineage> mapped = AnalyticModelLineage.read(model, names, upstreams);
            columns.putAll(mapped);
        }
        for (Upstream u : query.upstreams()) {
            if (upstreams.stream().noneMatch(x -> same(x, u))) {
                upstreams.add(u);
            }
        }
        String sql = entity.path(SQL_QUERY).isTextual() ? entity.get(SQL_QUERY).asText() : null;
        String definitionText = sql != null ? sql : compact(entity.get("query"));
        String language = sql != null ? "sql" : definitionText == null ? null : "csn";
        return new Lineage(upstreams, inElementOrder(columns, elements), definitionText, language);
    }

    /** {@code container[name]}, or its only member when it holds one under another name (as CsnParser reads). */
    private static JsonNode member(JsonNode container, String name) {
        if (container == null || !container.isObject() || container.isEmpty()) {
            return null;
        }
        JsonNode found = container.get(name);
        if (found == null && container.size() == 1) {
            found = container.elements().next();
        }
        return found != null && found.isObject() ? found : null;
    }

    private static Lineage remote(String space, JsonNode entity, JsonNode elements) {
        String connection = entity.get(REMOTE_CONNECTION).asText("");
        String remoteEntity = remoteEntity(entity.get(REMOTE_ENTITY).asText(""));
        if (connection.isBlank() || remoteEntity.isBlank()) {
            return Lineage.NONE;
        }
        List<ColumnLineage> columns = new ArrayList<>();
        if (elements != null && elements.isObject()) {
            elements.fields().forEachRemaining(e -> {
                JsonNode element = e.getValue();
                String type = element.path("type").asText("");
                boolean plain = !type.equals("cds.Association") && !type.equals("cds.Composition")
                        && !element.has("value");
                if (plain) {
                    columns.add(new ColumnLineage(e.getKey(),
                            List.of(new SourceColumn(space, remoteEntity, e.getKey())), "identity", null));
                }
            });
        }
        return new Lineage(List.of(Upstream.external(space, connection, remoteEntity, "remote", null)), columns,
                null, null);
    }

    /**
     * A remote entity as {@code SCHEMA.TABLE}: {@code db\u007fschema\u007ftable} with {@code <NULL>} for absent parts,
     * or SQL-quoted {@code "SCHEMA"."TABLE"}, or already plain.
     */
    static String remoteEntity(String raw) {
        String text = raw.trim();
        List<String> parts = new ArrayList<>();
        if (text.indexOf('\u007f') >= 0) {
            for (String part : text.split("\u007f", -1)) {
                if (!part.isBlank() && !part.equals("<NULL>")) {
                    parts.add(part);
                }
            }
            return String.join(".", parts);
        }
        if (!text.startsWith("\"")) {
            return text;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == '.' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        parts.removeIf(String::isBlank);
        return String.join(".", parts);
    }

    /** Output columns that are the object's elements (associations are not columns), in element order. */
    private static List<ColumnLineage> inElementOrder(Map<String, ColumnLineage> columns, JsonNode elements) {
        if (elements == null || !elements.isObject() || elements.isEmpty()) {
            return List.copyOf(columns.values());
        }
        List<ColumnLineage> ordered = new ArrayList<>();
        elements.fields().forEachRemaining(e -> {
            ColumnLineage c = columns.get(e.getKey());
            String type = e.getValue().path("type").asText("");
            if (c != null && !type.equals("cds.Association") && !type.equals("cds.Composition")) {
                ordered.add(c);
            }
        });
        return ordered;
    }

    static boolean same(Upstream a, Upstream b) {
        return Objects.equals(a.space(), b.space()) && Objects.equals(a.object(), b.object())
                && Objects.equals(a.connection(), b.connection())
                && Objects.equals(a.remoteEntity(), b.remoteEntity());
    }

    private static String compact(JsonNode query) {
        if (query == null || query.isNull() || query.isMissingNode()) {
            return null;
        }
        try {
            return JsonCodec.mapper().writeValueAsString(query);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
