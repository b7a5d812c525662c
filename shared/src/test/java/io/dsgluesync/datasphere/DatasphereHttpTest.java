package io.dsgluesync.datasphere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.model.Space;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What every request to the tenant obeys, whichever API it calls: the bearer token goes to the tenant's origin only,
 * and no body is read past the configured limit.
 */
class DatasphereHttpTest {
    private static final int LIMIT = 65_536;
    private static final String METADATA_PATH = "/api/v1/dwc/consumption/relational/SALES/ORDERS/$metadata";
    private static final String CSN_PATH = "/dwaas-core/api/v1/spaces/SALES/views/ORDERS";

    private final FakeTenant tenant = new FakeTenant();
    private final FakeTenant elsewhere = new FakeTenant();

    DatasphereHttpTest() throws IOException {
    }

    @AfterEach
    void stop() {
        tenant.close();
        elsewhere.close();
    }

    // --- the bearer token goes to the tenant's origin only ---

    @Test
    void aNextLinkToAnotherOriginIsRefusedAndThatOriginNeverSeesTheToken() {
        URI foreignPage = elsewhere.url(FakeTenant.SPACES_PATH + "?$skiptoken=2");
        tenant.on(FakeTenant.SPACES_PATH, exchange -> FakeTenant.send(exchange, 200, "application/json",
                "{\"value\":[{\"name\":\"SALES\"}],\"@odata.nextLink\":\"" + foreignPage + "\"}"));
        elsewhere.on(FakeTenant.SPACES_PATH, exchange -> FakeTenant.send(exchange, 200, "application/json",
                "{\"value\":[{\"name\":\"FINANCE\"}]}"));

        DatasphereException e = assertThrows(DatasphereException.class, () -> tenant.connect(2, LIMIT).listSpaces());

        assertEquals(DatasphereException.Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains(foreignPage.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not on the tenant's origin"), e.getMessage());
        assertEquals(0, elsewhere.requests(), "the other origin was never called");
    }

    @Test
    void aNextLinkOnTheTenantsOriginIsFollowedWithTheToken() {
        tenant.on(FakeTenant.SPACES_PATH, exchange -> FakeTenant.send(exchange, 200, "application/json",
                exchange.getRequestURI().getQuery().contains("skiptoken")
                        ? "{\"value\":[{\"name\":\"FINANCE\"}]}"
                        : "{\"value\":[{\"name\":\"SALES\"}],\"@odata.nextLink\":\"spaces?$skiptoken=2\"}"));

        List<Space> spaces = tenant.connect(2, LIMIT).listSpaces();

        assertEquals(List.of("SALES", "FINANCE"), spaces.stream().map(Space::name).toList());
        assertEquals(2, tenant.requests(FakeTenant.SPACES_PATH));
        assertEquals(List.of("Bearer " + FakeTenant.TOKEN, "Bearer " + FakeTenant.TOKEN),
                tenant.authorizations().stream().filter(a -> a.startsWith("Bearer ")).toList());
    }

    @Test
    void aMetadataUrlOnAnotherOriginIsRefusedBeforeAnyTokenIsFetched() {
        URI foreign = elsewhere.url(METADATA_PATH);

        DatasphereException e = assertThrows(DatasphereException.class,
                () -> tenant.connect(2, LIMIT).fetchMetadata(foreign, null));

        assertEquals(DatasphereException.Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains(foreign.toString()), e.getMessage());
        assertEquals(0, elsewhere.requests());
        assertEquals(0, tenant.requests(FakeTenant.TOKEN_PATH), "no token was fetched for a request never sent");
    }

    // --- no body is read past the limit ---

    @Test
    void anEndlessListingIsCutOffAtTheLimitAndNotRetried() {
        tenant.on(FakeTenant.SPACES_PATH, exchange -> FakeTenant.endless(exchange, "application/json",
                "{\"value\":[", "{\"name\":\"SALES\"},"));

        DatasphereException e = cutOff(() -> tenant.connect(3, LIMIT).listSpaces());

        assertTrue(e.getMessage().contains(tenant.url(FakeTenant.SPACES_PATH).toString()), e.getMessage());
        assertEquals(1, tenant.requests(FakeTenant.SPACES_PATH), "a body over the limit is not asked for again");
    }

    @Test
    void anEndlessMetadataDocumentIsCutOffAtTheLimit() {
        tenant.on(METADATA_PATH, exchange -> FakeTenant.endless(exchange, "application/xml",
                "<edmx:Edmx xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">", "<!-- padding -->"));

        DatasphereException e = cutOff(() -> tenant.connect(3, LIMIT).fetchMetadata(tenant.url(METADATA_PATH), null));

        assertTrue(e.getMessage().contains(tenant.url(METADATA_PATH).toString()), e.getMessage());
    }

    @Test
    void anEndlessCsnIsCutOffAtTheLimit() {
        tenant.on(CSN_PATH, exchange -> FakeTenant.endless(exchange, DatasphereClient.CSN_CONTENT_TYPE,
                "{\"definitions\":{\"ORDERS\":{\"elements\":{", "\"C\":{\"type\":\"cds.String\"},"));

        DatasphereException e = cutOff(() -> tenant.connect(3, LIMIT).fetchCsn("SALES", "views", "ORDERS"));

        assertTrue(e.getMessage().contains(tenant.url(CSN_PATH).toString()), e.getMessage());
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedAndOneAtTheLimitIsRead() {
        tenant.on(METADATA_PATH, exchange -> FakeTenant.send(exchange, 200, "application/xml",
                "<x>" + "y".repeat(LIMIT - 7) + "</x>"));

        byte[] atTheLimit = tenant.connect(1, LIMIT).fetchMetadata(tenant.url(METADATA_PATH), null).body();
        DatasphereException overIt = assertThrows(DatasphereException.class,
                () -> tenant.connect(1, LIMIT - 1).fetchMetadata(tenant.url(METADATA_PATH), null));

        assertEquals(LIMIT, atTheLimit.length);
        assertEquals(DatasphereException.Kind.BAD_RESPONSE, overIt.kind());
        assertTrue(overIt.getMessage().contains("more than " + (LIMIT - 1) + " bytes"), overIt.getMessage());
    }

    @Test
    void aNotModifiedAnswerDeclaringTheFullDocumentsLengthIsNotMistakenForABodyOverTheLimit() {
        // RFC 9110 section 8.6: a 304 may carry the Content-Length of the 200 it stands for.
        tenant.on(METADATA_PATH, exchange -> {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(LIMIT * 10));
            exchange.getResponseHeaders().set("ETag", "W/\"v1\"");
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
        });

        MetadataDocument document = tenant.connect(1, LIMIT).fetchMetadata(tenant.url(METADATA_PATH), "W/\"v1\"");

        assertTrue(document.notModified());
    }

    private static DatasphereException cutOff(Executable call) {
        DatasphereException e = assertTimeoutPreemptively(Duration.ofSeconds(15),
                () -> assertThrows(DatasphereException.class, call));
        assertEquals(DatasphereException.Kind.BAD_RESPONSE, e.kind());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("more than " + LIMIT + " bytes"), e.getMessage());
        return e;
    }
}
