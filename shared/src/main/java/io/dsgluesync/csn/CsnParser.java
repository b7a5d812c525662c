package io.dsgluesync.csn;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.csdl.CsdlColumn;
import io.dsgluesync.csdl.CsdlException;
import io.dsgluesync.csdl.EntityModel;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the design-time CSN of one object (https://cap.cloud.sap/docs/cds/csn) into the same {@link EntityModel}
 * the CSDL parser produces, so that objects the catalog does not list (local and remote tables, unexposed views)
 * map like any other asset, and so that CSN-only semantics can enrich a CSDL model. Pure.
 */
public final class CsnParser {
    /** The entity-level annotation key that carries the semantic usage in {@link EntityModel#annotations()}. */
    public static final String SEMANTIC_USAGE = "objectmodel.semanticusage";

    private CsnParser() {
    }

    public static EntityModel parse(String name, byte[] json) {
        JsonNode root;
        try {
            root = JsonCodec.mapper().readTree(json);
        } catch (IOException e) {
            throw new CsdlException("csn", "asset " + name + ": CSN is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode definitions = root == null ? null : root.get("definitions");
        if (definitions == null || !definitions.isObject() || definitions.isEmpty()) {
            throw new CsdlException("csn.definitions", "asset " + name + ": CSN has no definitions", null);
        }
        JsonNode entity = definitions.has(name) ? definitions.get(name) : definitions.elements().next();
        JsonNode elements = entity.get("elements");
        if (elements == null || !elements.isObject()) {
            throw new CsdlException("csn.elements", "asset " + name + ": CSN definition has no elements", null);
        }
        List<CsdlColumn> columns = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = elements.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String type = e.getValue().path("type").asText("");
            if (type.equals("cds.Association") || type.equals("cds.Composition")) {
                continue;
            }
            columns.add(column(name, e.getKey(), e.getValue()));
        }
        Map<String, String> annotations = new TreeMap<>();
        entity.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("@")) {
                annotations.put(e.getKey().substring(1).toLowerCase(Locale.ROOT), scalar(e.getValue()));
            }
        });
        String usage = semanticUsage(entity.path("@ObjectModel.modelingPattern").path("#").asText(null));
        if (usage != null) {
            annotations.put(SEMANTIC_USAGE, usage);
        }
        String label = text(entity, "@EndUserText.label", text(entity, "@Common.Label", null));
        return new EntityModel(name.replace('.', '_'), name, label, name,
                stripHash(entity.path("@Analytics.dimensionType").asText(null)), List.copyOf(columns), List.of(),
                Map.copyOf(annotations), Map.of());
    }

    /**
     * CSN semantics the consumption CSDL lacks laid over a CSDL model: usage, texts, units (a view's CSN carries its
     * text associations and modeling pattern, its {@code $metadata} does not).
     */
    public static EntityModel enrich(EntityModel csdl, EntityModel csn) {
        Map<String, CsdlColumn> byName = new LinkedHashMap<>();
        csn.columns().forEach(c -> byName.put(c.name(), c));
        List<CsdlColumn> columns = new ArrayList<>();
        for (CsdlColumn c : csdl.columns()) {
            CsdlColumn d = byName.get(c.name());
            columns.add(d == null ? c : c.completedBy(d));
        }
        Map<String, String> annotations = new TreeMap<>(csdl.annotations());
        if (csn.annotations().containsKey(SEMANTIC_USAGE)) {
            annotations.put(SEMANTIC_USAGE, csn.annotations().get(SEMANTIC_USAGE));
        }
        return new EntityModel(csdl.entitySet(), csdl.entityType(), csdl.label() != null ? csdl.label() : csn.label(),
                csdl.originalName() != null ? csdl.originalName() : csn.originalName(),
                csdl.dimensionType() != null ? csdl.dimensionType() : csn.dimensionType(), List.copyOf(columns),
                csdl.hierarchies(), Map.copyOf(annotations), csdl.complexTypes());
    }

    private static CsdlColumn column(String asset, String name, JsonNode e) {
        CsnTypes.EdmFacets edm = CsnTypes.toEdm(e);
        boolean key = e.path("key").asBoolean(false);
        Map<String, String> annotations = new TreeMap<>();
        e.fields().forEachRemaining(f -> {
            if (f.getKey().startsWith("@")) {
                annotations.put(f.getKey().substring(1).toLowerCase(Locale.ROOT), scalar(f.getValue()));
            }
        });
        String measureType = e.path("@AnalyticsDetails.measureType").path("#").asText(null);
        String aggregation = e.path("@Aggregation.default").path("#").asText(null);
        String textRef = ref(e.get("@ObjectModel.text.element"));
        if (textRef == null) {
            textRef = ref(e.get("@ObjectModel.text.association"));
        }
        return new CsdlColumn(name, edm.type(), edm.maxLength(), edm.precision(), edm.scale(), null,
                !key && !e.path("notNull").asBoolean(false), key,
                text(e, "@EndUserText.label", text(e, "@Common.Label", null)),
                e.path("@Analytics.dimension").asBoolean(false) || e.has("@ObjectModel.foreignKey.association"),
                measureType != null, aggregation == null ? null : aggregation.toLowerCase(Locale.ROOT),
                ref(e.get("@Semantics.amount.currencyCode")), ref(e.get("@Semantics.quantity.unitOfMeasure")), textRef,
                calendar(e), Map.copyOf(annotations));
    }

    private static String calendar(JsonNode e) {
        if (e.path("@Semantics.date").asBoolean(false)) {
            return "calendardate";
        }
        for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.startsWith("@Semantics.calendar.") && e.get(key).asBoolean(false)) {
                return "calendar" + key.substring("@Semantics.calendar.".length()).toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** {@code {"=": "CURRENCY"}}, {@code [{"=": "X"}]} or a plain string → the referenced element. */
    private static String ref(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            return node.isEmpty() ? null : ref(node.get(0));
        }
        if (node.isObject()) {
            return node.has("=") ? node.get("=").asText() : null;
        }
        return node.asText();
    }

    static String semanticUsage(String pattern) {
        if (pattern == null) {
            return null;
        }
        return switch (pattern) {
            case "ANALYTICAL_FACT" -> "fact";
            case "ANALYTICAL_DIMENSION" -> "dimension";
            case "LANGUAGE_DEPENDENT_TEXT" -> "text";
            case "ANALYTICAL_PARENT_CHILD_HIERARCHY_NODE" -> "hierarchy";
            case "DATA_STRUCTURE" -> "relational_dataset";
            case "ANALYTICAL_CUBE" -> "analytic_model";
            default -> pattern.toLowerCase(Locale.ROOT);
        };
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? fallback : value.asText();
    }

    private static String scalar(JsonNode value) {
        if (value.isObject() && value.has("#")) {
            return value.get("#").asText();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static String stripHash(String value) {
        return value == null ? null : value.startsWith("#") ? value.substring(1) : value;
    }
}
