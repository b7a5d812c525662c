package io.dsgluesync.datasphere;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * OAuth2 client-credentials tokens (https://www.rfc-editor.org/rfc/rfc6749#section-4.4) for a Datasphere OAuth client
 * of purpose "Technical User". A token is cached until a minute before {@code expires_in}; there is no refresh
 * token, so an expired or rejected token is simply requested again. A failure of the token endpoint that may pass
 * (5xx, 429, I/O) is retried with the same bounded backoff as every other request; refused credentials (400, 401,
 * 403) are not. Token values never appear in messages.
 */
public class TokenProvider {
    private static final Duration EARLY_REFRESH = Duration.ofSeconds(60);
    /** A token response is a few kilobytes of JSON (a JWT and its lifetime); nothing legitimate comes near this. */
    private static final int MAX_RESPONSE_BYTES = 1024 * 1024;
    private final HttpClient http;
    private final URI tokenUrl;
    private final Supplier<ClientCredentials> credentials;
    private final Clock clock;
    private final Duration timeout;
    private final Backoff backoff;
    private final int maxAttempts;
    private String token;
    private Instant refreshAt = Instant.MIN;
    private int tokensIssued;

    public TokenProvider(HttpClient http, URI tokenUrl, Supplier<ClientCredentials> credentials, Clock clock,
                         Duration timeout, Backoff backoff, int maxAttempts) {
        this.http = http;
        this.tokenUrl = tokenUrl;
        this.credentials = credentials;
        this.clock = clock;
        this.timeout = timeout;
        this.backoff = backoff;
        this.maxAttempts = Math.max(1, maxAttempts);
    }

    public synchronized String token() {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            fetch();
        }
        return token;
    }

    /** Forgets {@code rejected} (a 401 answered it) so that the next call fetches a new token. */
    public synchronized void invalidate(String rejected) {
        if (rejected != null && rejected.equals(token)) {
            token = null;
        }
    }

    public synchronized int tokensIssued() {
        return tokensIssued;
    }

    private void fetch() {
        for (int attempt = 1; ; attempt++) {
            try {
                fetchOnce();
                return;
            } catch (DatasphereException e) {
                if (!e.retryable() || attempt >= maxAttempts || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                backoff.pause(attempt, e.retryAfter());
            }
        }
    }

    private void fetchOnce() {
        ClientCredentials client = credentials.get();
        // Sent as is, like SAP's own CLI does: XSUAA client ids contain '!' and '|'.
        String basic = Base64.getEncoder().encodeToString(
                (client.clientId() + ":" + client.clientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tokenUrl)
                .timeout(timeout)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, BoundedBody.upTo(MAX_RESPONSE_BYTES));
        } catch (IOException e) {
            if (BoundedBody.tooLarge(e).isPresent()) {
                throw new DatasphereException(DatasphereException.Kind.BAD_RESPONSE, "token endpoint " + tokenUrl
                        + " answered more than " + MAX_RESPONSE_BYTES + " bytes", 0, null, e);
            }
            throw new DatasphereException(DatasphereException.Kind.UNAVAILABLE,
                    "token endpoint " + tokenUrl + " unreachable: " + e.getClass().getSimpleName(), 0, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasphereException(DatasphereException.Kind.UNAVAILABLE, "interrupted while fetching a token");
        }
        int status = response.statusCode();
        if (status == 400 || status == 401 || status == 403) {
            throw new DatasphereException(DatasphereException.Kind.UNAUTHORIZED, "token endpoint refused client "
                    + client.clientId() + " (HTTP " + status + " " + oauthError(response.body())
                    + "); check that the OAuth client has purpose Technical User", status, null, null);
        }
        if (status != 200) {
            throw new DatasphereException(status >= 500 || status == 429 ? DatasphereException.Kind.UNAVAILABLE
                    : DatasphereException.Kind.BAD_RESPONSE, "token endpoint answered HTTP " + status, status,
                    DatasphereHttp.retryAfter(response), null);
        }
        JsonNode body;
        try {
            body = JsonCodec.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new DatasphereException(DatasphereException.Kind.BAD_RESPONSE, "token endpoint answered non-JSON");
        }
        String accessToken = body.path("access_token").asText("");
        if (accessToken.isEmpty()) {
            throw new DatasphereException(DatasphereException.Kind.BAD_RESPONSE, "token response has no access_token");
        }
        long expiresIn = body.path("expires_in").asLong(3600);
        Duration lifetime = Duration.ofSeconds(Math.max(1, expiresIn));
        Duration margin = lifetime.compareTo(EARLY_REFRESH.multipliedBy(2)) > 0 ? EARLY_REFRESH : lifetime.dividedBy(2);
        token = accessToken;
        refreshAt = clock.instant().plus(lifetime).minus(margin);
        tokensIssued++;
    }

    private static String oauthError(byte[] body) {
        try {
            JsonNode node = JsonCodec.mapper().readTree(body);
            return node.path("error").asText("unknown error");
        } catch (IOException | RuntimeException e) {
            return "unreadable error body";
        }
    }
}
