package io.dsgluesync.local.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.csdl.CsdlException;
import io.dsgluesync.csdl.CsdlParser;
import io.dsgluesync.datasphere.ClientCredentials;
import io.dsgluesync.datasphere.DatasphereClient;
import io.dsgluesync.datasphere.DatasphereConnection;
import io.dsgluesync.datasphere.DatasphereException;
import io.dsgluesync.datasphere.DatasphereSettings;
import io.dsgluesync.local.simulator.DatasphereSimulator;
import io.dsgluesync.local.simulator.Faults;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.local.simulator.Tenant;
import io.dsgluesync.model.Asset;
import io.dsgluesync.model.Space;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The connector against each fault knob of the simulator. */
class DatasphereFaultsTest {

    private static DatasphereClient connect(DatasphereSimulator sim, int attempts, int requestsPerMinute) {
        return DatasphereConnection.open(new DatasphereSettings(sim.baseUrl(), sim.tokenUrl(), 500, attempts,
                        Duration.ofSeconds(10), 5_000_000, requestsPerMinute, 1),
                () -> new ClientCredentials(sim.clientId(), sim.clientSecret()));
    }

    private static Asset asset(DatasphereClient client, String space, String name) {
        return client.listAssets(space).stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void randomServerErrorsAreRetriedUntilTheWholeCatalogIsListed() {
        try (DatasphereSimulator sim = DatasphereSimulator.start(SimulatorOptions.defaults()
                .withTenant(Tenant.generated(4, 400, 11)).withMaxPageSize(20))) {
            sim.faults().serverErrorRate(0.3, 42);
            DatasphereClient client = connect(sim, 8, 0);
            int total = client.listSpaces().stream().mapToInt(s -> client.listAssets(s.name()).size()).sum();
            assertEquals(400, total);
            assertTrue(sim.stats().injectedErrors() > 0, "errors were injected and survived");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void persistentUnavailabilityEndsInAnUnavailableErrorAfterTheConfiguredAttempts() throws Exception {
        try (DatasphereSimulator sim = DatasphereSimulator.start(SimulatorOptions.defaults())) {
            DatasphereClient client = connect(sim, 3, 0);
            client.listSpaces();
            sim.faults().failNext(3, 503);
            DatasphereException e = assertThrows(DatasphereException.class, () -> client.listAssets("SPACE_A"));
            assertEquals(DatasphereException.Kind.UNAVAILABLE, e.kind());
            assertTrue(e.retryable());
            assertEquals(3, client.listAssets("SPACE_A").size(), "works again once the fault is over");
        }
    }

    @Test
    void throttlingHonoursRetryAfter() throws Exception {
        try (DatasphereSimulator sim = DatasphereSimulator.start(SimulatorOptions.defaults())) {
            DatasphereClient client = connect(sim, 3, 0);
            client.listSpaces();
            sim.faults().failNext(1, 429);
            Instant start = Instant.now();
            assertEquals(3, client.listAssets("SPACE_A").size());
            assertTrue(Duration.between(start, Instant.now()).toMillis() >= 950, "waited the Retry-After second");
        }
    }

    @Test
    void tokensExpiredMidRunAreRenewedOnce() throws Exception {
        try (DatasphereSimulator sim = DatasphereSimulator.start(SimulatorOptions.defaults())) {
            DatasphereClient client = connect(sim, 3, 0);
            client.listSpaces();
            sim.faults().expireAllTokens();
            assertEquals(4, client.listAssets("SAP_CONTENT").size());
            assertEquals(1, sim.stats().unauthorizedResponses());
            assertEquals(2, sim.stats().tokenRequests());
        }
    }

    @Test
    void anHtmlLoginPageIsAClearErrorNotAParseFailure() throws Exception {
        try (DatasphereSimulator sim = DatasphereSimulator.start(SimulatorOptions.defaults())) {
            sim.faults().htmlLoginPage(true);
            DatasphereException e = assertThrows(DatasphereException.class, () -> connect(sim, 2, 0).listSpaces());
            assertEquals(DatasphereException.Kind.BAD_RESPONSE, e.kind());
            assertTrue(e.getMessage().contains("OAuth client purpose"), e.getMessage());
        }
    }

    @Test
    void spacesAsABareArrayAreAccepted() throws Exception {
        try (DatasphereSimulator sim = DatasphereSimulator.start(SimulatorOptions.defaults())) {
            sim.faults().bareArraySpaces(true);
            assertEquals(List.of("SAP_CONTENT", "SPACE_A"),
                    connect(sim, 2, 0).listSpaces().stream().map(Space::name).toList());
        }
    }

    @Test
    void aForbiddenSpaceFailsItsListingOnly() throws Exception {
        try (DatasphereSimulator sim = DatasphereSimulator.start(SimulatorOptions.defaults())) {
            sim.faults().failSpaceListing("SPACE_A", 403);
            DatasphereClient client = connect(sim, 2, 0);
            assertEquals(DatasphereException.Kind.FORBIDDEN,
                    assertThrows(DatasphereException.class, () -> client.listAssets("SPACE_A")).kind());
            assertEquals(4, client.listAssets("SAP_CONTENT").size());
        }
    }

    @Test
    void slowResponsesStillArrive() throws Exception {
        try (DatasphereSimulator sim = DatasphereSimulator.start(SimulatorOptions.defaults())) {
            sim.faults().latency(Duration.ofMillis(300));
            assertEquals(2, connect(sim, 2, 0).listSpaces().size());
            assertTrue(sim.stats().delayedResponses() > 0);
        }
    }

    @Test
    void hostileMetadataFailsToParseWithoutReadingAnyFile() throws Exception {
        try (DatasphereSimulator sim = DatasphereSimulator.start(SimulatorOptions.defaults())) {
            DatasphereClient client = connect(sim, 2, 0);
            for (Faults.Hostile kind : Faults.Hostile.values()) {
                sim.faults().clear().hostileMetadata("SAP_CONTENT", "SAP_SC_SALES_V_SalesOrders", kind);
                Asset orders = asset(client, "SAP_CONTENT", "SAP_SC_SALES_V_SalesOrders");
                byte[] body = client.fetchMetadata(orders.relationalMetadataUrl(), null).body();
                CsdlException e = assertThrows(CsdlException.class, () -> CsdlParser.parse(orders.name(), body),
                        kind.name());
                assertTrue(e.getMessage().contains("SAP_SC_SALES_V_SalesOrders"), e.getMessage());
                assertTrue(!e.getMessage().contains("root:"), "no /etc/passwd content: " + e.getMessage());
            }
        }
    }

    @Test
    void changedMetadataGetsANewEtagAndAnUnchangedOneA304() throws Exception {
        try (DatasphereSimulator sim = DatasphereSimulator.start(SimulatorOptions.defaults())) {
            DatasphereClient client = connect(sim, 2, 0);
            Asset day = asset(client, "SAP_CONTENT", "SAP.TIME.VIEW_DIMENSION_DAY");
            String etag = client.fetchMetadata(day.relationalMetadataUrl(), null).etag();
            assertTrue(client.fetchMetadata(day.relationalMetadataUrl(), etag).notModified());
            sim.faults().metadataChanged("SAP_CONTENT", "SAP.TIME.VIEW_DIMENSION_DAY");
            var changed = client.fetchMetadata(day.relationalMetadataUrl(), etag);
            assertTrue(!changed.notModified());
            assertTrue(CsdlParser.parse(day.name(), changed.body()).columns().stream()
                    .anyMatch(c -> c.name().equals("SYNC_TEST_COL")));
        }
    }

    /** The budget test takes about a minute: a rate limit is only observable over its window. */
    @Test
    void withinTheBudgetASteadyStreamSeesNo429() throws Exception {
        try (DatasphereSimulator sim = DatasphereSimulator.start(SimulatorOptions.defaults()
                .withRequestsPerMinute(20))) {
            DatasphereClient client = connect(sim, 2, 18);
            for (int i = 0; i < 22; i++) {
                client.listAssets(i % 2 == 0 ? "SAP_CONTENT" : "SPACE_A");
            }
            assertEquals(0, sim.stats().rateLimitedResponses());
            assertEquals(22, client.requestCount());
        }
    }
}
