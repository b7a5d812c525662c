package io.dsgluesync.local.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.dsgluesync.datasphere.ClientCredentials;
import io.dsgluesync.datasphere.DatasphereClient;
import io.dsgluesync.datasphere.DatasphereConnection;
import io.dsgluesync.datasphere.DatasphereException;
import io.dsgluesync.datasphere.DatasphereSettings;
import io.dsgluesync.local.simulator.DatasphereSimulator;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.model.Asset;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The bearer token never leaves the tenant's origin, even when the tenant's own catalog points elsewhere. */
class DatasphereOriginTest {

    @Test
    void aCatalogRecordPointingAtAnotherLiveOriginNeverSendsItTheToken() throws Exception {
        List<String> seenElsewhere = new CopyOnWriteArrayList<>();
        HttpServer elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        elsewhere.createContext("/", exchange -> {
            seenElsewhere.add(exchange.getRequestMethod() + " " + exchange.getRequestURI()
                    + " Authorization=" + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        elsewhere.start();
        try (DatasphereSimulator sim = DatasphereSimulator.start(SimulatorOptions.defaults())) {
            sim.faults().foreignMetadataHost("SAP_CONTENT", "SAP_SC_SALES_V_SalesOrders",
                    "http://127.0.0.1:" + elsewhere.getAddress().getPort());
            DatasphereClient client = DatasphereConnection.open(new DatasphereSettings(sim.baseUrl(), sim.tokenUrl(),
                    500, 2, Duration.ofSeconds(10), 1_000_000),
                    () -> new ClientCredentials(sim.clientId(), sim.clientSecret()));
            Asset orders = client.listAssets("SAP_CONTENT").stream()
                    .filter(a -> a.name().equals("SAP_SC_SALES_V_SalesOrders")).findFirst().orElseThrow();

            DatasphereException e = assertThrows(DatasphereException.class,
                    () -> client.fetchMetadata(orders.relationalMetadataUrl(), null));

            assertEquals(DatasphereException.Kind.REFUSED, e.kind());
            assertTrue(e.getMessage().contains(orders.relationalMetadataUrl().toString()), e.getMessage());
            assertEquals(List.of(), seenElsewhere);
        } finally {
            elsewhere.stop(0);
        }
    }
}
