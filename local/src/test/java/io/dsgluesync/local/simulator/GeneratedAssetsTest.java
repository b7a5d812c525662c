package io.dsgluesync.local.simulator;

import io.dsgluesync.csdl.CsdlColumn;
import io.dsgluesync.csdl.CsdlParser;
import io.dsgluesync.csdl.EntityModel;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratedAssetsTest {

    @ParameterizedTest
    @ValueSource(ints = {4, 10, 100, 1_000, 5_000})
    void anAnalyticModelHasTheColumnsAskedForWithDimensionsMeasuresAndAHierarchy(int columns) {
        SimAsset asset = GeneratedAssets.analyticModel("BENCH", "BENCH_AM_" + columns, columns, 42);
        EntityModel model = CsdlParser.parse(asset.name(), asset.analyticalCsdl().getBytes(StandardCharsets.UTF_8));

        assertEquals(AssetKind.ANALYTIC_MODEL, asset.kind());
        assertEquals(columns, model.columns().size());
        assertTrue(model.columns().stream().anyMatch(CsdlColumn::dimension), "dimensions");
        assertTrue(model.columns().stream().anyMatch(c -> c.measure() && c.aggregation() != null),
                "measures with their default aggregation");
        assertEquals(1, model.hierarchies().size());
        Set<String> names = model.columns().stream().map(CsdlColumn::name).collect(Collectors.toSet());
        assertTrue(names.containsAll(model.hierarchies().get(0).levels()), "levels name columns of the model");
        if (columns >= 100) {
            assertTrue(model.columns().stream().anyMatch(c -> c.textRef() != null && names.contains(c.textRef())),
                    "dimensions with a text column");
            assertTrue(model.columns().stream().anyMatch(c -> c.currencyRef() != null), "amounts in a currency");
            assertTrue(model.columns().stream().anyMatch(c -> c.unitRef() != null), "quantities in a unit");
        }
    }

    @Test
    void theSameSeedGivesTheSameDocument() {
        String a = GeneratedAssets.analyticModel("BENCH", "AM", 100, 7).analyticalCsdl();

        assertEquals(a, GeneratedAssets.analyticModel("BENCH", "AM", 100, 7).analyticalCsdl());
        assertNotEquals(a, GeneratedAssets.analyticModel("BENCH", "AM", 100, 8).analyticalCsdl());
    }

    @Test
    void fewerColumnsThanAHierarchyNeedsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> GeneratedAssets.analyticModel("BENCH", "AM", 3, 7));
    }
}
