package io.dsgluesync.local.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.csdl.CsdlParser;
import io.dsgluesync.csdl.EntityModel;
import io.dsgluesync.datasphere.ClientCredentials;
import io.dsgluesync.datasphere.DatasphereClient;
import io.dsgluesync.datasphere.DatasphereConnection;
import io.dsgluesync.datasphere.DatasphereException;
import io.dsgluesync.datasphere.DatasphereSettings;
import io.dsgluesync.local.simulator.DatasphereSimulator;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.local.simulator.Tenant;
import io.dsgluesync.model.Asset;
import io.dsgluesync.model.AssetKind;
import io.dsgluesync.model.Space;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Datasphere connector against the simulator of the real APIs. */
class DatasphereClientTest {

    private static DatasphereClient connect(DatasphereSimulator sim, int pageSize) {
        DatasphereSettings settings = new DatasphereSettings(sim.baseUrl(), sim.tokenUrl(), pageSize, 3,
                Duration.ofSeconds(10), 1_000_000);
        return DatasphereConnection.open(settings, () -> new ClientCredentials(sim.clientId(), sim.clientSecret()));
    }

    @Test
    void listsSpacesAndAssetsOfTheSampleTenantWithTheirKinds() {
        try (DatasphereSimulator sim = DatasphereSimulator.start(SimulatorOptions.defaults())) {
            DatasphereClient client = connect(sim, 500);
            assertEquals(List.of("SAP_CONTENT", "SPACE_A"), client.listSpaces().stream().map(Space::name).toList());
            List<Asset> assets = client.listAssets("SPACE_A");
            assertEquals(3, assets.size());
            assertEquals(AssetKind.ANALYTICAL_DATASET, kind(assets, "CollegeEnrollment"));
            assertEquals(AssetKind.ANALYTIC_MODEL, kind(assets, "ENROLLMENT_AM"));
            assertEquals(AssetKind.VIEW, kind(assets, "SAP_TEL_CVM_IL_SERVICE_USAGE"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void pagesThroughALargeGeneratedCatalogWhenTheServerCapsPageSize() throws Exception {
        SimulatorOptions options = SimulatorOptions.defaults().withTenant(Tenant.generated(3, 250, 7))
                .withMaxPageSize(40);
        try (DatasphereSimulator sim = DatasphereSimulator.start(options)) {
            DatasphereClient client = connect(sim, 500);
            int total = 0;
            for (Space space : client.listSpaces()) {
                List<Asset> assets = client.listAssets(space.name());
                assertEquals(assets.size(), assets.stream().map(Asset::name).distinct().count(), "no duplicates");
                total += assets.size();
            }
            assertEquals(250, total);
        }
    }

    @Test
    void pagesWithTopAndSkipWhenTheClientPageIsSmall() throws Exception {
        try (DatasphereSimulator sim = DatasphereSimulator.start(SimulatorOptions.defaults())) {
            assertEquals(4, connect(sim, 1).listAssets("SAP_CONTENT").size());
        }
    }

    @Test
    void fetchesAndParsesMetadataOfAnAssetWithDotsInItsName() throws Exception {
        try (DatasphereSimulator sim = DatasphereSimulator.start(SimulatorOptions.defaults())) {
            DatasphereClient client = connect(sim, 500);
            Asset day = client.listAssets("SAP_CONTENT").stream()
                    .filter(a -> a.name().equals("SAP.TIME.VIEW_DIMENSION_DAY")).findFirst().orElseThrow();
            EntityModel model = CsdlParser.parse(day.name(),
                    client.fetchMetadata(day.relationalMetadataUrl(), null).body());
            assertEquals("SAP_TIME_VIEW_DIMENSION_DAY", model.entitySet());
            assertEquals("SAP.TIME.VIEW_DIMENSION_DAY", model.originalName());
            assertEquals(List.of("DATE_SQL"), model.keyColumns());
        }
    }

    @Test
    void expiredTokenIsRefreshedOnceAndTheCallSucceeds() throws Exception {
        try (DatasphereSimulator sim = DatasphereSimulator.start(
                SimulatorOptions.defaults().withTokenLifetimeSeconds(1))) {
            DatasphereClient client = connect(sim, 500);
            assertEquals(2, client.listSpaces().size());
            Thread.sleep(1_200);
            assertEquals(2, client.listSpaces().size());
        }
    }

    @Test
    void wrongCredentialsFailWithAClearErrorThatNeverShowsTheSecret() throws Exception {
        try (DatasphereSimulator sim = DatasphereSimulator.start(SimulatorOptions.defaults())) {
            DatasphereSettings settings = new DatasphereSettings(sim.baseUrl(), sim.tokenUrl(), 500, 2,
                    Duration.ofSeconds(5), 1_000_000);
            DatasphereClient client = DatasphereConnection.open(settings,
                    () -> new ClientCredentials(sim.clientId(), "wrong-secret-value"));
            DatasphereException e = assertThrows(DatasphereException.class, client::listSpaces);
            assertEquals(DatasphereException.Kind.UNAUTHORIZED, e.kind());
            assertTrue(e.getMessage().contains("Technical User"), e.getMessage());
            assertTrue(!e.getMessage().contains("wrong-secret-value"));
        }
    }

    @Test
    void metadataUrlOnAnotherOriginIsRefused() throws Exception {
        try (DatasphereSimulator sim = DatasphereSimulator.start(SimulatorOptions.defaults())) {
            DatasphereException e = assertThrows(DatasphereException.class, () -> connect(sim, 500)
                    .fetchMetadata(URI.create("http://127.0.0.2:1/api/v1/dwc/consumption/relational/S/A/$metadata"),
                            null));
            assertEquals(DatasphereException.Kind.REFUSED, e.kind());
            assertEquals(0, sim.stats().metadataRequests());
        }
    }

    private static AssetKind kind(List<Asset> assets, String name) {
        return assets.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow().kind();
    }
}
