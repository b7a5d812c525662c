package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSN of generated tenants, and the rate limit on the design-time API. */
class DesignTimeGeneratedTest {

    private static final String CSN = DesignTimeEndpoint.CSN_TYPE;

    @Test
    void generatedAssetsGetACsnFromTheirColumnsWithAUsageByKind() throws Exception {
        Tenant tenant = Tenant.generated(4, 120, 5);
        try (DatasphereSimulator simulator = DatasphereSimulator.start(SimulatorOptions.defaults().withTenant(tenant))) {
            SimClient client = new SimClient(simulator);
            String token = client.token();
            int read = 0;
            for (SimSpace space : tenant.spaces()) {
                for (DesignObjectType type : List.of(DesignObjectType.VIEWS, DesignObjectType.ANALYTIC_MODELS)) {
                    JsonNode list = client.getJson("/dwaas-core/api/v1/spaces/" + space.name() + "/" + type.segment(), token);
                    assertEquals(tenant.designObjects(space.name(), type).size(), list.size());
                    for (JsonNode row : list) {
                        String name = row.path("technicalName").asText();
                        SimAsset asset = tenant.asset(space.name(), name).orElseThrow();
                        HttpResponse<String> response = client.get("/dwaas-core/api/v1/spaces/" + space.name() + "/"
                                + type.segment() + "/" + HttpIo.encodePathSegment(name), token, "Accept", CSN);
                        assertEquals(200, response.statusCode(), name);
                        check(asset, SimClient.json(response));
                        read++;
                    }
                }
            }
            assertEquals(120, read);
            assertEquals(List.of(), tenant.designObjects("GEN_SPACE_001", DesignObjectType.LOCAL_TABLES));
        }
    }

    private static void check(SimAsset asset, JsonNode root) throws Exception {
        JsonNode definition = root.path("definitions").path(asset.name());
        String pattern = definition.path("@ObjectModel.modelingPattern").path("#").asText();
        switch (asset.kind()) {
            case ANALYTIC_MODEL -> {
                assertEquals("ANALYTICAL_CUBE", pattern);
                assertTrue(root.path("businessLayerDefinitions").path(asset.name()).path("measures").size() > 0);
            }
            case ANALYTICAL_DATASET -> assertEquals("ANALYTICAL_FACT", pattern);
            case VIEW -> assertTrue(Set.of("ANALYTICAL_DIMENSION", "ANALYTICAL_FACT", "DATA_STRUCTURE").contains(pattern),
                    pattern);
        }
        String csdl = asset.kind().hasRelational() ? asset.relationalCsdl() : asset.analyticalCsdl();
        List<String> properties = CsdlShape.elements(CsdlShape.parse(csdl).entityType, CsdlShape.EDM, "Property")
                .stream().map(p -> p.getAttribute("Name")).toList();
        List<String> elements = new ArrayList<>();
        definition.path("elements").fieldNames().forEachRemaining(elements::add);
        assertEquals(properties, elements, asset.name());
        assertEquals(asset.csn(), asset.csn(), "rendered the same each time");
    }

    @Test
    void csnRequestsCountTowardsTheRateLimit() throws Exception {
        try (DatasphereSimulator simulator = DatasphereSimulator.start(
                SimulatorOptions.defaults().withRequestsPerMinute(2))) {
            SimClient client = new SimClient(simulator);
            String token = client.token();
            String path = "/dwaas-core/api/v1/spaces/SPACE_A/views/CollegeEnrollment";
            assertEquals(200, client.get(path, token, "Accept", CSN).statusCode());
            assertEquals(200, client.get("/dwaas-core/api/v1/spaces/SPACE_A/views", token).statusCode());

            HttpResponse<String> limited = client.get(path, token, "Accept", CSN);

            assertEquals(429, limited.statusCode());
            assertTrue(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()) >= 1);
            assertTrue(limited.headers().firstValue("x-correlationid").isPresent());
            assertEquals(1, simulator.stats().rateLimitedResponses());
            assertEquals(3, simulator.stats().designTimeRequests());
        }
    }
}
