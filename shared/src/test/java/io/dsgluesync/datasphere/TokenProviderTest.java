package io.dsgluesync.datasphere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpHandler;
import io.dsgluesync.model.Space;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The OAuth token endpoint (XSUAA) as discovery meets it: a blip there is retried with the same bounded backoff as
 * any other request; refused credentials are not retried.
 */
class TokenProviderTest {
    private static final String TOKEN_JSON = "{\"access_token\":\"" + FakeTenant.TOKEN + "\",\"expires_in\":3600}";

    private final FakeTenant tenant = new FakeTenant();

    TokenProviderTest() throws IOException {
        tenant.on(FakeTenant.SPACES_PATH, exchange -> FakeTenant.send(exchange, 200, "application/json",
                "{\"value\":[{\"name\":\"SALES\"}]}"));
    }

    @AfterEach
    void stop() {
        tenant.close();
    }

    @Test
    void aTokenEndpointThatAnswers503OnceIsAskedAgainAndTheListingSucceeds() {
        tenant.on(FakeTenant.TOKEN_PATH, failingFirst(1, exchange -> FakeTenant.send(exchange, 503, "text/plain",
                "upstream connect error")));

        assertEquals(List.of("SALES"), spaces(tenant.connect(3, 100_000)));
        assertEquals(2, tenant.requests(FakeTenant.TOKEN_PATH));
    }

    @Test
    void aThrottledTokenEndpointIsAskedAgainAfterItsRetryAfter() {
        tenant.on(FakeTenant.TOKEN_PATH, failingFirst(1, exchange -> {
            exchange.getResponseHeaders().set("Retry-After", "0");
            FakeTenant.send(exchange, 429, "application/json", "{\"error\":\"too_many_requests\"}");
        }));

        assertEquals(List.of("SALES"), spaces(tenant.connect(3, 100_000)));
        assertEquals(2, tenant.requests(FakeTenant.TOKEN_PATH));
    }

    @Test
    void aConnectionTheTokenEndpointDropsIsRetried() {
        tenant.on(FakeTenant.TOKEN_PATH, failingFirst(1, exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write("{\"access".getBytes());
            exchange.close();
        }));

        assertEquals(List.of("SALES"), spaces(tenant.connect(3, 100_000)));
        assertEquals(2, tenant.requests(FakeTenant.TOKEN_PATH));
    }

    @Test
    void aTokenEndpointDownForEveryAttemptFailsAsUnavailableWithoutCallingTheTenant() {
        tenant.on(FakeTenant.TOKEN_PATH, exchange -> FakeTenant.send(exchange, 503, "text/plain", "down"));

        DatasphereException e = assertThrows(DatasphereException.class, () -> tenant.connect(3, 100_000).listSpaces());

        assertEquals(DatasphereException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.retryable());
        assertEquals(3, tenant.requests(FakeTenant.TOKEN_PATH));
        assertEquals(0, tenant.requests(FakeTenant.SPACES_PATH));
    }

    @Test
    void refusedCredentialsFailAtOnceWithoutRetrying() {
        tenant.on(FakeTenant.TOKEN_PATH, exchange -> FakeTenant.send(exchange, 401, "application/json",
                "{\"error\":\"unauthorized\",\"error_description\":\"Bad credentials\"}"));

        DatasphereException e = assertThrows(DatasphereException.class, () -> tenant.connect(3, 100_000).listSpaces());

        assertEquals(DatasphereException.Kind.UNAUTHORIZED, e.kind());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("Technical User"), e.getMessage());
        assertEquals(1, tenant.requests(FakeTenant.TOKEN_PATH));
    }

    @Test
    void aRefusedGrantFailsAtOnceWithoutRetrying() {
        tenant.on(FakeTenant.TOKEN_PATH, exchange -> FakeTenant.send(exchange, 400, "application/json",
                "{\"error\":\"invalid_client\"}"));

        DatasphereException e = assertThrows(DatasphereException.class, () -> tenant.connect(3, 100_000).listSpaces());

        assertEquals(DatasphereException.Kind.UNAUTHORIZED, e.kind());
        assertTrue(e.getMessage().contains("invalid_client"), e.getMessage());
        assertEquals(1, tenant.requests(FakeTenant.TOKEN_PATH));
    }

    /** The first {@code failures} requests get {@code failure}, every later one a token. */
    private static HttpHandler failingFirst(int failures, HttpHandler failure) {
        AtomicInteger seen = new AtomicInteger();
        return exchange -> {
            if (seen.incrementAndGet() <= failures) {
                failure.handle(exchange);
            } else {
                FakeTenant.send(exchange, 200, "application/json", TOKEN_JSON);
            }
        };
    }

    private static List<String> spaces(DatasphereClient client) {
        return client.listSpaces().stream().map(Space::name).toList();
    }
}
