package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogEndpointTest {

    private static final String DWC = "/api/v1/dwc/catalog";
    private static final String DSP = "/api/v1/datasphere/consumption/catalog";
    private static final Set<String> ASSET_FIELDS = Set.of("name", "label", "spaceName", "assetRelationalMetadataUrl",
            "assetRelationalDataUrl", "assetAnalyticalMetadataUrl", "assetAnalyticalDataUrl",
            "supportsAnalyticalQueries", "hasParameters");

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

    @Test
    void bothPrefixesListTheSpaces() {
        for (String prefix : List.of(DWC, DSP)) {
            HttpResponse<String> response = client.get(prefix + "/spaces", token);

            assertEquals(200, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
            assertEquals("4.0", response.headers().firstValue("OData-Version").orElse(null));
            JsonNode body = SimClient.json(response);
            assertEquals(simulator.baseUrl() + prefix + "/$metadata#spaces", body.path("@odata.context").asText());
            assertEquals(2, body.path("value").size());
            assertEquals("SAP_CONTENT", body.path("value").get(0).path("name").asText());
            assertEquals("SAP Content", body.path("value").get(0).path("label").asText());
            assertEquals("SPACE_A", body.path("value").get(1).path("name").asText());
            assertEquals("Space A", body.path("value").get(1).path("label").asText());
            assertFalse(body.has("@odata.nextLink"));
        }
    }

    @Test
    void aSingleSpaceIsABareEntity() {
        JsonNode body = client.getJson(DWC + "/spaces('SPACE_A')", token);

        assertFalse(body.has("value"));
        assertTrue(body.path("@odata.context").asText().endsWith("#spaces/$entity"));
        assertEquals("SPACE_A", body.path("name").asText());
        assertEquals("Space A", body.path("label").asText());
    }

    @Test
    void unknownSpacesAndPathsAre404WithAnODataError() {
        HttpResponse<String> space = client.get(DSP + "/spaces('NOPE')/assets", token);
        HttpResponse<String> path = client.get("/api/v1/catalog/Assets", token);

        assertEquals(404, space.statusCode());
        assertEquals("404", SimClient.json(space).path("error").path("code").asText());
        assertEquals("Space 'NOPE' not found", SimClient.json(space).path("error").path("message").asText());
        assertEquals(404, path.statusCode());
        assertEquals("404", SimClient.json(path).path("error").path("code").asText());
    }

    @Test
    void assetRecordsCarryExactlyTheCatalogFieldsWithUrlsMatchingTheirKind() {
        JsonNode body = client.getJson(DSP + "/spaces('SAP_CONTENT')/assets", token);
        assertTrue(body.path("@odata.context").asText().endsWith("#assets"));
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode asset : body.path("value")) {
            Set<String> fields = new TreeSet<>();
            asset.fieldNames().forEachRemaining(fields::add);
            assertEquals(new TreeSet<>(ASSET_FIELDS), fields);
            assertEquals("SAP_CONTENT", asset.path("spaceName").asText());
            byName.put(asset.path("name").asText(), asset);
        }
        assertEquals(Set.of("SAP.TIME.VIEW_DIMENSION_DAY", "SAP_SC_SALES_V_SalesOrders", "SAP_SC_FI_V_ProductsDim",
                "SALES_AM_ORDER_ITEMS"), byName.keySet());

        JsonNode view = byName.get("SAP.TIME.VIEW_DIMENSION_DAY");
        assertEquals("Time Dimension - Day", view.path("label").asText());
        assertEquals(simulator.baseUrl()
                        + "/api/v1/dwc/consumption/relational/SAP_CONTENT/SAP.TIME.VIEW_DIMENSION_DAY/$metadata",
                view.path("assetRelationalMetadataUrl").asText());
        assertEquals(simulator.baseUrl() + "/api/v1/dwc/consumption/relational/SAP_CONTENT/SAP.TIME.VIEW_DIMENSION_DAY/",
                view.path("assetRelationalDataUrl").asText());
        assertTrue(view.path("assetAnalyticalMetadataUrl").isNull());
        assertTrue(view.path("assetAnalyticalDataUrl").isNull());
        assertFalse(view.path("supportsAnalyticalQueries").asBoolean());

        JsonNode model = byName.get("SALES_AM_ORDER_ITEMS");
        assertTrue(model.path("assetRelationalMetadataUrl").isNull());
        assertTrue(model.path("assetRelationalDataUrl").isNull());
        assertEquals(simulator.baseUrl()
                        + "/api/v1/datasphere/consumption/analytical/SAP_CONTENT/SALES_AM_ORDER_ITEMS/$metadata",
                model.path("assetAnalyticalMetadataUrl").asText());
        assertTrue(model.path("supportsAnalyticalQueries").asBoolean());

        JsonNode products = byName.get("SAP_SC_FI_V_ProductsDim");
        assertTrue(products.path("assetRelationalMetadataUrl").asText().contains("/api/v1/datasphere/consumption/"));
    }

    @Test
    void analyticalDatasetsHaveBothServicesAndParametersAreFlagged() {
        JsonNode body = client.getJson(DWC + "/spaces('SPACE_A')/assets", token);
        JsonNode dataset = body.path("value").get(0);
        assertEquals("CollegeEnrollment", dataset.path("name").asText());
        assertFalse(dataset.path("assetRelationalMetadataUrl").isNull());
        assertFalse(dataset.path("assetAnalyticalMetadataUrl").isNull());
        assertTrue(dataset.path("supportsAnalyticalQueries").asBoolean());
        assertTrue(body.path("value").get(1).path("hasParameters").asBoolean());
        assertFalse(dataset.path("hasParameters").asBoolean());
    }

    @Test
    void aSingleAssetIsABareEntityAndAcceptsEncodedDottedNames() {
        JsonNode plain = client.getJson(DSP + "/spaces('SAP_CONTENT')/assets('SAP.TIME.VIEW_DIMENSION_DAY')", token);
        JsonNode encoded = client.getJson(
                DWC + "/spaces(%27SAP_CONTENT%27)/assets(%27SAP.TIME.VIEW_DIMENSION_DAY%27)", token);

        for (JsonNode body : List.of(plain, encoded)) {
            assertFalse(body.has("value"));
            assertTrue(body.path("@odata.context").asText().endsWith("#assets/$entity"));
            assertEquals("SAP.TIME.VIEW_DIMENSION_DAY", body.path("name").asText());
            assertEquals("Time Dimension - Day", body.path("label").asText());
        }
        assertEquals(404, client.get(DWC + "/spaces('SAP_CONTENT')/assets('NOPE')", token).statusCode());
    }

    @Test
    void allAssetsAndTheCompoundKeyForm() {
        JsonNode all = client.getJson(DWC + "/assets", token);
        JsonNode one = client.getJson(DWC + "/assets(spaceName='SPACE_A',name='ENROLLMENT_AM')", token);
        JsonNode docForm = client.getJson(DSP + "/assets(space_name='SPACE_A',name='ENROLLMENT_AM')", token);

        assertEquals(7, all.path("value").size());
        List<String> spaces = new ArrayList<>();
        all.path("value").forEach(a -> spaces.add(a.path("spaceName").asText()));
        assertEquals(List.of("SAP_CONTENT", "SAP_CONTENT", "SAP_CONTENT", "SAP_CONTENT", "SPACE_A", "SPACE_A",
                "SPACE_A"), spaces);
        assertEquals("Enrollment Analytics", one.path("label").asText());
        assertEquals("ENROLLMENT_AM", docForm.path("name").asText());
    }

    @Test
    void filterOnSpaceNameAsSapsConnectorSendsIt() {
        JsonNode body = client.getJson(DWC + "/assets?$filter=spaceName%20eq%20'SPACE_A'", token);
        HttpResponse<String> unknownField = client.get(DWC + "/assets?$filter=exposedForConsumption%20eq%20'true'",
                token);

        assertEquals(3, body.path("value").size());
        body.path("value").forEach(a -> assertEquals("SPACE_A", a.path("spaceName").asText()));
        assertEquals(400, unknownField.statusCode());
    }

    @Test
    void quotesInNamesAreDoubledInsideKeyPredicates() throws Exception {
        Tenant tenant = Tenant.of(List.of(new SimSpace("O'HARA", "Quoted")), List.of(SimAsset.of("IT'S.VIEW", "Quoted view",
                "O'HARA", AssetKind.VIEW, ApiPrefix.DATASPHERE, "<x/>", null, false)));
        try (DatasphereSimulator quoted = DatasphereSimulator.start(SimulatorOptions.defaults().withTenant(tenant))) {
            SimClient quotedClient = new SimClient(quoted);
            JsonNode body = quotedClient.getJson(DWC + "/spaces('O''HARA')/assets(%27IT%27%27S.VIEW%27)",
                    quotedClient.token());

            assertEquals("IT'S.VIEW", body.path("name").asText());
            assertEquals(quoted.baseUrl() + "/api/v1/datasphere/consumption/relational/O%27HARA/IT%27S.VIEW/$metadata",
                    body.path("assetRelationalMetadataUrl").asText());
            HttpResponse<String> metadata = quotedClient.get(body.path("assetRelationalMetadataUrl").asText(),
                    quotedClient.token());
            assertEquals(200, metadata.statusCode());
            assertEquals("<x/>", metadata.body());
        }
    }

    @Test
    void statsCountCatalogRequests() {
        long before = simulator.stats().catalogRequests();
        client.getJson(DWC + "/spaces", token);
        client.getJson(DSP + "/spaces", token);
        assertTrue(simulator.stats().catalogRequests() >= before + 2);
        assertTrue(simulator.stats().requestsTotal() >= simulator.stats().catalogRequests());
    }
}
