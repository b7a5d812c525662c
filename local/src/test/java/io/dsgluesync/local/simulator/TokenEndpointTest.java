package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenEndpointTest {

    private DatasphereSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private SimClient start(SimulatorOptions options) throws Exception {
        simulator = DatasphereSimulator.start(options);
        return new SimClient(simulator);
    }

    @Test
    void basicAuthClientCredentialsIssueABearerToken() throws Exception {
        SimClient client = start(SimulatorOptions.defaults());
        assertEquals(simulator.baseUrl() + "/oauth/token", simulator.tokenUrl().toString());

        HttpResponse<String> response = client.postToken(
                SimClient.basic(simulator.clientId(), simulator.clientSecret()), "grant_type=client_credentials");

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = SimClient.json(response);
        assertFalse(body.path("access_token").asText().isBlank());
        assertEquals("bearer", body.path("token_type").asText());
        assertEquals(86399, body.path("expires_in").asLong());
        assertEquals("uaa.resource", body.path("scope").asText());
        assertFalse(body.path("jti").asText().isBlank());
        assertEquals(200, client.get("/api/v1/dwc/catalog/spaces", body.path("access_token").asText()).statusCode());
    }

    @Test
    void credentialsInTheFormBodyAndUrlEncodedBasicCredentialsAreAccepted() throws Exception {
        SimClient client = start(SimulatorOptions.defaults());
        String id = URLEncoder.encode(simulator.clientId(), StandardCharsets.UTF_8);
        String secret = URLEncoder.encode(simulator.clientSecret(), StandardCharsets.UTF_8);

        HttpResponse<String> form = client.postToken(null,
                "grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret);
        HttpResponse<String> encodedBasic = client.postToken(SimClient.basic(id, secret),
                "grant_type=client_credentials&response_type=token&client_id=" + id);

        assertEquals(200, form.statusCode(), form.body());
        assertEquals(200, encodedBasic.statusCode(), encodedBasic.body());
        assertNotEquals(SimClient.json(form).path("access_token").asText(),
                SimClient.json(encodedBasic).path("access_token").asText());
    }

    @Test
    void wrongSecretIsRejectedWithInvalidClient() throws Exception {
        SimClient client = start(SimulatorOptions.defaults());

        HttpResponse<String> response = client.postToken(SimClient.basic(simulator.clientId(), "wrong"),
                "grant_type=client_credentials");
        HttpResponse<String> none = client.postToken(null, "grant_type=client_credentials");

        assertEquals(401, response.statusCode());
        JsonNode body = SimClient.json(response);
        assertEquals("invalid_client", body.path("error").asText());
        assertEquals("Bad credentials", body.path("error_description").asText());
        assertEquals(401, none.statusCode());
        assertEquals(2, simulator.stats().unauthorizedResponses());
        assertEquals(2, simulator.stats().tokenRequests());
    }

    @Test
    void otherGrantTypesAreUnsupported() throws Exception {
        SimClient client = start(SimulatorOptions.defaults());

        HttpResponse<String> response = client.postToken(
                SimClient.basic(simulator.clientId(), simulator.clientSecret()), "grant_type=password&username=x");

        assertEquals(400, response.statusCode());
        assertEquals("unsupported_grant_type", SimClient.json(response).path("error").asText());
    }

    @Test
    void expiredTokensAreRejected() throws Exception {
        SimClient client = start(SimulatorOptions.defaults().withTokenLifetimeSeconds(1));
        HttpResponse<String> issued = client.postToken(
                SimClient.basic(simulator.clientId(), simulator.clientSecret()), "grant_type=client_credentials");
        assertEquals(1, SimClient.json(issued).path("expires_in").asLong());
        String token = SimClient.json(issued).path("access_token").asText();
        assertEquals(200, client.get("/api/v1/dwc/catalog/spaces", token).statusCode());

        Thread.sleep(1200);

        HttpResponse<String> expired = client.get("/api/v1/dwc/catalog/spaces", token);
        assertEquals(401, expired.statusCode());
        assertEquals(200, client.get("/api/v1/dwc/catalog/spaces", client.token()).statusCode());
    }

    @Test
    void requestsWithoutAValidBearerTokenGet401() throws Exception {
        SimClient client = start(SimulatorOptions.defaults());

        HttpResponse<String> missing = client.get("/api/v1/datasphere/consumption/catalog/spaces", null);
        HttpResponse<String> unknown = client.get("/api/v1/datasphere/consumption/catalog/spaces", "not-issued");
        HttpResponse<String> metadata = client.get(
                "/api/v1/dwc/consumption/relational/SPACE_A/CollegeEnrollment/$metadata", null);

        for (HttpResponse<String> response : List.of(missing, unknown, metadata)) {
            assertEquals(401, response.statusCode());
            JsonNode error = SimClient.json(response).path("error");
            assertEquals("401", error.path("code").asText());
            assertEquals("Unauthorized", error.path("message").asText());
        }
        assertEquals(3, simulator.stats().unauthorizedResponses());
        assertEquals(2, simulator.stats().catalogRequests());
        assertEquals(1, simulator.stats().metadataRequests());
    }
}
