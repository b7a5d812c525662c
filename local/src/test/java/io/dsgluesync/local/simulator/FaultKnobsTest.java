package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Request-level faults of {@link Faults}, as a client sees them, switched while the simulator runs. */
class FaultKnobsTest {

    private static final String SPACES = "/api/v1/datasphere/consumption/catalog/spaces";
    private static final String METADATA = "/api/v1/dwc/consumption/relational/SPACE_A/CollegeEnrollment/$metadata";
    private static final String CSN_LIST = "/dwaas-core/api/v1/spaces/SPACE_A/views";

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

    @Test
    void latencyDelaysApiResponsesUntilSwitchedOff() {
        simulator.faults().latency(Duration.ofMillis(400));
        for (String path : List.of(SPACES, METADATA, CSN_LIST)) {
            long started = System.nanoTime();
            assertEquals(200, client.get(path, token).statusCode());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 400, path);
        }
        assertEquals(3, simulator.stats().delayedResponses());

        simulator.faults().latency(Duration.ZERO);
        long started = System.nanoTime();
        assertEquals(200, client.get(SPACES, token).statusCode());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 400);
        assertEquals(3, simulator.stats().delayedResponses());
    }

    @Test
    void serverErrorRateAnswers503DeterministicallyForASeed() throws Exception {
        simulator.faults().serverErrorRate(0.3, 11);
        List<Integer> first = statuses(client, token, 40);
        try (DatasphereSimulator other = DatasphereSimulator.start(SimulatorOptions.defaults())) {
            SimClient otherClient = new SimClient(other);
            String otherToken = otherClient.token();
            other.faults().serverErrorRate(0.3, 11);
            assertEquals(first, statuses(otherClient, otherToken, 40));
            other.faults().serverErrorRate(0.3, 12);
            assertNotEquals(first, statuses(otherClient, otherToken, 40));
        }
        long failures = first.stream().filter(s -> s == 503).count();
        assertTrue(failures >= 4 && failures <= 24, first.toString());
        assertTrue(first.stream().allMatch(s -> s == 200 || s == 503), first.toString());
        assertEquals(failures, simulator.stats().injectedErrors());

        simulator.faults().serverErrorRate(1.0, 1);
        HttpResponse<String> catalog = client.get(SPACES, token);
        assertEquals(503, catalog.statusCode());
        assertEquals("503", SimClient.json(catalog).path("error").path("code").asText());
        assertEquals(503, client.get(METADATA, token).statusCode());
        HttpResponse<String> csn = client.get(CSN_LIST, token);
        assertEquals(503, csn.statusCode());
        assertTrue(SimClient.json(csn).path("details").path("message").asText().contains("Service Unavailable"));
        assertEquals(200, client.postToken(SimClient.basic(simulator.clientId(), simulator.clientSecret()),
                "grant_type=client_credentials").statusCode(), "the token endpoint is not affected");
    }

    private static List<Integer> statuses(SimClient client, String token, int count) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            statuses.add(client.get(i % 2 == 0 ? SPACES : METADATA, token).statusCode());
        }
        return statuses;
    }

    @Test
    void failNextAnswersTheGivenStatusForTheNextRequestsOnly() {
        simulator.faults().failNext(2, 502);
        HttpResponse<String> first = client.get(SPACES, token);
        assertEquals(502, first.statusCode());
        assertEquals("502", SimClient.json(first).path("error").path("code").asText());
        assertEquals(502, client.get(METADATA, token).statusCode());
        assertEquals(200, client.get(SPACES, token).statusCode());

        simulator.faults().failNext(1, 429);
        HttpResponse<String> limited = client.get(SPACES, token);
        assertEquals(429, limited.statusCode());
        assertEquals("1", limited.headers().firstValue("Retry-After").orElse(null));
        assertEquals(200, client.get(SPACES, token).statusCode());

        for (int status : new int[] {500, 503, 504}) {
            simulator.faults().failNext(1, status);
            assertEquals(status, client.get(METADATA, token).statusCode());
        }
        assertEquals(6, simulator.stats().injectedErrors());
        assertEquals(0, simulator.stats().rateLimitedResponses(), "injected 429s are not the rate limit's");
        assertThrows(IllegalArgumentException.class, () -> simulator.faults().failNext(1, 200));
    }

    @Test
    void failNextCountsOnlyAuthenticatedRequests() {
        simulator.faults().failNext(1, 500);
        assertEquals(401, client.get(SPACES, null).statusCode());
        assertEquals(500, client.get(SPACES, token).statusCode());
        assertEquals(200, client.get(SPACES, token).statusCode());
    }

    @Test
    void failSpaceListingFailsThatSpaceUntilCleared() {
        simulator.faults().failSpaceListing("SPACE_A", 403);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> assets = client.get("/api/v1/dwc/catalog/spaces('SPACE_A')/assets", token);
            assertEquals(403, assets.statusCode());
            assertEquals("403", SimClient.json(assets).path("error").path("code").asText());
        }
        HttpResponse<String> designList = client.get(CSN_LIST, token);
        assertEquals(403, designList.statusCode());
        assertTrue(designList.headers().firstValue("x-correlationid").isPresent());
        assertEquals(200, client.get("/api/v1/dwc/catalog/spaces('SAP_CONTENT')/assets", token).statusCode());
        assertEquals(200, client.get("/api/v1/dwc/catalog/spaces('SPACE_A')", token).statusCode());
        assertEquals(3, simulator.stats().injectedErrors());

        simulator.faults().failSpaceListing("SPACE_A", 500);
        assertEquals(500, client.get("/api/v1/dwc/catalog/spaces('SPACE_A')/assets", token).statusCode());
        simulator.faults().clearSpaceListing("SPACE_A");
        assertEquals(200, client.get("/api/v1/dwc/catalog/spaces('SPACE_A')/assets", token).statusCode());
    }

    @Test
    void expireAllTokensRejectsOldTokensMidRunAndNewOnesWork() {
        assertEquals(200, client.get(SPACES, token).statusCode());

        simulator.faults().expireAllTokens();

        HttpResponse<String> old = client.get(SPACES, token);
        assertEquals(401, old.statusCode());
        assertEquals("Bearer", old.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals(401, client.get(CSN_LIST, token).statusCode());
        String fresh = client.token();
        assertEquals(200, client.get(SPACES, fresh).statusCode());
        assertEquals(200, client.get(METADATA, fresh).statusCode());
        simulator.faults().clear();
        assertEquals(401, client.get(SPACES, token).statusCode(), "clear() does not revive expired tokens");
    }

    @Test
    void htmlLoginPageAnswersCatalogRequestsWith200Html() {
        simulator.faults().htmlLoginPage(true);

        HttpResponse<String> page = client.get(SPACES, token);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().startsWith("<!DOCTYPE html>"));
        assertTrue(page.body().contains("ensure you have an active account on this system"));
        assertEquals(200, client.get("/api/v1/dwc/catalog/spaces('SPACE_A')/assets", token).statusCode());
        assertEquals("application/xml", client.get(METADATA, token).headers().firstValue("Content-Type").orElse(null));
        assertEquals(401, client.get(SPACES, null).statusCode());
        assertEquals(2, simulator.stats().injectedHtmlPages());

        simulator.faults().htmlLoginPage(false);
        assertEquals("application/json", client.get(SPACES, token).headers().firstValue("Content-Type").orElse(null));
    }

    @Test
    void bareArraySpacesDropsTheODataEnvelopeOfTheSpaceList() {
        simulator.faults().bareArraySpaces(true);

        JsonNode spaces = client.getJson(SPACES, token);
        assertTrue(spaces.isArray(), spaces.toString());
        assertEquals("SAP_CONTENT", spaces.get(0).path("name").asText());
        assertEquals("Space A", spaces.get(1).path("label").asText());
        assertTrue(client.getJson("/api/v1/dwc/catalog/spaces", token).isArray());
        assertTrue(client.getJson("/api/v1/dwc/catalog/spaces('SPACE_A')", token).isObject());
        assertTrue(client.getJson("/api/v1/dwc/catalog/assets", token).path("value").isArray());

        simulator.faults().bareArraySpaces(false);
        assertTrue(client.getJson(SPACES, token).path("value").isArray());
    }

    @Test
    void clearSwitchesEveryFaultOff() {
        simulator.faults().latency(Duration.ofMillis(50)).serverErrorRate(1.0, 3).failNext(5, 500)
                .failSpaceListing("SPACE_A", 403).htmlLoginPage(true).bareArraySpaces(true)
                .malformedMetadata("SPACE_A", "CollegeEnrollment")
                .foreignMetadataHost("SPACE_A", "CollegeEnrollment", "http://127.0.0.2:9")
                .metadataChanged("SPACE_A", "CollegeEnrollment");
        assertEquals(500, client.get(SPACES, token).statusCode());

        simulator.faults().clear();

        assertTrue(client.getJson(SPACES, token).path("value").isArray());
        JsonNode college = client.getJson("/api/v1/dwc/catalog/spaces('SPACE_A')/assets('CollegeEnrollment')", token);
        assertTrue(college.path("assetRelationalMetadataUrl").asText().startsWith(simulator.baseUrl().toString()));
        HttpResponse<String> metadata = client.get(METADATA, token);
        assertEquals(200, metadata.statusCode());
        assertEquals(simulator.options().tenant().asset("SPACE_A", "CollegeEnrollment").orElseThrow().relationalCsdl(),
                metadata.body());
        assertEquals(200, client.get(CSN_LIST, token).statusCode());
        assertEquals(1, simulator.stats().injectedErrors());
        assertFalse(simulator.faults().latency().isNegative());
        assertTrue(simulator.faults().latency().isZero());
    }
}
