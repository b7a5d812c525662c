package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replication flows of generated tenants: named per space, deterministic, and reading assets that exist. */
class GeneratedTenantReplicationFlowsTest {

    private static JsonNode definition(Tenant tenant, String space, String flow) throws Exception {
        String text = tenant.designObject(space, DesignObjectType.REPLICATION_FLOWS, flow).orElseThrow().csn();
        return SimClient.JSON.readTree(text).path("replicationflows").path(flow).path("contents");
    }

    private static List<String> flowDefinitions(Tenant tenant) {
        List<String> texts = new ArrayList<>();
        for (SimSpace space : tenant.spaces()) {
            for (String flow : tenant.designObjects(space.name(), DesignObjectType.REPLICATION_FLOWS)) {
                texts.add(tenant.designObject(space.name(), DesignObjectType.REPLICATION_FLOWS, flow).orElseThrow().csn());
            }
        }
        return texts;
    }

    @Test
    void theSameSeedGivesTheSameFlowsAndAnotherSeedOthers() {
        List<String> a = flowDefinitions(Tenant.generated(4, 300, 7));

        assertEquals(8, a.size());
        assertEquals(a, flowDefinitions(Tenant.generated(4, 300, 7)));
        assertNotEquals(a, flowDefinitions(Tenant.generated(4, 300, 8)));
        Tenant tenant = Tenant.generated(4, 300, 7);
        String first = tenant.designObject("GEN_SPACE_001", DesignObjectType.REPLICATION_FLOWS, "RF_GEN_SPACE_001_TO_S3")
                .orElseThrow().csn();
        assertEquals(first, tenant.designObject("GEN_SPACE_001", DesignObjectType.REPLICATION_FLOWS,
                "RF_GEN_SPACE_001_TO_S3").orElseThrow().csn(), "rendered the same on every request");
    }

    @Test
    void flowsDoNotChangeTheGeneratedAssets() {
        // The flows draw from the seed after the assets: asset names stay what they were before flows existed.
        Tenant tenant = Tenant.generated(5, 300, 7);
        assertEquals("GEN_SPACE_001", tenant.spaces().get(0).name());
        assertEquals(300, tenant.allAssets().size());
        assertEquals(tenant.allAssets().stream().map(SimAsset::name).toList(),
                Tenant.generated(5, 300, 7).allAssets().stream().map(SimAsset::name).toList());
    }

    @Test
    void eachSpaceReplicatesEveryTenthAssetToS3AlternatingFormatsAndLoadTypes() throws Exception {
        Tenant tenant = Tenant.generated(3, 250, 21);
        for (SimSpace space : tenant.spaces()) {
            String name = "RF_" + space.name() + "_TO_S3";
            assertEquals(List.of("RF_" + space.name() + "_CDS_TO_S3", name),
                    tenant.designObjects(space.name(), DesignObjectType.REPLICATION_FLOWS));
            JsonNode contents = definition(tenant, space.name(), name);

            JsonNode source = contents.path("sourceSystem").get(0);
            assertEquals("$DWC", source.path("connectionId").asText());
            assertEquals("/" + space.name(), source.path("container").asText());
            JsonNode target = contents.path("targetSystem").get(0);
            assertEquals("S3_DATALAKE", target.path("connectionId").asText());
            assertEquals("S3", target.path("connectionType").asText());
            assertEquals("/generated/" + space.name().toLowerCase(Locale.ROOT), target.path("container").asText());
            ReplicationFlowEndpointTest.checkS3Properties(target.path("properties"));

            List<String> sorted = tenant.assets(space.name()).stream().map(SimAsset::name).sorted().toList();
            JsonNode tasks = contents.path("replicationTasks");
            assertEquals((sorted.size() + 9) / 10, tasks.size(), space.name());
            for (int i = 0; i < tasks.size(); i++) {
                JsonNode task = tasks.get(i);
                String asset = task.path("sourceObject").path("name").asText();
                assertEquals(sorted.get(10 * i), asset);
                assertTrue(tenant.asset(space.name(), asset).isPresent(), asset);
                assertEquals(asset, task.path("targetObject").path("name").asText());
                assertEquals("replicationtask" + (i + 1), task.path("name").asText());
                assertEquals(i % 2 == 0 ? "REPLICATE" : "INITIAL", task.path("loadType").asText());
                JsonNode properties = task.path("targetObject").path("properties");
                assertEquals(i % 2 == 0 ? "PARQUET" : "CSV", properties.path(ReplicationFlow.FILE_TYPE).asText());
                if (i % 2 == 1) {
                    assertTrue(properties.has(ReplicationFlow.CSV_DELIMITER));
                    assertTrue(properties.has(ReplicationFlow.CSV_HEADER_LINE));
                }
                ReplicationFlowEndpointTest.checkS3Properties(properties);
                assertTrue(task.path("targetObject").path("definition").isMissingNode(), "Datasphere sources bring none");
            }
        }
    }

