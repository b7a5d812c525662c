package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every design-time list pages with {@code top} and {@code skip}, as the {@code datasphere} CLI sends them. */
class DesignTimePagingTest {

    private static final String VIEWS = "/dwaas-core/api/v1/spaces/GEN_SPACE_001/views";

    private static Tenant tenant;
    private static DatasphereSimulator simulator;
    private static SimClient client;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        tenant = Tenant.generated(1, 450, 11);
        simulator = DatasphereSimulator.start(SimulatorOptions.defaults().withTenant(tenant));
        client = new SimClient(simulator);
        token = client.token();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static List<String> names(String pathAndQuery) {
        JsonNode body = client.getJson(pathAndQuery, token);
        assertTrue(body.isArray(), body.toString());
        List<String> names = new ArrayList<>();
        body.forEach(row -> names.add(row.path("technicalName").asText()));
        return names;
    }

    @Test
    void withoutTopTheWholeListComesSortedByName() {
        List<String> all = names(VIEWS);

        assertTrue(all.size() > 250, "enough views to need two full pages: " + all.size());
        assertEquals(tenant.designObjects("GEN_SPACE_001", DesignObjectType.VIEWS), all);
        assertEquals(all.stream().sorted().toList(), all);
        assertEquals(all.subList(40, all.size()), names(VIEWS + "?skip=40"));
    }

    @Test
    void pagesOfTopFromSkipCoverTheListOnceInOrder() {
        List<String> all = names(VIEWS);
        List<String> paged = new ArrayList<>();
        for (int skip = 0; ; skip += 25) {
            List<String> page = names(VIEWS + "?top=25&skip=" + skip);
            assertTrue(page.size() <= 25);
            if (page.isEmpty()) {
                break;
            }
            paged.addAll(page);
        }
        assertEquals(all, paged);
        assertEquals(all.subList(3, 5), names(VIEWS + "?skip=3&top=2"));
        assertEquals(all.subList(0, 7), names(VIEWS + "?top=7"));
        assertEquals(List.of(), names(VIEWS + "?top=0"));
        assertEquals(List.of(), names(VIEWS + "?top=10&skip=" + all.size()));
        assertEquals(List.of(), names(VIEWS + "?skip=99999999999"));
    }

    @Test
    void topIsCappedAt200() {
        List<String> all = names(VIEWS);
        assertEquals(all.subList(0, 200), names(VIEWS + "?top=1000"));
        assertEquals(all.subList(10, 210), names(VIEWS + "?top=201&skip=10"));
        assertEquals(all.subList(0, 200), names(VIEWS + "?top=99999999999"));
    }

    @Test
    void everyTypeOfListPages() {
        String flows = "/dwaas-core/api/v1/spaces/GEN_SPACE_001/replicationflows";
        assertEquals(List.of("RF_GEN_SPACE_001_CDS_TO_S3", "RF_GEN_SPACE_001_TO_S3"), names(flows));
        assertEquals(List.of("RF_GEN_SPACE_001_TO_S3"), names(flows + "?top=1&skip=1"));
        List<String> models = names("/dwaas-core/api/v1/spaces/GEN_SPACE_001/analyticmodels");
        assertEquals(models.subList(1, 3), names("/dwaas-core/api/v1/spaces/GEN_SPACE_001/analyticmodels?top=2&skip=1"));
        assertEquals(List.of(), names("/dwaas-core/api/v1/spaces/GEN_SPACE_001/localtables?top=5"));
    }

    @Test
    void aCountThatIsNotANonNegativeIntegerIs400InTheDwaasShape() {
        for (String query : List.of("top=abc", "top=-1", "top=", "top=1.5", "top=%2B3", "skip=x", "skip=-5",
                "top=10&skip=ten")) {
            HttpResponse<String> response = client.get(VIEWS + "?" + query, token);

            assertEquals(400, response.statusCode(), query);
            String correlationId = response.headers().firstValue("x-correlationid").orElseThrow();
            JsonNode details = SimClient.json(response).path("details");
            assertTrue(details.path("message").asText().contains("expected a non-negative integer"), query);
            assertEquals("See correlation id " + correlationId, details.path("stack").asText());
        }
    }
}
