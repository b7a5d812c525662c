package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * {@code POST /oauth/token} with the client-credentials grant, shaped like XSUAA as the {@code datasphere} CLI calls
 * it (npm package {@code @sap/cli-core}, {@code readToken} in {@code commands/handler/authentication/oauth/utils.js}),
 * and the store of the tokens it has issued.
 */
final class TokenEndpoint {

    static final String PATH = "/oauth/token";
    private static final int PURGE_THRESHOLD = 10_000;

    private final String clientId;
    private final String clientSecret;
    private final long lifetimeSeconds;
    private final SimulatorStats stats;
    private final LongSupplier nanoClock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> expiryByToken = new ConcurrentHashMap<>();
    private volatile boolean clientRevoked;

    TokenEndpoint(String clientId, String clientSecret, long lifetimeSeconds, SimulatorStats stats,
                  LongSupplier nanoClock) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.lifetimeSeconds = lifetimeSeconds;
        this.stats = stats;
        this.nanoClock = nanoClock;
    }

    void handle(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            sendOAuthError(exchange, 405, "method_not_allowed", "Request method '" + exchange.getRequestMethod()
                    + "' not supported");
            return;
        }
        Map<String, String> form = HttpIo.parseForm(HttpIo.readBody(exchange));
        if (!authenticated(HttpIo.header(exchange, "Authorization"), form)) {
            stats.countUnauthorized();
            sendOAuthError(exchange, 401, "invalid_client", "Bad credentials");
            return;
        }
        String grant = form.get("grant_type");
        if (grant == null || grant.isBlank()) {
            sendOAuthError(exchange, 400, "invalid_request", "Missing grant type");
            return;
        }
        if (!"client_credentials".equals(grant.trim())) {
            sendOAuthError(exchange, 400, "unsupported_grant_type", "Unsupported grant type: " + grant);
            return;
        }
        sendToken(exchange);
    }

    /** True when the header is {@code Bearer <token>} for an issued token that has not run out. */
    boolean isValidBearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String token = authorization.substring(7).trim();
        Long expiry = expiryByToken.get(token);
        if (expiry == null) {
            return false;
        }
        if (nanoClock.getAsLong() - expiry >= 0) {
            expiryByToken.remove(token);
            return false;
        }
        return true;
    }

    /**
     * A revoked client is refused (401 invalid_client) and every token issued so far stops working, as after its
     * secret was rotated in the tenant but not in the caller's secret ({@link Faults#revokeClient(boolean)}).
     */
    void revokeClient(boolean revoked) {
        clientRevoked = revoked;
        if (revoked) {
            expireAll();
        }
    }

    /** Forgets every token issued so far; their next use gets 401 ({@link Faults#expireAllTokens()}). */
    void expireAll() {
        expiryByToken.clear();
    }

    private void sendToken(HttpExchange exchange) throws IOException {
        long now = nanoClock.getAsLong();
        if (expiryByToken.size() > PURGE_THRESHOLD) {
            expiryByToken.values().removeIf(expiry -> now - expiry >= 0);
        }
        String token = randomToken(32);
        expiryByToken.put(token, now + lifetimeSeconds * 1_000_000_000L);
        ObjectNode body = HttpIo.JSON.createObjectNode();
        body.put("access_token", token);
        body.put("token_type", "bearer");
        body.put("expires_in", lifetimeSeconds);
        body.put("scope", "uaa.resource");
        body.put("jti", randomToken(16));
        HttpIo.sendJson(exchange, 200, body, false);
    }

    /**
     * Accepts HTTP Basic (what the CLI and the Power BI connector send) or {@code client_id}/{@code client_secret} in
     * the form body (what DataHub sends, https://github.com/datahub-project/datahub,
     * {@code metadata-ingestion/src/datahub/ingestion/source/sap_datasphere/client.py}). RFC 6749 section 2.3.1
     * (https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1) says Basic credentials are form-URL-encoded first; clients
     * that skip that step are accepted too.
     */
    private boolean authenticated(String authorization, Map<String, String> form) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return false;
            }
            String id = decoded.substring(0, colon);
            String secret = decoded.substring(colon + 1);
            return matches(id, secret) || matches(safeDecode(id), safeDecode(secret));
        }
        return matches(form.get("client_id"), form.get("client_secret"));
    }

    private boolean matches(String id, String secret) {
        return !clientRevoked && clientId.equals(id) && clientSecret.equals(secret);
    }

    private static String safeDecode(String s) {
        try {
            return HttpIo.formDecode(s);
        } catch (ODataError e) {
            return s;
        }
    }

    private String randomToken(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }

    private static void sendOAuthError(HttpExchange exchange, int status, String error, String description)
            throws IOException {
        ObjectNode body = HttpIo.JSON.createObjectNode();
        body.put("error", error);
        body.put("error_description", description);
        HttpIo.sendJson(exchange, status, body, false);
    }
}
