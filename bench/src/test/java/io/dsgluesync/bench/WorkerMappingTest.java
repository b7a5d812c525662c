package io.dsgluesync.bench;

import io.dsgluesync.mapping.SyncParameters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.TableInput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerMappingTest {

    @Test
    void theMeasuredWorkEndsInTheCreateTableInputWithBusinessContextAndTheSyncsMarkers() {
        for (int columns : MappingBench.COLUMNS) {
            TableInput input = WorkerMapping.analyticModel(columns).parseAndMap();
            Map<String, String> p = input.parameters();

            assertEquals("bench_am_" + columns, input.name());
            assertEquals(columns, input.storageDescriptor().columns().size() + input.partitionKeys().size());
            assertEquals("jane.doe@example.com", p.get("datasphere.steward"));
            assertEquals("Central BI team", p.get("datasphere.owner"));
            assertEquals("certified", p.get("datasphere.certification"));
            assertEquals("sales", p.get("datasphere.property.domain"));
            assertTrue(p.get("datasphere.tags").contains("gold"), p.get("datasphere.tags"));
            assertEquals(SyncParameters.MANAGED_BY_VALUE, p.get(SyncParameters.MANAGED_BY));
            assertEquals(WorkerMapping.DEPLOYMENT, p.get(SyncParameters.DEPLOYMENT));
            assertNotNull(p.get(SyncParameters.CONFIG_HASH));
            assertTrue(p.get(SyncParameters.METADATA_ETAGS).contains("analytical"));
            assertNotNull(p.get(SyncParameters.FINGERPRINT));
            assertNotNull(p.get(SyncParameters.WRITTEN), "the drift signature CatalogWriter writes");
            assertTrue(input.storageDescriptor().columns().stream().anyMatch(c -> c.comment() != null),
                    "business names as column comments");
        }
    }

    @Test
    void theFloorParsesTheDocumentThatIsMapped() {
        WorkerMapping work = WorkerMapping.analyticModel(100);

        assertEquals("Edmx", work.domParse().getDocumentElement().getLocalName());
        assertEquals(100, work.domParse().getElementsByTagNameNS("*", "Property").getLength());
    }

    @Test
    void theThousandColumnFigureIsCheckedAgainstFiveMilliseconds() {
        MappingBench.Load idle = new MappingBench.Load(0.5, 0.7, 2);
        List<MappingBench.Measurement> results = List.of(
                measurement("parseAndMap", 1_000, 4_200, 3_000),
                measurement("domParseFloor", 1_000, 1_400, 1_000),
                measurement("parseAndMap", 5_000, 26_000, 20_000));

        List<Figure> figures = MappingBench.figures(results, idle);

        Figure target = figure(figures, "parse + map, 1,000 columns: µs per asset");
        assertEquals(Boolean.TRUE, target.met());
        assertEquals("4200.0 ± 100.0 µs", target.value());
        assertEquals(Boolean.TRUE, figure(figures, "parse + map, 1,000 columns: CPU µs per asset").met());
        assertNull(figure(figures, "parse + map, 5,000 columns: µs per asset").met(),
                "only the 1,000-column figures have a target");
        assertEquals("4.20", figure(figures, "parse + map, 1,000 columns: µs per column").value());
        assertEquals("3.00", figure(figures, "parse + map / DOM parse floor, 1,000 columns").value(),
                "the ratio of CPU times");
        assertEquals("2930 KB", figure(figures, "allocated per asset, 1,000 columns").value());
    }

    @Test
    void aMissOnTheWallClockOfALoadedMachineSaysSo() {
        List<Figure> loaded = MappingBench.figures(List.of(measurement("parseAndMap", 1_000, 9_000, 3_000)),
                new MappingBench.Load(12.5, 14.0, 2));

        Figure wall = figure(loaded, "parse + map, 1,000 columns: µs per asset");
        assertFalse(wall.met());
        assertTrue(wall.note().contains("wall clock only"), wall.note());
        assertTrue(figure(loaded, "parse + map, 1,000 columns: CPU µs per asset").met());
        assertFalse(figure(MappingBench.figures(List.of(measurement("parseAndMap", 1_000, 9_000, 6_000)),
                new MappingBench.Load(0.5, 0.5, 2)), "parse + map, 1,000 columns: CPU µs per asset").met());
    }

    private static MappingBench.Measurement measurement(String benchmark, int columns, double wall, double cpu) {
        return new MappingBench.Measurement(benchmark, columns, wall, wall / 42, "us/op", 5, wall * 0.9, wall * 1.1,
                cpu, columns * 3_000.0);
    }

    private static Figure figure(List<Figure> figures, String name) {
        return figures.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(() ->
                new AssertionError("no figure " + name + " in " + figures));
    }

    @Test
    void aDiscoveryChildThatGaveNoResultIsReportedAsMissedNotThrown() {
        List<Figure> figures = DiscoveryBench.figures(null, "exit code 1", "java.lang.OutOfMemoryError");

        assertEquals(2, figures.size());
        assertTrue(figures.stream().allMatch(f -> Boolean.FALSE.equals(f.met())));
        assertTrue(figures.get(0).note().contains("OutOfMemoryError"));
    }

    @Test
    void aDiscoveryWithinTheTargetsIsMet() {
        List<Figure> figures = DiscoveryBench.figures(new DiscoveryBench.Measured(50, 10_000, 71, 1_000, 10_000,
                12_000, 180, 256), "exit code 0", "");

        assertEquals(Boolean.TRUE, figures.get(0).met());
        assertEquals("12.0 s", figures.get(0).value());
        assertEquals(Boolean.TRUE, figures.get(1).met());
    }
}
