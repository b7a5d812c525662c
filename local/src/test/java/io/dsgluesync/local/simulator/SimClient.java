package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** What a real client does against the simulator, over java.net.http. */
final class SimClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final DatasphereSimulator simulator;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SimClient(DatasphereSimulator simulator) {
        this.simulator = simulator;
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> postToken(String authorization, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(simulator.tokenUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    /** A fresh access token obtained with HTTP Basic client credentials. */
    String token() {
        HttpResponse<String> response = postToken(basic(simulator.clientId(), simulator.clientSecret()),
                "grant_type=client_credentials");
        if (response.statusCode() != 200) {
            throw new AssertionError("token request failed: " + response.statusCode() + " " + response.body());
        }
        return json(response).path("access_token").asText();
    }

    /** GET a path on the tenant (or an absolute URL) with optional bearer token and extra header pairs. */
    HttpResponse<String> get(String pathOrUrl, String token, String... headers) {
        URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : URI.create(simulator.baseUrl() + pathOrUrl);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** GET that must answer 200; returns the parsed JSON body. */
    JsonNode getJson(String pathOrUrl, String token) {
        HttpResponse<String> response = get(pathOrUrl, token);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + pathOrUrl + " -> " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
