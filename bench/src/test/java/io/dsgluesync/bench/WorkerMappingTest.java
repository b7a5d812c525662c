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
    void theFloorAndTheParseReadTheSameDocument() {
        WorkerMapping work = WorkerMapping.analyticModel(100);

        assertEquals("Edmx", work.domParse().getDocumentElement().getLocalName());
        assertEquals(100, work.parse().columns().size());
    }

    @Test
    void theThousandColumnFigureIsCheckedAgainstFiveMilliseconds() {
        List<MappingBench.Measurement> results = List.of(
                new MappingBench.Measurement("parseAndMap", 1_000, 4_200, 120, "us/op", 5, 4_000, 4_400),
                new MappingBench.Measurement("csdlParse", 1_000, 2_100, 60, "us/op", 5, 2_000, 2_200),
                new MappingBench.Measurement("domParseFloor", 1_000, 1_400, 50, "us/op", 5, 1_300, 1_500),
                new MappingBench.Measurement("parseAndMap", 5_000, 26_000, 900, "us/op", 5, 25_000, 27_000));

        List<Figure> figures = MappingBench.figures(results);

        Figure target = figures.stream().filter(f -> f.name().startsWith("parse + map, 1,000 columns: µs per asset"))
                .findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, target.met());
        assertEquals("4200.0 ± 120.0 µs", target.value());
        Figure wide = figures.stream().filter(f -> f.name().startsWith("parse + map, 5,000 columns: µs per asset"))
                .findFirst().orElseThrow();
        assertNull(wide.met(), "only the 1,000-column figure has a target");
        assertTrue(figures.stream().anyMatch(f -> f.name().equals("parse + map, 1,000 columns: µs per column")
                && f.value().equals("4.20")));
        assertTrue(figures.stream().anyMatch(f -> f.name().equals("parse + map / DOM parse floor, 1,000 columns")
                && f.value().equals("3.00")));
        assertFalse(MappingBench.figures(List.of(new MappingBench.Measurement("parseAndMap", 1_000, 5_100, 100,
                "us/op", 5, 5_000, 5_200))).stream().filter(f -> f.met() != null).findFirst().orElseThrow().met());
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
