package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OData paging on a server limited to two rows a page; the sample tenant has seven assets. */
class CatalogPagingTest {

    private static final String ASSETS = "/api/v1/datasphere/consumption/catalog/assets";

    private static DatasphereSimulator simulator;
    private static SimClient client;
    private static String token;
    private static List<String> allNames;

    @BeforeAll
    static void start() throws Exception {
        simulator = DatasphereSimulator.start(SimulatorOptions.defaults().withMaxPageSize(2));
        client = new SimClient(simulator);
        token = client.token();
        allNames = Tenant.sample().allAssets().stream().map(SimAsset::name).toList();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void serverLimitAddsNextLinksUntilTheLastPage() {
        JsonNode first = client.getJson(ASSETS, token);
        assertEquals(2, first.path("value").size());
        assertEquals(simulator.baseUrl() + ASSETS + "?$skip=2", first.path("@odata.nextLink").asText());

        List<String> names = new ArrayList<>();
        int pages = 0;
        String next = ASSETS;
        while (next != null) {
            JsonNode page = client.getJson(next, token);
            page.path("value").forEach(a -> names.add(a.path("name").asText()));
            next = page.has("@odata.nextLink") ? page.path("@odata.nextLink").asText() : null;
            pages++;
        }
        assertEquals(4, pages);
        assertEquals(allNames, names);
    }

    @Test
    void aTopAboveTheServerLimitIsCarriedIntoTheNextLink() {
        JsonNode first = client.getJson(ASSETS + "?$top=3", token);
        assertEquals(2, first.path("value").size());
        String next = first.path("@odata.nextLink").asText();
        assertEquals(simulator.baseUrl() + ASSETS + "?$top=1&$skip=2", next);

        JsonNode second = client.getJson(next, token);
        assertEquals(1, second.path("value").size());
        assertEquals(allNames.get(2), second.path("value").get(0).path("name").asText());
        assertFalse(second.has("@odata.nextLink"));
    }

    @Test
    void clientDrivenPagingGetsNoNextLink() {
        JsonNode page = client.getJson(ASSETS + "?$top=2&$skip=2", token);
        assertEquals(List.of(allNames.get(2), allNames.get(3)), names(page));
        assertFalse(page.has("@odata.nextLink"));

        JsonNode last = client.getJson(ASSETS + "?$top=2&$skip=6", token);
        assertEquals(List.of(allNames.get(6)), names(last));
        assertFalse(last.has("@odata.nextLink"));

        JsonNode beyond = client.getJson(ASSETS + "?$top=2&$skip=50", token);
        assertEquals(0, beyond.path("value").size());
    }

    @Test
    void percentEncodedDollarSignsAreDecoded() {
        JsonNode page = client.getJson(ASSETS + "?%24top=1&%24skip=1", token);
        assertEquals(List.of(allNames.get(1)), names(page));
    }

    @Test
    void nextLinksKeepOtherOptions() {
        JsonNode first = client.getJson("/api/v1/dwc/catalog/spaces('SAP_CONTENT')/assets?$count=true", token);
        assertEquals(4, first.path("@odata.count").asInt());
        String next = first.path("@odata.nextLink").asText();
        assertTrue(next.startsWith(simulator.baseUrl() + "/api/v1/dwc/catalog/spaces('SAP_CONTENT')/assets?"), next);
        assertTrue(next.contains("$count=true"), next);
        assertTrue(next.endsWith("$skip=2"), next);
        JsonNode second = client.getJson(next, token);
        assertEquals(2, second.path("value").size());
        assertFalse(second.has("@odata.nextLink"));
    }

    @Test
    void invalidPagingValuesAre400() {
        assertEquals(400, client.get(ASSETS + "?$top=-1", token).statusCode());
        assertEquals(400, client.get(ASSETS + "?$skip=abc", token).statusCode());
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("value").forEach(a -> names.add(a.path("name").asText()));
        return names;
    }
}
