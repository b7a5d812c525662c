package io.dsgluesync.local.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.csdl.CsdlParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WideTenantTest {

    @Test
    void everyWideAssetParsesToExactlyTheAskedColumnCount() {
        Tenant tenant = Tenant.wide(10, 1_000, 3);

        assertEquals(1, tenant.spaces().size());
        assertEquals(10, tenant.allAssets().size());
        for (SimAsset asset : tenant.allAssets()) {
            assertEquals(AssetKind.ANALYTICAL_DATASET, asset.kind());
            assertEquals(1_000, CsdlParser.parse(asset.name(),
                    asset.relationalCsdl().getBytes(StandardCharsets.UTF_8)).columns().size(), asset.name());
            assertEquals(1_000, CsdlParser.parse(asset.name(),
                    asset.analyticalCsdl().getBytes(StandardCharsets.UTF_8)).columns().size(), asset.name());
        }
    }

    @Test
    void theSameSeedGivesTheSameDocuments() {
        SimAsset a = Tenant.wide(2, 50, 3).allAssets().get(1);
        SimAsset b = Tenant.wide(2, 50, 3).allAssets().get(1);
        assertEquals(a.analyticalCsdl(), b.analyticalCsdl());
        assertTrue(a.analyticalCsdl().contains("WIDE_AD_00002"));
    }
}
