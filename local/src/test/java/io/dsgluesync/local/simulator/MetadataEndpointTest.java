package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetadataEndpointTest {

    private static final String DAY_VIEW = "/consumption/relational/SAP_CONTENT/SAP.TIME.VIEW_DIMENSION_DAY/$metadata";

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
    void metadataIsXmlWithAnEtagOfItsBody() throws Exception {
        HttpResponse<String> response = client.get("/api/v1/dwc" + DAY_VIEW, token, "Accept", "application/xml");

        assertEquals(200, response.statusCode());
        assertEquals("application/xml", response.headers().firstValue("Content-Type").orElse(null));
        assertEquals("4.0", response.headers().firstValue("OData-Version").orElse(null));
        assertTrue(response.body().startsWith("<?xml"));
        assertTrue(response.body().contains("<EntitySet Name=\"SAP_TIME_VIEW_DIMENSION_DAY\""));
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(response.body().getBytes(StandardCharsets.UTF_8));
        assertEquals("W/\"" + Base64.getEncoder().encodeToString(digest) + "\"",
                response.headers().firstValue("ETag").orElse(null));
    }

    @Test
    void bothPrefixesServeTheSameDocument() {
        HttpResponse<String> dwc = client.get("/api/v1/dwc" + DAY_VIEW, token);
        HttpResponse<String> datasphere = client.get("/api/v1/datasphere" + DAY_VIEW, token);
        HttpResponse<String> encoded = client.get(
                "/api/v1/datasphere/consumption/relational/SAP_CONTENT/SAP.TIME.VIEW_DIMENSION_DAY/%24metadata", token);

        assertEquals(200, datasphere.statusCode());
        assertEquals(dwc.body(), datasphere.body());
        assertEquals(dwc.body(), encoded.body());
    }

    @Test
    void matchingIfNoneMatchGives304WithoutABody() {
        String etag = client.get("/api/v1/dwc" + DAY_VIEW, token).headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> unchanged = client.get("/api/v1/dwc" + DAY_VIEW, token, "If-None-Match", etag);
        HttpResponse<String> changed = client.get("/api/v1/dwc" + DAY_VIEW, token, "If-None-Match", "W/\"other\"");

        assertEquals(304, unchanged.statusCode());
        assertEquals("", unchanged.body());
        assertEquals(etag, unchanged.headers().firstValue("ETag").orElse(null));
        assertEquals(200, changed.statusCode());
    }

    @Test
    void aJsonOnlyAcceptHeaderGets406() {
        HttpResponse<String> json = client.get("/api/v1/dwc" + DAY_VIEW, token, "Accept", "application/json");
        HttpResponse<String> mixed = client.get("/api/v1/dwc" + DAY_VIEW, token, "Accept",
                "application/json, application/xml;q=0.9");
        HttpResponse<String> any = client.get("/api/v1/dwc" + DAY_VIEW, token, "Accept", "*/*");

        assertEquals(406, json.statusCode());
        assertEquals("406", SimClient.json(json).path("error").path("code").asText());
        assertEquals(200, mixed.statusCode());
        assertEquals(200, any.statusCode());
    }

    @Test
    void missingDocumentsAnswerLikeTheTenant() {
        String root = "/api/v1/datasphere/consumption/";
        HttpResponse<String> analyticalOfView = client.get(root + "analytical/SAP_CONTENT/SAP_SC_SALES_V_SalesOrders/$metadata", token);
        HttpResponse<String> relationalOfModel = client.get(root + "relational/SAP_CONTENT/SALES_AM_ORDER_ITEMS/$metadata", token);
        HttpResponse<String> unknownAsset = client.get(root + "relational/SAP_CONTENT/NOPE/$metadata", token);
        HttpResponse<String> unknownSpace = client.get(root + "relational/NOPE/NOPE/$metadata", token);

        assertEquals(400, analyticalOfView.statusCode());
        assertEquals("400", SimClient.json(analyticalOfView).path("error").path("code").asText());
        assertEquals(404, relationalOfModel.statusCode());
        assertEquals(404, unknownAsset.statusCode());
        assertEquals(404, unknownSpace.statusCode());
    }

    @Test
    void everyMetadataUrlInTheCatalogAnswersXml() {
        JsonNode assets = client.getJson("/api/v1/dwc/catalog/assets", token).path("value");
        int documents = 0;
        for (JsonNode asset : assets) {
            for (String field : List.of("assetRelationalMetadataUrl", "assetAnalyticalMetadataUrl")) {
                if (asset.path(field).isNull()) {
                    continue;
                }
                HttpResponse<String> response = client.get(asset.path(field).asText(), token, "Accept",
                        "application/xml");
                assertEquals(200, response.statusCode(), asset.path(field).asText());
                assertTrue(response.body().contains("<edmx:Edmx Version=\"4.0\""));
                documents++;
            }
        }
        assertEquals(8, documents);
        assertTrue(simulator.stats().metadataRequests() >= 8);
    }

    @Test
    void theServiceRootIsAServiceDocumentWithTheMetadataEtag() {
        String dataUrl = client.getJson("/api/v1/dwc/catalog/spaces('SAP_CONTENT')/assets('SAP.TIME.VIEW_DIMENSION_DAY')",
                token).path("assetRelationalDataUrl").asText();
        String etag = client.get("/api/v1/dwc" + DAY_VIEW, token).headers().firstValue("ETag").orElseThrow();

        JsonNode service = client.getJson(dataUrl, token);

        assertEquals(dataUrl + "$metadata", service.path("@odata.context").asText());
        assertEquals(etag, service.path("@odata.metadataEtag").asText());
        assertEquals("SAP_TIME_VIEW_DIMENSION_DAY", service.path("value").get(0).path("name").asText());
    }
}
