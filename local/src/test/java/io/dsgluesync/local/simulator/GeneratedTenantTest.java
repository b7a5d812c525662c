package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratedTenantTest {

    @Test
    void theSameSeedGivesTheSameTenant() {
        Tenant a = Tenant.generated(5, 300, 7);
        Tenant b = Tenant.generated(5, 300, 7);
        Tenant other = Tenant.generated(5, 300, 8);

        assertEquals(a.spaces(), b.spaces());
        assertEquals(describe(a), describe(b));
        assertNotEquals(describe(a), describe(other));
        for (int i = 0; i < 300; i += 37) {
            SimAsset x = a.allAssets().get(i);
            SimAsset y = b.allAssets().get(i);
            assertEquals(x.relationalCsdl(), y.relationalCsdl());
            assertEquals(x.analyticalCsdl(), y.analyticalCsdl());
            // Rendering twice (lazily, on each request) gives the same bytes, so ETags stay stable.
            assertEquals(x.relationalCsdl(), x.relationalCsdl());
        }
    }

    @Test
    void kindsAreMixedAndSpacesNamedInOrder() {
        Tenant tenant = Tenant.generated(50, 10_000, 42);
        assertEquals(50, tenant.spaces().size());
        assertEquals("GEN_SPACE_001", tenant.spaces().get(0).name());
        assertEquals("GEN_SPACE_050", tenant.spaces().get(49).name());
        assertEquals(10_000, tenant.allAssets().size());

        Map<AssetKind, Integer> kinds = new EnumMap<>(AssetKind.class);
        tenant.allAssets().forEach(a -> kinds.merge(a.kind(), 1, Integer::sum));
        assertTrue(kinds.get(AssetKind.VIEW) > 6_500 && kinds.get(AssetKind.VIEW) < 7_500, kinds.toString());
        assertTrue(kinds.get(AssetKind.ANALYTIC_MODEL) > 1_700 && kinds.get(AssetKind.ANALYTIC_MODEL) < 2_300, kinds.toString());
        assertTrue(kinds.get(AssetKind.ANALYTICAL_DATASET) > 700 && kinds.get(AssetKind.ANALYTICAL_DATASET) < 1_300, kinds.toString());
        assertTrue(tenant.allAssets().stream().anyMatch(a -> a.name().contains(".")), "some dotted names");
        assertTrue(tenant.allAssets().stream().anyMatch(SimAsset::hasParameters));
        assertTrue(tenant.allAssets().stream().anyMatch(a -> a.urlPrefix() == ApiPrefix.DWC));
    }

    @Test
    void generatedDocumentsHaveTheReferenceShapeAndVariedColumns() throws Exception {
        Tenant tenant = Tenant.generated(10, 400, 99);
        Set<String> types = new TreeSet<>();
        int keyless = 0;
        int hierarchies = 0;
        for (SimAsset asset : tenant.allAssets()) {
            if (asset.relationalCsdl() != null) {
                CsdlShape shape = CsdlShape.check(asset, asset.relationalCsdl(), false);
                int columns = shape.propertyNames().size();
                assertTrue(columns >= 5 && columns <= 40, asset.name() + " has " + columns + " columns");
                shape.properties().forEach(p -> types.add(p.getAttribute("Type")));
                keyless += shape.keyNames().isEmpty() ? 1 : 0;
            }
            if (asset.analyticalCsdl() != null) {
                CsdlShape shape = CsdlShape.check(asset, asset.analyticalCsdl(), true);
                boolean measure = false;
                for (String column : shape.propertyNames()) {
                    Map<String, String> terms = shape.columnTerms(column);
                    assertTrue(terms.containsKey("Analytics.Dimension") ^ terms.containsKey("Analytics.measure"));
                    measure |= terms.containsKey("Analytics.measure");
                }
                assertTrue(measure, asset.name() + " has no measure");
                hierarchies += shape.hierarchies().size();
            }
        }
        assertTrue(types.containsAll(List.of("Edm.String", "Edm.Decimal", "Edm.Date", "Edm.DateTimeOffset", "Edm.Int32",
                "Edm.Int64", "Edm.Double", "Edm.Boolean")), types.toString());
        assertTrue(keyless > 0, "some keyless views");
        assertTrue(hierarchies > 0, "some hierarchies");
    }

    @Test
    void tenThousandAssetsOverFiftySpacesAreListedCompletelyThroughPaging() throws Exception {
        Tenant tenant = Tenant.generated(50, 10_000, 42);
        Set<String> expected = new HashSet<>();
        tenant.allAssets().forEach(a -> expected.add(a.spaceName() + "/" + a.name()));
        try (DatasphereSimulator simulator = DatasphereSimulator.start(SimulatorOptions.defaults().withTenant(tenant))) {
            SimClient client = new SimClient(simulator);
            String token = client.token();

            // Server-driven: follow @odata.nextLink over /assets (500 rows a page).
            Set<String> viaNextLink = new HashSet<>();
            int pages = 0;
            String next = "/api/v1/datasphere/consumption/catalog/assets";
            while (next != null) {
                JsonNode page = client.getJson(next, token);
                page.path("value").forEach(a -> viaNextLink.add(a.path("spaceName").asText() + "/" + a.path("name").asText()));
                next = page.has("@odata.nextLink") ? page.path("@odata.nextLink").asText() : null;
                pages++;
            }
            assertEquals(20, pages);
            assertEquals(expected, viaNextLink);

            // Client-driven, per space, as DataHub does: $top=100&$skip=n until a short page.
            JsonNode spaces = client.getJson("/api/v1/dwc/catalog/spaces", token);
            assertEquals(50, spaces.path("value").size());
            Set<String> perSpace = new HashSet<>();
            for (JsonNode space : spaces.path("value")) {
                String name = space.path("name").asText();
                for (int skip = 0; ; skip += 100) {
                    JsonNode page = client.getJson("/api/v1/dwc/catalog/spaces('" + name + "')/assets?$top=100&$skip="
                            + skip, token);
                    assertFalse(page.has("@odata.nextLink"));
                    page.path("value").forEach(a -> perSpace.add(name + "/" + a.path("name").asText()));
                    if (page.path("value").size() < 100) {
                        break;
                    }
                }
            }
            assertEquals(expected, perSpace);
        }
    }

    private static List<String> describe(Tenant tenant) {
        return tenant.allAssets().stream()
                .map(a -> a.spaceName() + "|" + a.name() + "|" + a.label() + "|" + a.kind() + "|" + a.urlPrefix()
                        + "|" + a.hasParameters())
                .toList();
    }
}