    @Test
    void eachSpaceAlsoReplicatesACdsViewWhoseColumnsTheFlowCarries() throws Exception {
        Tenant tenant = Tenant.generated(12, 600, 5);
        Set<String> types = Set.of("cds.String", "cds.Decimal", "cds.Date", "cds.Timestamp", "cds.Boolean",
                "cds.Integer", "cds.Integer64");
        for (SimSpace space : tenant.spaces()) {
            JsonNode contents = definition(tenant, space.name(), "RF_" + space.name() + "_CDS_TO_S3");
            JsonNode source = contents.path("sourceSystem").get(0);
            assertEquals("S4H_CDS", source.path("connectionId").asText());
            assertEquals("ABAP", source.path("connectionType").asText());
            assertEquals("/generated/" + space.name().toLowerCase(Locale.ROOT),
                    contents.path("targetSystem").get(0).path("container").asText());
            assertEquals(1, contents.path("replicationTasks").size());
            JsonNode target = contents.path("replicationTasks").get(0).path("targetObject");
            assertTrue(target.path("name").asText().startsWith("I_"), target.toString());
            JsonNode elements = target.path("definition").path("elements");
            assertTrue(elements.size() >= 4 && elements.size() <= 6, elements.toString());
            boolean key = false;
            for (JsonNode element : elements) {
                assertTrue(types.contains(element.path("type").asText()), element.toString());
                assertTrue(!element.path("@EndUserText.label").asText().isEmpty(), element.toString());
                key |= element.path("key").asBoolean();
            }
            assertTrue(key, "a key column: " + elements);
        }
    }

    @Test
    void aSpaceWithoutAssetsHasOnlyTheCdsFlow() {
        Tenant tenant = Tenant.generated(3, 0, 1);
        for (SimSpace space : tenant.spaces()) {
            assertEquals(List.of("RF_" + space.name() + "_CDS_TO_S3"),
                    tenant.designObjects(space.name(), DesignObjectType.REPLICATION_FLOWS));
        }
    }

    @Test
    void aLargeTenantRendersFlowsOnRequestOnly() throws Exception {
        Tenant tenant = Tenant.generated(20, 10_000, 42);
        int tasks = 0;
        for (SimSpace space : tenant.spaces()) {
            tasks += definition(tenant, space.name(), "RF_" + space.name() + "_TO_S3").path("replicationTasks").size();
        }
        int expected = tenant.spaces().stream().mapToInt(s -> (tenant.assets(s.name()).size() + 9) / 10).sum();
        assertEquals(expected, tasks);
        assertTrue(tasks >= 1_000 && tasks < 1_020, "about a tenth of 10,000 assets: " + tasks);
    }

    @Test
    void generatedFlowsAreServedThroughTheDesignTimeApi() throws Exception {
        Tenant tenant = Tenant.generated(2, 60, 3);
        try (DatasphereSimulator simulator = DatasphereSimulator.start(SimulatorOptions.defaults().withTenant(tenant))) {
            SimClient client = new SimClient(simulator);
            String token = client.token();
            JsonNode list = client.getJson("/dwaas-core/api/v1/spaces/GEN_SPACE_002/replicationflows", token);
            assertEquals(List.of(Map.of("technicalName", "RF_GEN_SPACE_002_CDS_TO_S3"),
                    Map.of("technicalName", "RF_GEN_SPACE_002_TO_S3")), SimClient.JSON.convertValue(list, List.class));
            HttpResponse<String> read = client.get(
                    "/dwaas-core/api/v1/spaces/GEN_SPACE_002/replicationflows/RF_GEN_SPACE_002_TO_S3", token,
                    "Accept", DesignTimeEndpoint.CSN_TYPE);
            assertEquals(200, read.statusCode(), read.body());
            assertEquals(tenant.designObject("GEN_SPACE_002", DesignObjectType.REPLICATION_FLOWS,
                    "RF_GEN_SPACE_002_TO_S3").orElseThrow().csn(), read.body());
        }
    }
}
