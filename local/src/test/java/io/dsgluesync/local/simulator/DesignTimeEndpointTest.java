package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The design-time API behind the {@code datasphere} CLI ({@link DesignTimeEndpoint}) against the sample tenant. */
class DesignTimeEndpointTest {

    private static final String ROOT = "/dwaas-core/api/v1/spaces/";
    private static final String CSN = DesignTimeEndpoint.CSN_TYPE;

    private static DatasphereSimulator simulator;
    private static SimClient client;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        simulator = DatasphereSimulator.start(SimulatorOptions.defaults());
        client = new SimClient(simulator);
        token = client.token();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static List<String> names(String space, String type) {
        HttpResponse<String> response = client.get(ROOT + space + "/" + type, token);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
        JsonNode body = SimClient.json(response);
        assertTrue(body.isArray(), "a bare array, as in DataHub's recorded localtables.json: " + body);
        List<String> names = new ArrayList<>();
        body.forEach(row -> {
            assertEquals(1, row.size(), row.toString());
            names.add(row.path("technicalName").asText());
        });
        return names;
    }

    private static JsonNode read(String space, String type, String name) {
        HttpResponse<String> response = client.get(ROOT + space + "/" + type + "/" + name, token, "Accept", CSN);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(CSN, response.headers().firstValue("Content-Type").orElse(null));
        JsonNode definition = SimClient.json(response).path("definitions").path(name);
        assertEquals("entity", definition.path("kind").asText(), response.body());
        return SimClient.json(response);
    }

    @Test
    void listsAreBareArraysOfTechnicalNamesSortedAndIncludingObjectsTheCatalogLacks() {
        assertEquals(List.of("SAP.TIME.VIEW_DIMENSION_DAY", "SAP_SC_FI_V_ProductsDim", "SAP_SC_SALES_V_SalesOrders"),
                names("SAP_CONTENT", "views"));
        assertEquals(List.of("SALES_AM_ORDER_ITEMS"), names("SAP_CONTENT", "analyticmodels"));
        assertEquals(List.of("SAP.TIME.M_TIME_DIMENSION"), names("SAP_CONTENT", "localtables"));
        assertEquals(List.of(), names("SAP_CONTENT", "remotetables"));
        assertEquals(List.of("CollegeEnrollment", "SAP_TEL_CVM_IL_SERVICE_USAGE"), names("SPACE_A", "views"));
        assertEquals(List.of("ENROLLMENT_AM"), names("SPACE_A", "analyticmodels"));
        assertEquals(List.of("BusinessPartners"), names("SPACE_A", "remotetables"));
        // The local table the data flow DF_LOAD_ENROLLMENT loads, which the catalog does not list.
        assertEquals(List.of("COLLEGE_ENROLLMENT_RAW"), names("SPACE_A", "localtables"));
        assertEquals(404, client.get("/api/v1/dwc/catalog/spaces('SPACE_A')/assets('BusinessPartners')", token)
                .statusCode(), "not in the catalog, which lists only assets exposed for consumption");
        assertTrue(simulator.stats().designTimeRequests() >= 8);
    }

    @Test
    void anUnknownSpaceIs404WithACorrelationId() {
        HttpResponse<String> response = client.get(ROOT + "SALES/views", token);

        assertEquals(404, response.statusCode());
        String correlationId = response.headers().firstValue("x-correlationid").orElseThrow();
        assertTrue(correlationId.matches("[0-9a-f-]{36}"), correlationId);
        JsonNode details = SimClient.json(response).path("details");
        assertEquals("Space 'SALES' not found", details.path("message").asText());
        assertEquals("See correlation id " + correlationId, details.path("stack").asText());
        assertEquals(404, client.get(ROOT + "SALES/views/X", token, "Accept", CSN).statusCode());
    }

