package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written sample CSN agrees with the sample CSDL: same columns, same types and facets, and the
 * {@code @ObjectModel.modelingPattern} of each asset's semantic usage.
 */
class SampleTenantCsnTest {

    private static final Map<String, String> PATTERNS = Map.of(
            "SAP.TIME.VIEW_DIMENSION_DAY", "ANALYTICAL_DIMENSION",
            "SAP_SC_FI_V_ProductsDim", "ANALYTICAL_DIMENSION",
            "SAP_SC_SALES_V_SalesOrders", "ANALYTICAL_FACT",
            "SAP_TEL_CVM_IL_SERVICE_USAGE", "DATA_STRUCTURE",
            "SALES_AM_ORDER_ITEMS", "ANALYTICAL_CUBE",
            "ENROLLMENT_AM", "ANALYTICAL_CUBE",
            "CollegeEnrollment", "ANALYTICAL_FACT");

    @Test
    void everyCatalogAssetHasACsnMatchingItsCsdl() throws Exception {
        Tenant tenant = Tenant.sample();
        for (SimAsset asset : tenant.allAssets()) {
            JsonNode root = SimClient.JSON.readTree(asset.csn());
            JsonNode definition = root.path("definitions").path(asset.name());
            assertEquals(asset.label(), definition.path("@EndUserText.label").asText(), asset.name());
            assertEquals(PATTERNS.get(asset.name()), definition.path("@ObjectModel.modelingPattern").path("#").asText(),
                    asset.name());
            assertEquals(asset.kind() == AssetKind.ANALYTIC_MODEL,
                    root.path("businessLayerDefinitions").has(asset.name()), asset.name());
            String csdl = asset.kind().hasRelational() ? asset.relationalCsdl() : asset.analyticalCsdl();
            assertEquals(describeCsdl(csdl), describeCsn(definition.path("elements")), asset.name());
        }
    }

    @Test
    void unlistedObjectsAreOnlyInTheDesignTimeLists() {
        Tenant tenant = Tenant.sample();
        assertEquals(7, tenant.allAssets().size());
        assertTrue(tenant.designObject("SAP_CONTENT", DesignObjectType.LOCAL_TABLES, "SAP.TIME.M_TIME_DIMENSION").isPresent());
        assertTrue(tenant.designObject("SPACE_A", DesignObjectType.REMOTE_TABLES, "BusinessPartners").isPresent());
        assertEquals(List.of("RF_SALES_TO_BQ", "RF_SALES_TO_S3"),
                tenant.designObjects("SAP_CONTENT", DesignObjectType.REPLICATION_FLOWS));
        assertEquals(List.of("DF_LOAD_ENROLLMENT"), tenant.designObjects("SPACE_A", DesignObjectType.DATA_FLOWS));
        assertTrue(tenant.asset("SAP_CONTENT", "RF_SALES_TO_S3").isEmpty());
        assertTrue(tenant.asset("SPACE_A", "BusinessPartners").isEmpty());
        assertTrue(tenant.designObject("SPACE_A", DesignObjectType.VIEWS, "BusinessPartners").isEmpty());
        assertEquals(List.of(), tenant.designObjects("NOPE", DesignObjectType.VIEWS));
    }

    /** name:EdmType(facets) of each property, in order. */
    private static List<String> describeCsdl(String xml) throws Exception {
        List<String> columns = new ArrayList<>();
        CsdlShape shape = CsdlShape.parse(xml);
        for (Element p : CsdlShape.elements(shape.entityType, CsdlShape.EDM, "Property")) {
            String type = p.getAttribute("Type");
            String facets = type.equals("Edm.DateTimeOffset") ? "" : p.getAttribute("MaxLength")
                    + p.getAttribute("Precision") + (p.getAttribute("Scale").isEmpty() ? "" : "," + p.getAttribute("Scale"));
            columns.add(p.getAttribute("Name") + ":" + type + "(" + facets + ")");
        }
        return columns;
    }

    /**
     * The same for CSN elements, mapped to the Edm types the consumption service publishes for them (as the shared
     * {@code CsnTypes} maps them); associations skipped.
     */
    private static List<String> describeCsn(JsonNode elements) {
        List<String> columns = new ArrayList<>();
        elements.fields().forEachRemaining(e -> {
            JsonNode element = e.getValue();
            String type = element.path("type").asText();
            if (type.equals("cds.Association")) {
                return;
            }
            String edm = switch (type) {
                case "cds.String" -> "Edm.String";
                case "cds.Decimal" -> "Edm.Decimal";
                case "cds.Integer" -> "Edm.Int32";
                case "cds.Integer64" -> "Edm.Int64";
                case "cds.Double" -> "Edm.Double";
                case "cds.Boolean" -> "Edm.Boolean";
                case "cds.Date" -> "Edm.Date";
                case "cds.Timestamp" -> "Edm.DateTimeOffset";
                case "cds.hana.TINYINT" -> "Edm.Byte";
                default -> type;
            };
            String facets = (element.has("length") ? element.path("length").asText() : "")
                    + (element.has("precision") ? element.path("precision").asText() + "," + element.path("scale").asText() : "");
            columns.add(e.getKey() + ":" + edm + "(" + facets + ")");
        });
        return columns;
    }
}
