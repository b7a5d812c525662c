package io.dsgluesync.datasphere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dsgluesync.model.Asset;
import io.dsgluesync.model.AssetKind;
import io.dsgluesync.model.Space;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Catalog pages as tenants answer them, fixtures in {@code catalog/}. */
class CatalogResponsesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI SPACES = URI.create(
            "https://mytenant.eu10.hcs.cloud.sap/api/v1/dwc/catalog/spaces?$top=500");
    private static final URI ASSETS = URI.create(
            "https://mytenant.eu10.hcs.cloud.sap/api/v1/dwc/catalog/spaces('SAP_CONTENT')/assets?$top=500&$skip=0");
    private static final List<Space> EXPECTED_SPACES = List.of(new Space("SAP_CONTENT", "SAP Content"),
            new Space("SALES_ANALYTICS", "Sales Analytics"), new Space("BW4_HYB_D2T", "BW4_HYB_D2T"));

    @Test
    void spacesAreReadFromTheODataEnvelope() {
        JsonNode body = fixture("spaces-envelope.json");

        assertEquals(EXPECTED_SPACES, CatalogResponses.spaces(CatalogResponses.rows(body, SPACES), SPACES));
    }

    @Test
    void spacesAreReadFromABareArray() {
        JsonNode body = fixture("spaces-bare-array.json");

        assertEquals(EXPECTED_SPACES, CatalogResponses.spaces(CatalogResponses.rows(body, SPACES), SPACES));
    }

    @Test
    void assetsAreReadWithTheirMetadataUrlsFlagsAndInferredKind() {
        List<Asset> assets = assets("assets-page-with-next-link.json");

        assertEquals(List.of("SAP_SC_SALES_V_SalesOrders", "SAP.TIME.VIEW_DIMENSION_DAY",
                "SAP_SC_FI_AM_FINTRANSACTIONS"), assets.stream().map(Asset::name).toList());
        Asset day = assets.get(1);
        assertEquals("SAP_CONTENT", day.spaceName());
        assertEquals("Time Dimension - Day", day.label());
        assertEquals(URI.create("https://mytenant.eu10.hcs.cloud.sap/api/v1/dwc/consumption/relational/SAP_CONTENT/"
                + "SAP.TIME.VIEW_DIMENSION_DAY/$metadata"), day.relationalMetadataUrl());
        assertNull(day.analyticalMetadataUrl());
        assertEquals(AssetKind.VIEW, day.kind());
        Asset model = assets.get(2);
        assertEquals(AssetKind.ANALYTIC_MODEL, model.kind());
        assertTrue(model.supportsAnalyticalQueries());
        assertTrue(model.hasParameters());
    }

    @Test
    void assetsAreReadFromABareArray() {
        List<Asset> assets = assets("assets-bare-array-last-page.json");

        assertEquals(1, assets.size());
        assertEquals(AssetKind.ANALYTICAL_DATASET, assets.get(0).kind());
    }

    @Test
    void relativeMetadataUrlsAreResolvedAgainstTheRequestAndEmptyOnesAreAbsent() {
        Asset orders = assets("assets-relative-urls.json").get(0);

        assertEquals(URI.create("https://mytenant.eu10.hcs.cloud.sap/api/v1/dwc/consumption/relational/SAP_CONTENT/"
                + "SAP_SC_SALES_V_SalesOrders/$metadata"), orders.relationalMetadataUrl());
        assertNull(orders.analyticalMetadataUrl());
    }

    @Test
    void theNextLinkIsRead() {
        assertEquals("https://mytenant.eu10.hcs.cloud.sap/api/v1/dwc/catalog/assets?$skip=500",
                CatalogResponses.nextLink(fixture("assets-page-with-next-link.json")));
    }

    @Test
    void theLastPageHasNoNextLink() {
        assertNull(CatalogResponses.nextLink(fixture("assets-bare-array-last-page.json")));
        assertNull(CatalogResponses.nextLink(fixture("spaces-envelope.json")));
    }

    @Test
    void anAssetWithoutNameIsABadResponseNamingTheSpace() {
        DatasphereException e = assertThrows(DatasphereException.class,
                () -> assets("assets-one-without-name.json"));

        assertEquals(DatasphereException.Kind.BAD_RESPONSE, e.kind());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("an asset of space SAP_CONTENT has no 'name'"), e.getMessage());
        assertTrue(e.getMessage().startsWith(ASSETS.toString()), e.getMessage());
    }

    @Test
    void aSpaceWithoutNameIsABadResponse() {
        JsonNode rows = read("[{\"label\": \"Nameless\"}]");

        DatasphereException e = assertThrows(DatasphereException.class, () -> CatalogResponses.spaces(rows, SPACES));

        assertEquals(DatasphereException.Kind.BAD_RESPONSE, e.kind());
    }

    @Test
    void aBodyWithoutAValueArrayIsABadResponse() {
        DatasphereException e = assertThrows(DatasphereException.class,
                () -> CatalogResponses.rows(fixture("error-body.json"), ASSETS));

        assertEquals(DatasphereException.Kind.BAD_RESPONSE, e.kind());
        assertTrue(e.getMessage().contains("'value' array"), e.getMessage());
    }

    private static List<Asset> assets(String fixture) {
        return CatalogResponses.assets(CatalogResponses.rows(fixture(fixture), ASSETS), "SAP_CONTENT", ASSETS);
    }

    private static JsonNode fixture(String name) {
        try (InputStream in = CatalogResponsesTest.class.getResourceAsStream("/catalog/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