    @Test
    void viewCsnHasTheShapeOfReference43a() {
        JsonNode day = read("SAP_CONTENT", "views", "SAP.TIME.VIEW_DIMENSION_DAY")
                .path("definitions").path("SAP.TIME.VIEW_DIMENSION_DAY");
        assertEquals("Time Dimension - Day", day.path("@EndUserText.label").asText());
        assertEquals("ANALYTICAL_DIMENSION", day.path("@ObjectModel.modelingPattern").path("#").asText());
        assertEquals("#TIME", day.path("@Analytics.dimensionType").asText());
        assertEquals("YMD", day.path("@Hierarchy.leveled").get(0).path("name").asText());
        JsonNode dateSql = day.path("elements").path("DATE_SQL");
        assertTrue(dateSql.path("key").asBoolean());
        assertEquals("cds.Date", dateSql.path("type").asText());
        assertEquals("DAY_INT", dateSql.path("@ObjectModel.text.element").get(0).path("=").asText());
        JsonNode calmonth = day.path("elements").path("CALMONTH");
        assertEquals(6, calmonth.path("length").asInt());
        assertTrue(calmonth.path("@Semantics.calendar.yearMonth").asBoolean());
        assertEquals("_MONTH", calmonth.path("@ObjectModel.text.association").path("=").asText());
        assertEquals("cds.Association", day.path("elements").path("_MONTH").path("type").asText());

        JsonNode orders = read("SAP_CONTENT", "views", "SAP_SC_SALES_V_SalesOrders")
                .path("definitions").path("SAP_SC_SALES_V_SalesOrders");
        assertEquals("ANALYTICAL_FACT", orders.path("@ObjectModel.modelingPattern").path("#").asText());
        JsonNode gross = orders.path("elements").path("GROSSAMOUNT");
        assertEquals("cds.Decimal", gross.path("type").asText());
        assertEquals(15, gross.path("precision").asInt());
        assertEquals(2, gross.path("scale").asInt());
        assertEquals("CURRENCY", gross.path("@Semantics.amount.currencyCode").path("=").asText());
        assertTrue(orders.path("elements").path("CURRENCY").path("@Semantics.currencyCode").asBoolean());

        JsonNode products = read("SAP_CONTENT", "views", "SAP_SC_FI_V_ProductsDim")
                .path("definitions").path("SAP_SC_FI_V_ProductsDim");
        assertEquals("ANALYTICAL_DIMENSION", products.path("@ObjectModel.modelingPattern").path("#").asText());
        assertEquals("WEIGHTUNIT", products.path("elements").path("WEIGHTMEASURE")
                .path("@Semantics.quantity.unitOfMeasure").path("=").asText());

        JsonNode usage = read("SPACE_A", "views", "SAP_TEL_CVM_IL_SERVICE_USAGE")
                .path("definitions").path("SAP_TEL_CVM_IL_SERVICE_USAGE");
        assertEquals("DATA_STRUCTURE", usage.path("@ObjectModel.modelingPattern").path("#").asText());
    }

    @Test
    void localAndRemoteTableCsnHaveTheShapesOfReference43bAndA8() {
        JsonNode doc = read("SAP_CONTENT", "localtables", "SAP.TIME.M_TIME_DIMENSION");
        JsonNode table = doc.path("definitions").path("SAP.TIME.M_TIME_DIMENSION");
        assertEquals("Time Table", table.path("@EndUserText.label").asText());
        assertTrue(table.path("@cds.persistence.exists").asBoolean());
        assertTrue(table.path("elements").path("DATETIMESTAMP").path("key").asBoolean());
        assertEquals(21, table.path("elements").path("TZNTSTMPL").path("precision").asInt());
        assertEquals(7, table.path("elements").path("TZNTSTMPL").path("scale").asInt());
        assertEquals("day", doc.path("timeDimensionSetting").path("SAP.TIME.M_TIME_DIMENSION")
                .path("timesettings").path("granularity").asText());

        JsonNode partners = read("SPACE_A", "remotetables", "BusinessPartners").path("definitions").path("BusinessPartners");
        assertFalse(partners.path("@DataWarehouse.remote.connection").asText().isEmpty());
        assertEquals("DWC_DEMO.BusinessPartners", partners.path("@DataWarehouse.remote.entity").asText());
        assertEquals(10, partners.path("elements").path("PARTNERID").path("length").asInt());
    }

