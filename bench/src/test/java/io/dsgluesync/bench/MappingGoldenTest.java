package io.dsgluesync.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.dsgluesync.csdl.CsdlParser;
import io.dsgluesync.csdl.EntityModel;
import io.dsgluesync.glue.GlueConverter;
import io.dsgluesync.mapping.GlueTableMapper;
import io.dsgluesync.mapping.MappingSettings;
import io.dsgluesync.mapping.SyncParameters;
import io.dsgluesync.mapping.TableLocation;
import io.dsgluesync.model.AssetKind;
import io.dsgluesync.model.AssetMessage;
import io.dsgluesync.model.JsonCodec;
import io.dsgluesync.rules.AssetRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins what the worker computes, byte for byte, so that making the parse and mapping faster cannot change it: the
 * CreateTable input of the benchmark's generated analytic models, and the entity model and CreateTable input of
 * every CSDL fixture of the shared module's tests (hostile and malformed ones end in the same error). The golden
 * files were recorded from the code before any optimisation; {@code -Dgolden.record=true} writes them anew.
 */
class MappingGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Path FIXTURES = Path.of("../shared/src/test/resources/csdl");
    private static final boolean RECORD = Boolean.getBoolean("golden.record");

    @ParameterizedTest
    @ValueSource(ints = {10, 100, 1_000})
    void theGeneratedAnalyticModelMapsToTheRecordedTableInput(int columns) {
        TableInput input = WorkerMapping.analyticModel(columns).parseAndMap();

        compare("analytic-model-" + columns + ".txt", render(input));
    }

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".xml")).sorted().toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyCsdlFixtureParsesAndMapsAsRecorded(String fixture) throws IOException {
        byte[] xml = Files.readAllBytes(FIXTURES.resolve(fixture));
        String asset = fixture.replaceAll("\\.(relational|analytical)?\\.?xml$", "");
        AssetKind kind = fixture.contains(".analytical.") ? AssetKind.ANALYTIC_MODEL : AssetKind.VIEW;
        AssetMessage message = new AssetMessage(AssetMessage.SCHEMA_VERSION, "golden-run", "GOLDEN", "Golden space",
                asset, asset + " label", kind, "https://golden.example/relational/" + asset,
                "https://golden.example/analytical/" + asset, false, 0);
        MappingSettings settings = new MappingSettings("datasphere_", TableLocation.defaultTemplate("golden-data"),
                "golden.example");
        StringBuilder out = new StringBuilder();
        try {
            EntityModel model = CsdlParser.parse(asset, xml);
            out.append("entity model:\n").append(JsonCodec.mapper().copy()
                    .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(model)).append('\n');
            TableInput input = GlueConverter.tableInput(GlueTableMapper.map(message, model, settings,
                    AssetRules.NONE), Map.of(), "golden-run", Instant.EPOCH);
            out.append("table input:\n").append(render(input));
        } catch (RuntimeException e) {
            out.append("refused: ").append(e.getClass().getName()).append(": ").append(e.getMessage()).append('\n');
        }

        compare("csdl-" + fixture.replace(".xml", ".txt"), out.toString());
    }

    /** Every field of the input, a column per line; the time of the sync is the one value that is not pinned. */
    private static String render(TableInput input) {
        Map<String, String> parameters = new TreeMap<>(input.parameters());
        parameters.computeIfPresent(SyncParameters.SYNCED_AT, (k, v) -> "<synced at>");
        StorageDescriptor sd = input.storageDescriptor();
        StringBuilder out = new StringBuilder();
        out.append(input.toBuilder().parameters(Map.of()).storageDescriptor(sd.toBuilder().columns(List.of()).build())
                .partitionKeys(List.of()).build()).append('\n');
        parameters.forEach((k, v) -> out.append("parameter ").append(k).append('=').append(v).append('\n'));
        for (Column column : sd.columns()) {
            out.append("column ").append(column).append('\n');
        }
        for (Column column : input.partitionKeys()) {
            out.append("partition key ").append(column).append('\n');
        }
        return out.toString();
    }

    private static void compare(String name, String actual) {
        Path file = GOLDEN.resolve(name);
        try {
            if (RECORD) {
                Files.createDirectories(GOLDEN);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "differs from " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
