package io.dsgluesync.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.lineage.ColumnLineage.SourceColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an analytic model's sources and column mappings from its {@code businessLayerDefinitions} entry:
 * {@code sourceModel.factSources[alias].dataEntity.key} and {@code sourceModel.dimensionSources[alias].dataEntity.key}
 * ({@code SPACE.OBJECT} or a name of the model's space), {@code measures[col].measureMapping} and
 * {@code attributes[col].attributeMapping} ({@code {ALIAS: {"key": COLUMN}}}), and dimension attributes named by
 * {@code sourceKey} and {@code key}. The shape is the one DataHub's Datasphere source reads
 * (https://github.com/datahub-project/datahub, {@code metadata-ingestion/src/datahub/ingestion/source/sap_datasphere/
 * analytic_model.py}); calculated measures and attributes carry formulas, not mappings, and are left to the query.
 */
final class AnalyticModelLineage {
    private AnalyticModelLineage() {
    }

    /** Adds the model's sources to {@code upstreams} and answers the columns its mappings name. */
    static Map<String, ColumnLineage> read(JsonNode model, ObjectNames names, List<Upstream> upstreams) {
        Map<String, Upstream> aliases = new LinkedHashMap<>();
        JsonNode sourceModel = model.path("sourceModel");
        sources(sourceModel.path("factSources"), "fact", names, aliases, upstreams);
        sources(sourceModel.path("dimensionSources"), "dimension", names, aliases, upstreams);
        Map<String, ColumnLineage> columns = new LinkedHashMap<>();
        model.path("attributes").fields().forEachRemaining(e -> {
            JsonNode attribute = e.getValue();
            List<SourceColumn> found = mapped(attribute.path("attributeMapping"), aliases);
            Upstream dimension = aliases.get(attribute.path("sourceKey").asText(""));
            if (found.isEmpty() && dimension != null && attribute.path("key").isTextual()) {
                found = List.of(new SourceColumn(dimension.space(), dimension.object(), attribute.get("key").asText()));
            }
            put(columns, e.getKey(), found);
        });
        model.path("measures").fields().forEachRemaining(
                e -> put(columns, e.getKey(), mapped(e.getValue().path("measureMapping"), aliases)));
        return columns;
    }

    private static void sources(JsonNode sources, String via, ObjectNames names, Map<String, Upstream> aliases,
                                List<Upstream> upstreams) {
        sources.fields().forEachRemaining(e -> {
            JsonNode key = e.getValue().path("dataEntity").path("key");
            if (!key.isTextual() || key.asText().isBlank()) {
                return;
            }
            Upstream source = names.resolve(key.asText(), via);
            aliases.put(e.getKey(), source);
            if (upstreams.stream().noneMatch(u -> CsnLineage.same(u, source))) {
                upstreams.add(source);
            }
        });
    }

    private static List<SourceColumn> mapped(JsonNode mapping, Map<String, Upstream> aliases) {
        List<SourceColumn> found = new ArrayList<>();
        mapping.fields().forEachRemaining(e -> {
            Upstream source = aliases.get(e.getKey());
            JsonNode column = e.getValue().path("key");
            if (source != null && column.isTextual() && !column.asText().isBlank()) {
                found.add(new SourceColumn(source.space(), source.object(), column.asText()));
            }
        });
        return found;
    }

    private static void put(Map<String, ColumnLineage> columns, String name, List<SourceColumn> sources) {
        if (sources.isEmpty()) {
            return;
        }
        boolean identity = sources.size() == 1 && sources.get(0).column().equals(name);
        columns.put(name, new ColumnLineage(name, sources, identity ? "identity" : "rename", null));
    }
}