    @Test
    void analyticModelCsnCarriesAStarSchema() {
        JsonNode doc = read("SAP_CONTENT", "analyticmodels", "SALES_AM_ORDER_ITEMS");
        JsonNode model = doc.path("definitions").path("SALES_AM_ORDER_ITEMS");
        assertEquals("ANALYTICAL_CUBE", model.path("@ObjectModel.modelingPattern").path("#").asText());
        JsonNode gross = model.path("elements").path("GROSSAMOUNT");
        assertEquals("BASE", gross.path("@AnalyticsDetails.measureType").path("#").asText());
        assertEquals("SUM", gross.path("@Aggregation.default").path("#").asText());
        assertEquals("_Products", model.path("elements").path("PRODUCTID")
                .path("@ObjectModel.foreignKey.association").path("=").asText());
        JsonNode layer = doc.path("businessLayerDefinitions").path("SALES_AM_ORDER_ITEMS");
        assertEquals("SAP_SC_SALES_V_SalesOrderItems",
                layer.path("sourceModel").path("factSources").path("FACT").path("dataEntity").path("key").asText());
        assertEquals("SAP_SC_FI_V_ProductsDim", layer.path("sourceModel").path("dimensionSources")
                .path("_Products").path("dataEntity").path("key").asText());
        assertEquals("AnalyticModelMeasureType.FactSourceMeasure",
                layer.path("measures").path("GROSSAMOUNT").path("measureType").asText());

        JsonNode enrollment = read("SPACE_A", "analyticmodels", "ENROLLMENT_AM");
        assertTrue(enrollment.path("businessLayerDefinitions").path("ENROLLMENT_AM").path("variables").size() > 0);
    }

    @Test
    void aDataFlowIsListedAndReadLikeAReplicationFlow() {
        assertEquals(List.of("DF_LOAD_ENROLLMENT"), names("SPACE_A", "dataflows"));
        assertEquals(List.of(), names("SAP_CONTENT", "dataflows"));
        HttpResponse<String> response = client.get(ROOT + "SPACE_A/dataflows/DF_LOAD_ENROLLMENT", token, "Accept", CSN);
        assertEquals(200, response.statusCode());
        JsonNode flow = SimClient.json(response).path("dataflows").path("DF_LOAD_ENROLLMENT");
        assertEquals("sap.dis.dataflow", flow.path("kind").asText());
        JsonNode target = flow.path("contents").path("processes").path("target1");
        assertEquals("com.sap.database.table.producer", target.path("component").asText());
        assertEquals("COLLEGE_ENROLLMENT_RAW", target.path("metadata").path("config").path("dwcEntity").asText());
        assertEquals("CAMPUS_MSSQL", flow.path("contents").path("processes").path("source1").path("metadata")
                .path("config").path("hanaConnection").path("connectionID").asText());
    }

    @Test
    void anyOtherAcceptIs406() {
        String path = ROOT + "SAP_CONTENT/views/SAP_SC_SALES_V_SalesOrders";
        for (String accept : List.of("application/json", "*/*", "application/vnd.sap.datasphere.object.content.simplified+json")) {
            HttpResponse<String> response = client.get(path, token, "Accept", accept);
            assertEquals(406, response.statusCode(), accept);
            assertTrue(response.headers().firstValue("x-correlationid").isPresent());
            assertTrue(SimClient.json(response).path("details").path("message").asText().contains(CSN));
        }
        assertEquals(406, client.get(path, token).statusCode(), "no Accept header");
        assertEquals(200, client.get(path, token, "Accept", "application/json;q=0.5, " + CSN).statusCode());
    }

    @Test
    void objectsAreFoundOnlyUnderTheirOwnType() {
        assertEquals(404, client.get(ROOT + "SAP_CONTENT/views/SALES_AM_ORDER_ITEMS", token, "Accept", CSN).statusCode());
        assertEquals(404, client.get(ROOT + "SAP_CONTENT/views/NOPE", token, "Accept", CSN).statusCode());
        assertEquals(404, client.get(ROOT + "SAP_CONTENT/taskchains", token).statusCode());
        assertEquals(200, client.get(ROOT + "SAP_CONTENT/views/SAP.TIME.VIEW_DIMENSION_DAY/", token, "Accept", CSN)
                .statusCode());
        HttpResponse<String> missing = client.get(ROOT + "SPACE_A/localtables/BusinessPartners", token, "Accept", CSN);
        assertEquals(404, missing.statusCode());
        assertTrue(SimClient.json(missing).path("details").path("stack").asText().startsWith("See correlation id "));
    }

    @Test
    void theBearerTokenIsRequired() {
        HttpResponse<String> response = client.get(ROOT + "SAP_CONTENT/views", null);
        assertEquals(401, response.statusCode());
        assertEquals("Unauthorized", SimClient.json(response).path("details").path("message").asText());
        assertTrue(response.headers().firstValue("x-correlationid").isPresent());
    }
}
