package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faults on one asset's metadata and catalog record, as a client sees them. */
class MetadataFaultsTest {

    private static final String ORDERS = "/api/v1/dwc/consumption/relational/SAP_CONTENT/SAP_SC_SALES_V_SalesOrders/";
    private static final String PRODUCTS = "/api/v1/datasphere/consumption/relational/SAP_CONTENT/SAP_SC_FI_V_ProductsDim/$metadata";

    private DatasphereSimulator simulator;
    private SimClient client;
    private String token;

    @BeforeEach
    void start() throws Exception {
        simulator = DatasphereSimulator.start(SimulatorOptions.defaults());
        client = new SimClient(simulator);
        token = client.token();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    /** A parser set up as a sync tool should set it up: no DOCTYPE at all. */
    private static void parseHardened(String xml) throws Exception {
        parse(xml, true);
    }

    /** A JDK parser with default settings. */
    private static void parseDefault(String xml) throws Exception {
        parse(xml, false);
    }

    private static void parse(String xml, boolean hardened) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", hardened);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new DefaultHandler() {
            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void malformedMetadataIsCutOffXml() throws Exception {
        String original = client.get(ORDERS + "$metadata", token).body();
        simulator.faults().malformedMetadata("SAP_CONTENT", "SAP_SC_SALES_V_SalesOrders");

        HttpResponse<String> response = client.get(ORDERS + "$metadata", token, "Accept", "application/xml");

        assertEquals(200, response.statusCode());
        assertEquals("application/xml", response.headers().firstValue("Content-Type").orElse(null));
        assertTrue(original.startsWith(response.body()) && response.body().length() < original.length());
        assertThrows(SAXParseException.class, () -> parseHardened(response.body()));
        assertThrows(SAXParseException.class, () -> parseDefault(response.body()));
        assertEquals(MetadataEndpoint.etag(response.body()), response.headers().firstValue("ETag").orElse(null));
        assertEquals(200, client.get(PRODUCTS, token).statusCode());
        CsdlShape.parse(client.get(PRODUCTS, token).body());
        assertEquals(1, simulator.stats().injectedMetadataFaults());
    }

    @Test
    void xxeMetadataDeclaresAFileEntityUsedInALabel() throws Exception {
        simulator.faults().hostileMetadata("SAP_CONTENT", "SAP_SC_FI_V_ProductsDim", Faults.Hostile.XXE_FILE);

        HttpResponse<String> response = client.get(PRODUCTS, token);

        assertEquals(200, response.statusCode());
        String body = response.body();
        assertTrue(body.startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE edmx:Edmx ["), body);
        assertTrue(body.contains("<!ENTITY xxe SYSTEM \"file:///etc/passwd\">"));
        assertTrue(body.contains("<Annotation Term=\"Common.Label\"><String>&xxe;</String></Annotation>"));
        assertFalse(body.contains("String=\"Products\""), "the entity label is the one replaced");
        SAXParseException refused = assertThrows(SAXParseException.class, () -> parseHardened(body));
        assertTrue(refused.getMessage().contains("DOCTYPE"), refused.getMessage());
        assertEquals(1, simulator.stats().injectedMetadataFaults());
    }

    @Test
    void billionLaughsMetadataNestsEntitiesThatAJdkParserRefusesToExpand() throws Exception {
        simulator.faults().hostileMetadata("SAP_CONTENT", "SAP_SC_FI_V_ProductsDim", Faults.Hostile.BILLION_LAUGHS);

        String body = client.get(PRODUCTS, token).body();

        assertTrue(body.contains("<!ENTITY lol \"lol\">"));
        assertTrue(body.contains("<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">"));
        assertTrue(body.contains("<String>&lol9;</String>"));
        assertThrows(SAXParseException.class, () -> parseHardened(body));
        // Even a default JDK parser stops at its entity expansion limit instead of building 3 GB of "lol".
        assertThrows(SAXParseException.class, () -> parseDefault(body));
    }

    @Test
    void externalDtdMetadataPointsAtAnUnreachableHost() throws Exception {
        simulator.faults().hostileMetadata("SAP_CONTENT", "SAP_SC_FI_V_ProductsDim", Faults.Hostile.EXTERNAL_DTD);

        String body = client.get(PRODUCTS, token).body();

        assertTrue(body.contains("<!DOCTYPE edmx:Edmx SYSTEM \"http://127.0.0.1:1/evil.dtd\">"), body);
        assertTrue(body.contains("<Annotation Term=\"Common.Label\" String=\"Products\"/>"), "rest unchanged");
        assertThrows(SAXParseException.class, () -> parseHardened(body));
    }

    @Test
    void foreignMetadataHostRewritesOnlyThatAssetsCatalogUrls() {
        simulator.faults().foreignMetadataHost("SAP_CONTENT", "SAP_SC_SALES_V_SalesOrders", "http://127.0.0.2:9/");

        JsonNode record = client.getJson("/api/v1/dwc/catalog/spaces('SAP_CONTENT')/assets('SAP_SC_SALES_V_SalesOrders')",
                token);
        assertEquals("http://127.0.0.2:9" + ORDERS + "$metadata", record.path("assetRelationalMetadataUrl").asText());
        assertEquals("http://127.0.0.2:9" + ORDERS, record.path("assetRelationalDataUrl").asText());
        assertTrue(record.path("assetAnalyticalMetadataUrl").isNull());
        for (JsonNode asset : client.getJson("/api/v1/dwc/catalog/assets", token).path("value")) {
            String url = asset.path("assetRelationalMetadataUrl").asText(asset.path("assetAnalyticalMetadataUrl").asText());
            boolean foreign = asset.path("name").asText().equals("SAP_SC_SALES_V_SalesOrders");
            assertEquals(foreign, url.startsWith("http://127.0.0.2:9/"), url);
            assertEquals(!foreign, url.startsWith(simulator.baseUrl() + "/"), url);
        }
        assertEquals(200, client.get(ORDERS + "$metadata", token).statusCode(), "the simulator still serves it");
    }

    @Test
    void metadataChangedAddsAColumnAndChangesTheEtag() throws Exception {
        HttpResponse<String> before = client.get(ORDERS + "$metadata", token);
        String oldEtag = before.headers().firstValue("ETag").orElseThrow();

        simulator.faults().metadataChanged("SAP_CONTENT", "SAP_SC_SALES_V_SalesOrders");

        HttpResponse<String> after = client.get(ORDERS + "$metadata", token, "If-None-Match", oldEtag);
        assertEquals(200, after.statusCode(), "the old ETag no longer matches");
        String newEtag = after.headers().firstValue("ETag").orElseThrow();
        assertNotEquals(oldEtag, newEtag);
        assertEquals(newEtag, client.getJson(ORDERS, token).path("@odata.metadataEtag").asText());
        CsdlShape shape = CsdlShape.parse(after.body());
        Element added = CsdlShape.elements(shape.entityType, CsdlShape.EDM, "Property").stream()
                .filter(p -> p.getAttribute("Name").equals("SYNC_TEST_COL")).findFirst().orElseThrow();
        assertEquals("Edm.String", added.getAttribute("Type"));
        assertEquals("20", added.getAttribute("MaxLength"));
        assertEquals("Sync test column", shape.annotations
                .get("StandaloneService.SAP_SC_SALES_V_SalesOrders/SYNC_TEST_COL").get("Common.Label"));
        assertEquals(304, client.get(ORDERS + "$metadata", token, "If-None-Match", newEtag).statusCode());
        JsonNode csn = SimClient.json(client.get("/dwaas-core/api/v1/spaces/SAP_CONTENT/views/SAP_SC_SALES_V_SalesOrders",
                token, "Accept", DesignTimeEndpoint.CSN_TYPE));
        JsonNode column = csn.path("definitions").path("SAP_SC_SALES_V_SalesOrders").path("elements").path("SYNC_TEST_COL");
        assertEquals("cds.String", column.path("type").asText());
        assertEquals(20, column.path("length").asInt());

        simulator.faults().metadataChanged("SAP_CONTENT", "SAP_SC_SALES_V_SalesOrders");
        String thirdEtag = client.get(ORDERS + "$metadata", token).headers().firstValue("ETag").orElseThrow();
        assertNotEquals(newEtag, thirdEtag);
        assertNotEquals(oldEtag, thirdEtag);

        simulator.faults().clear();
        assertEquals(304, client.get(ORDERS + "$metadata", token, "If-None-Match", oldEtag).statusCode());
    }

    @Test
    void metadataChangedWorksOnAnalyticalDocumentsToo() throws Exception {
        String path = "/api/v1/datasphere/consumption/analytical/SAP_CONTENT/SALES_AM_ORDER_ITEMS/$metadata";
        simulator.faults().metadataChanged("SAP_CONTENT", "SALES_AM_ORDER_ITEMS");
        CsdlShape shape = CsdlShape.parse(client.get(path, token).body());
        assertTrue(shape.annotations.containsKey("InaApplicationService.SALES_AM_ORDER_ITEMS/SYNC_TEST_COL"));
    }
}
