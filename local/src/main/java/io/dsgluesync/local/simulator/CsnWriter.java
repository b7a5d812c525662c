package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsgluesync.local.simulator.CsdlColumn.Role;

import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Renders the design-time CSN of generated assets from the same {@link CsdlEntity} their CSDL comes from, and a minimal
 * CSN for assets that bring none, in the shape of recorded tenant responses
 * (https://github.com/datahub-project/datahub,
 * {@code metadata-ingestion/tests/integration/sap_datasphere/fixtures/recorded/views/} and {@code analyticmodels/}).
 * Semantic usage becomes {@code @ObjectModel.modelingPattern} (see {@link #modelingPattern}).
 */
final class CsnWriter {

    private CsnWriter() {
    }

    static String write(CsdlEntity entity, AssetKind kind) {
        ObjectNode root = HttpIo.JSON.createObjectNode();
        ObjectNode definition = root.putObject("definitions").putObject(entity.assetName());
        definition.put("kind", "entity");
        definition.put("@EndUserText.label", entity.label());
        String pattern = modelingPattern(entity, kind);
        definition.putObject("@ObjectModel.modelingPattern").put("#", pattern);
        ArrayNode capabilities = definition.putArray("@ObjectModel.supportedCapabilities");
        switch (pattern) {
            case "ANALYTICAL_DIMENSION" -> {
                capabilities.addObject().put("#", "ANALYTICAL_PROVIDER");
                capabilities.addObject().put("#", "ANALYTICAL_DIMENSION");
            }
            case "ANALYTICAL_CUBE" -> capabilities.addObject().put("#", "ANALYTICAL_PROVIDER");
            case "ANALYTICAL_FACT" -> {
                capabilities.addObject().put("#", "ANALYTICAL_PROVIDER");
                capabilities.addObject().put("#", "DATA_STRUCTURE");
            }
            default -> capabilities.addObject().put("#", "DATA_STRUCTURE");
        }
        if (kind == AssetKind.ANALYTIC_MODEL) {
            definition.putObject("@DataWarehouse.editorType").put("#", "DWCQueryModelEditor");
        } else {
            definition.put("@DataWarehouse.consumption.external", true);
        }
        if (!entity.hierarchies().isEmpty()) {
            ArrayNode leveled = definition.putArray("@Hierarchy.leveled");
            for (CsdlEntity.Hierarchy h : entity.hierarchies()) {
                ObjectNode record = leveled.addObject().put("name", h.name()).put("label", h.label());
                ArrayNode levels = record.putArray("levels");
                h.levels().forEach(level -> levels.addObject().putObject("element").put("=", level));
            }
        }
        ObjectNode elements = definition.putObject("elements");
        boolean analytical = kind.hasAnalytical();
        for (CsdlColumn column : entity.columns()) {
            elements.set(column.name(), element(column, analytical, entity.dimensionView()));
        }
        String source = entity.assetName() + "_SOURCE";
        definition.putObject("query").putObject("SELECT").putObject("from").putArray("ref").add(source);
        if (kind == AssetKind.ANALYTIC_MODEL) {
            businessLayer(root.putObject("businessLayerDefinitions").putObject(entity.assetName()), entity, source);
        }
        return toJson(root);
    }

    /** What the design-time API serves for an asset made without a CSN: label and usage, no elements. */
    static String minimal(SimAsset asset) {
        ObjectNode root = HttpIo.JSON.createObjectNode();
        ObjectNode definition = root.putObject("definitions").putObject(asset.name());
        definition.put("kind", "entity");
        definition.put("@EndUserText.label", asset.label());
        definition.putObject("@ObjectModel.modelingPattern").put("#", switch (asset.kind()) {
            case VIEW -> "DATA_STRUCTURE";
            case ANALYTICAL_DATASET -> "ANALYTICAL_FACT";
            case ANALYTIC_MODEL -> "ANALYTICAL_CUBE";
        });
        definition.putObject("elements");
        return toJson(root);
    }

    /**
     * Analytic models are cubes; analytical datasets are shown as facts, their successor usage; views are
     * dimensions, facts when they carry currency amounts, else relational datasets. The values are those of the CSN
     * Interop specification (https://github.com/SAP/csn-interop-specification); only ANALYTICAL_CUBE for an analytic
     * model and ANALYTICAL_DIMENSION for a dimension view are seen in recorded responses, the rest is our choice.
     */
    private static String modelingPattern(CsdlEntity entity, AssetKind kind) {
        if (kind == AssetKind.ANALYTIC_MODEL) {
            return "ANALYTICAL_CUBE";
        }
        if (kind == AssetKind.ANALYTICAL_DATASET) {
            return "ANALYTICAL_FACT";
        }
        if (entity.dimensionView()) {
            return "ANALYTICAL_DIMENSION";
        }
        boolean amounts = entity.columns().stream().anyMatch(c -> c.semantic() == CsdlColumn.Semantic.AMOUNT);
        return amounts ? "ANALYTICAL_FACT" : "DATA_STRUCTURE";
    }

    private static ObjectNode element(CsdlColumn c, boolean analytical, boolean dimensionView) {
        ObjectNode e = HttpIo.JSON.createObjectNode();
        if (c.role() == Role.KEY) {
            e.put("key", true);
        }
        e.put("type", cdsType(c.edmType()));
        if (c.maxLength() != null) {
            e.put("length", c.maxLength());
        }
        if (c.edmType().equals("Edm.Decimal") && c.precision() != null) {
            e.put("precision", c.precision());
            e.put("scale", c.scale() == null ? 0 : c.scale());
        }
        if (!c.nullable() && c.role() != Role.KEY) {
            e.put("notNull", true);
        }
        if (c.label() != null) {
            e.put("@EndUserText.label", c.label());
        }
        if (dimensionView && (c.role() == Role.KEY || c.role() == Role.DIMENSION)) {
            e.put("@Analytics.dimension", true);
        }
        if (analytical && c.role() == Role.MEASURE) {
            e.putObject("@AnalyticsDetails.measureType").put("#", "BASE");
            if (c.aggregation() != null) {
                String aggregation = c.aggregation().equals("average") ? "AVG" : c.aggregation().toUpperCase(Locale.ROOT);
                e.putObject("@Aggregation.default").put("#", aggregation);
            }
        }
        switch (c.semantic()) {
            case CURRENCY_CODE -> e.put("@Semantics.currencyCode", true);
            case UNIT_CODE -> e.put("@Semantics.unitOfMeasure", true);
            case AMOUNT -> e.putObject("@Semantics.amount.currencyCode").put("=", c.reference());
            case QUANTITY -> e.putObject("@Semantics.quantity.unitOfMeasure").put("=", c.reference());
            case TEXT -> e.putArray("@ObjectModel.text.element").addObject().put("=", c.reference());
            case CALENDAR_DATE -> e.put("@Semantics.date", true);
            case CALENDAR_YEAR -> e.put("@Semantics.calendar.year", true);
            case CALENDAR_YEAR_MONTH -> e.put("@Semantics.calendar.yearMonth", true);
            case NONE -> { }
        }
        return e;
    }

    /**
     * A one-fact star schema in the shape of a recorded analytic model (https://github.com/datahub-project/datahub,
     * {@code metadata-ingestion/tests/integration/sap_datasphere/fixtures/recorded/analyticmodels/Test_Analytic_Model.json}).
     */
    private static void businessLayer(ObjectNode model, CsdlEntity entity, String source) {
        model.putObject("identifier").put("key", entity.assetName());
        model.put("text", entity.label());
        ObjectNode sourceModel = model.putObject("sourceModel");
        ObjectNode fact = sourceModel.putObject("factSources").putObject("FACT");
        fact.put("text", entity.label());
        fact.putObject("dataEntity").put("key", source);
        sourceModel.putObject("dimensionSources");
        ObjectNode attributes = model.putObject("attributes");
        ObjectNode measures = model.putObject("measures");
        for (CsdlColumn c : entity.columns()) {
            String text = c.label() == null ? c.name() : c.label();
            if (c.role() == Role.MEASURE) {
                ObjectNode m = measures.putObject(c.name());
                m.put("measureType", "AnalyticModelMeasureType.FactSourceMeasure");
                m.putObject("measureMapping").putObject("FACT").put("key", c.name());
                m.put("text", text).put("isAuxiliary", false);
            } else {
                ObjectNode a = attributes.putObject(c.name());
                a.put("attributeType", "AnalyticModelAttributeType.FactSourceAttribute");
                a.putObject("attributeMapping").putObject("FACT").put("key", c.name());
                a.put("text", text).put("duplicated", false);
            }
        }
        model.putObject("crossCalculations");
        model.putObject("variables");
        model.put("version", "1.7.1");
    }

    private static String cdsType(String edmType) {
        return switch (edmType) {
            case "Edm.String" -> "cds.String";
            case "Edm.Decimal" -> "cds.Decimal";
            case "Edm.Int32" -> "cds.Integer";
            case "Edm.Int64" -> "cds.Integer64";
            case "Edm.Double" -> "cds.Double";
            case "Edm.Boolean" -> "cds.Boolean";
            case "Edm.Date" -> "cds.Date";
            case "Edm.DateTimeOffset" -> "cds.Timestamp";
            case "Edm.Byte" -> "cds.hana.TINYINT";
            case "Edm.Int16" -> "cds.hana.SMALLINT";
            default -> "cds.String";
        };
    }

    static String toJson(Object node) {
        try {
            return HttpIo.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
