package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sample tenant's replication flows through the design-time API: lists, definitions and errors. */
class ReplicationFlowEndpointTest {

    private static final String ROOT = "/dwaas-core/api/v1/spaces/";
    private static final String CSN = DesignTimeEndpoint.CSN_TYPE;
    /** Target settings SAP offers for cloud storage, by our inferred property key. */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            ReplicationFlow.FILE_TYPE, Set.of("PARQUET", "CSV", "JSON", "JSONLINES"),
            ReplicationFlow.GROUP_DELTA_BY, Set.of("NONE", "DATE", "HOUR"),
            ReplicationFlow.COMPRESSION, Set.of("NONE", "GZIP", "SNAPPY"),
            ReplicationFlow.CSV_DELIMITER, Set.of(",", ":", "|", ";", "\t"),
            ReplicationFlow.CSV_HEADER_LINE, Set.of("true", "false"));

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

    private static List<String> flowNames(String space) {
        JsonNode body = client.getJson(ROOT + space + "/replicationflows", token);
        assertTrue(body.isArray(), body.toString());
        List<String> names = new ArrayList<>();
        body.forEach(row -> names.add(row.path("technicalName").asText()));
        return names;
    }

    /** The flow's {@code contents}, after checking the envelope every flow definition has. */
    private static JsonNode contents(String space, String name) {
        HttpResponse<String> response = client.get(ROOT + space + "/replicationflows/" + name, token, "Accept", CSN);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(CSN, response.headers().firstValue("Content-Type").orElse(null));
        JsonNode root = SimClient.json(response);
        assertEquals(List.of("replicationflows"), fieldNames(root));
        assertEquals(List.of(name), fieldNames(root.path("replicationflows")));
        JsonNode flow = root.path("replicationflows").path(name);
        assertEquals("sap.dis.replicationflow", flow.path("kind").asText());
        assertFalse(flow.path("@EndUserText.label").asText().isEmpty(), name);
        JsonNode contents = flow.path("contents");
        assertEquals(name, contents.path("description").asText());
        assertEquals(1, contents.path("sourceSystem").size(), name);
        assertEquals(1, contents.path("targetSystem").size(), name);
        for (JsonNode system : List.of(contents.path("sourceSystem").get(0), contents.path("targetSystem").get(0))) {
            assertTrue(system.path("container").asText().startsWith("/"), system.toString());
            assertEquals(10, system.path("maxConnections").asInt());
            assertTrue(system.path("metadata").isObject());
        }
        assertTrue(contents.path("replicationTasks").size() > 0, name);
        for (JsonNode task : contents.path("replicationTasks")) {
            assertTrue(task.path("name").asText().startsWith("replicationtask"), task.toString());
            assertTrue(Set.of("INITIAL", "REPLICATE").contains(task.path("loadType").asText()), task.toString());
            assertEquals(50, task.path("priority").asInt());
            assertFalse(task.path("truncate").asBoolean(true));
            assertFalse(task.path("sourceObject").path("name").asText().isEmpty());
            assertFalse(task.path("targetObject").path("name").asText().isEmpty());
        }
        return contents;
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Every S3 setting a flow or task sets is one SAP offers. */
    static void checkS3Properties(JsonNode properties) {
        properties.fields().forEachRemaining(p -> assertTrue(ALLOWED.get(p.getKey()).contains(p.getValue().asText()),
                p.getKey() + "=" + p.getValue()));
    }

    @Test
    void eachSpaceListsItsFlowsSortedByName() {
        assertEquals(List.of("RF_SALES_TO_BQ", "RF_SALES_TO_S3"), flowNames("SAP_CONTENT"));
        assertEquals(List.of("RF_S4_MASTER_DATA", "RF_UNMAPPED_CONNECTION"), flowNames("SPACE_A"));
        assertEquals(404, client.get("/api/v1/dwc/catalog/spaces('SAP_CONTENT')/assets('RF_SALES_TO_S3')", token)
                .statusCode(), "flows are not catalog assets");
    }

    @Test
    void theSalesFlowReplicatesAViewAsParquetAndALocalTableAsCsv() {
        JsonNode contents = contents("SAP_CONTENT", "RF_SALES_TO_S3");

        JsonNode source = contents.path("sourceSystem").get(0);
        assertEquals("$DWC", source.path("connectionId").asText());
        assertEquals("DWC", source.path("connectionType").asText());
        assertEquals("/SAP_CONTENT", source.path("container").asText());
        JsonNode target = contents.path("targetSystem").get(0);
        assertEquals("S3_DATALAKE", target.path("connectionId").asText());
        assertEquals("S3", target.path("connectionType").asText());
        assertEquals("/datasphere/replicated", target.path("container").asText());
        JsonNode properties = target.path("properties");
        assertEquals("PARQUET", properties.path(ReplicationFlow.FILE_TYPE).asText());
        assertEquals("NONE", properties.path(ReplicationFlow.GROUP_DELTA_BY).asText());
        assertEquals("SNAPPY", properties.path(ReplicationFlow.COMPRESSION).asText());
        checkS3Properties(properties);

        JsonNode orders = contents.path("replicationTasks").get(0);
        assertEquals("REPLICATE", orders.path("loadType").asText());
        assertEquals("SAP_SC_SALES_V_SalesOrders", orders.path("sourceObject").path("name").asText());
        assertEquals("SALES_ORDERS", orders.path("targetObject").path("name").asText());
        assertTrue(orders.path("targetObject").path("properties").isMissingNode(), "inherits the flow's Parquet");
        JsonNode time = contents.path("replicationTasks").get(1);
        assertEquals("INITIAL", time.path("loadType").asText());
        assertEquals("SAP.TIME.M_TIME_DIMENSION", time.path("sourceObject").path("name").asText());
        assertEquals("TIME_DIMENSION", time.path("targetObject").path("name").asText());
        JsonNode csv = time.path("targetObject").path("properties");
        assertEquals(Map.of(ReplicationFlow.FILE_TYPE, "CSV", ReplicationFlow.CSV_DELIMITER, ";",
                ReplicationFlow.CSV_HEADER_LINE, "true"), SimClient.JSON.convertValue(csv, Map.class));
        assertEquals(2, contents.path("replicationTasks").size());
        assertEquals(200, client.get(ROOT + "SAP_CONTENT/localtables/SAP.TIME.M_TIME_DIMENSION", token, "Accept", CSN)
                .statusCode(), "the local table it reads exists");
    }

    @Test
    void theBigQueryFlowTargetsANonS3Connection() {
        JsonNode contents = contents("SAP_CONTENT", "RF_SALES_TO_BQ");
        JsonNode target = contents.path("targetSystem").get(0);
        assertEquals("BQ_ANALYTICS", target.path("connectionId").asText());
        assertEquals("BIGQUERY", target.path("connectionType").asText());
        assertEquals(1, contents.path("replicationTasks").size());
    }

    @Test
    void theS4FlowCarriesColumnsForOneCdsViewAndNotForTheOther() {
        JsonNode contents = contents("SPACE_A", "RF_S4_MASTER_DATA");
        JsonNode source = contents.path("sourceSystem").get(0);
        assertEquals("S4H_CDS", source.path("connectionId").asText());
        assertEquals("ABAP", source.path("connectionType").asText());
        assertEquals("/CDS_EXTRACTION", source.path("container").asText());
        JsonNode target = contents.path("targetSystem").get(0);
        assertEquals("S3_DATALAKE", target.path("connectionId").asText());
        assertEquals("/s4/cds", target.path("container").asText());
        assertEquals(Map.of(ReplicationFlow.FILE_TYPE, "PARQUET", ReplicationFlow.GROUP_DELTA_BY, "NONE"),
                SimClient.JSON.convertValue(target.path("properties"), Map.class));

        JsonNode customer = contents.path("replicationTasks").get(0);
        assertEquals("I_CUSTOMER", customer.path("sourceObject").path("name").asText());
        assertEquals("I_CUSTOMER", customer.path("targetObject").path("name").asText());
        assertEquals("REPLICATE", customer.path("loadType").asText());
        JsonNode elements = customer.path("targetObject").path("definition").path("elements");
        assertEquals(List.of("Customer", "CustomerName", "CreationDate", "CreditLimitAmount", "DeletionIndicator",
                "LastChangeDateTime", "NumberOfEmployees", "ChangeSequenceNumber", "LogoImage"), fieldNames(elements));
        JsonNode key = elements.path("Customer");
        assertEquals("cds.String", key.path("type").asText());
        assertEquals(10, key.path("length").asInt());
        assertTrue(key.path("key").asBoolean());
        assertEquals("Customer", key.path("@EndUserText.label").asText());
        assertEquals(80, elements.path("CustomerName").path("length").asInt());
        assertEquals(15, elements.path("CreditLimitAmount").path("precision").asInt());
        assertEquals(2, elements.path("CreditLimitAmount").path("scale").asInt());
        List<String> types = new ArrayList<>();
        elements.forEach(e -> {
            types.add(e.path("type").asText());
            assertFalse(e.path("@EndUserText.label").asText().isEmpty(), e.toString());
        });
        assertEquals(List.of("cds.String", "cds.String", "cds.Date", "cds.Decimal", "cds.Boolean", "cds.Timestamp",
                "cds.Integer", "cds.Integer64", "cds.Binary"), types);

        JsonNode supplier = contents.path("replicationTasks").get(1);
        assertEquals("I_SUPPLIER", supplier.path("targetObject").path("name").asText());
        assertEquals("INITIAL", supplier.path("loadType").asText());
        assertTrue(supplier.path("targetObject").path("definition").isMissingNode(), "no columns for I_SUPPLIER");
    }

    @Test
    void theUnmappedFlowWritesToAnotherS3Connection() {
        JsonNode contents = contents("SPACE_A", "RF_UNMAPPED_CONNECTION");
        assertEquals("$DWC", contents.path("sourceSystem").get(0).path("connectionId").asText());
        JsonNode target = contents.path("targetSystem").get(0);
        assertEquals("S3_ARCHIVE", target.path("connectionId").asText());
        assertEquals("S3", target.path("connectionType").asText());
        checkS3Properties(target.path("properties"));
        JsonNode task = contents.path("replicationTasks").get(0);
        assertEquals("SAP_TEL_CVM_IL_SERVICE_USAGE", task.path("sourceObject").path("name").asText());
        assertTrue(Tenant.sample().asset("SPACE_A", "SAP_TEL_CVM_IL_SERVICE_USAGE").isPresent());
    }

    @Test
    void aFlowIsReadOnlyWithTheContentMediaType() {
        String path = ROOT + "SAP_CONTENT/replicationflows/RF_SALES_TO_S3";
        for (String accept : List.of("application/json", "*/*")) {
            HttpResponse<String> response = client.get(path, token, "Accept", accept);
            assertEquals(406, response.statusCode(), accept);
            assertTrue(SimClient.json(response).path("details").path("message").asText().contains(CSN));
        }
        assertEquals(406, client.get(path, token).statusCode(), "no Accept header");
    }

    @Test
    void unknownFlowsAndFlowsUnderOtherTypesAre404() {
        HttpResponse<String> unknown = client.get(ROOT + "SAP_CONTENT/replicationflows/RF_NOPE", token, "Accept", CSN);
        assertEquals(404, unknown.statusCode());
        assertEquals("Object 'RF_NOPE' of type 'replicationflows' not found in space 'SAP_CONTENT'",
                SimClient.json(unknown).path("details").path("message").asText());
        assertTrue(unknown.headers().firstValue("x-correlationid").isPresent());
        assertEquals(404, client.get(ROOT + "SPACE_A/replicationflows/RF_SALES_TO_S3", token, "Accept", CSN)
                .statusCode(), "flows belong to one space");
        assertEquals(404, client.get(ROOT + "SAP_CONTENT/views/RF_SALES_TO_S3", token, "Accept", CSN).statusCode());
        assertEquals(404, client.get(ROOT + "NOPE/replicationflows", token).statusCode());
    }
}
