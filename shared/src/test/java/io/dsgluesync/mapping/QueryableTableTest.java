package io.dsgluesync.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.csdl.CsdlParser;
import io.dsgluesync.csdl.EntityModel;
import io.dsgluesync.model.AssetKind;
import io.dsgluesync.model.AssetMessage;
import io.dsgluesync.model.S3Replica;
import io.dsgluesync.rules.AssetRules;
import io.dsgluesync.rules.BusinessContext;
import io.dsgluesync.rules.ColumnRules;
import io.dsgluesync.rules.Glob;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every table the mapper answers can be opened by Athena and Trino: it has a location under the configured prefix,
 * a storage descriptor for its files, and nothing the engines reject. Each refusal names the asset and the field.
 */
class QueryableTableTest {
    private static final MappingSettings SETTINGS = new MappingSettings("datasphere_",
            TableLocation.defaultTemplate("lake-data"), "mytenant.eu10.hcs.cloud.sap");

    // --- locations ---

    @Test
    void everyTableGetsTheDefaultLocationOfTheDataBucket() {
        TableDefinition table = map(view("SAP_CONTENT", "SAP.TIME.VIEW_DIMENSION_DAY"), ColumnRules.NONE);

        assertEquals("s3://lake-data/datasphere/datasphere_sap_content/sap_time_view_dimension_day/",
                table.storage().location());
        assertEquals("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                table.storage().serializationLibrary());
    }

    @Test
    void anAssetNameWithPathSegmentsCannotMoveTheLocationOutOfThePrefix() {
        MappingSettings settings = new MappingSettings("datasphere_", "s3://lake/{space}/{asset}", "tenant");
        TableDefinition table = GlueTableMapper.map(view("SPACE.A", "../../finance/payroll"), timeDimension(),
                settings);

        assertEquals("s3://lake/space_a/______finance_payroll/", table.storage().location());
    }

    @Test
    void aResolvedLocationOutsideTheTemplatesPrefixIsRefused() {
        MappingException e = assertThrows(MappingException.class, () -> TableLocation.resolve(
                "s3://lake/data/{table}/", "db", "../x", "S", "A"));
        assertEquals("location", e.field());
        assertTrue(e.getMessage().contains("asset S/A"), e.getMessage());
    }

    @Test
    void templatesAreCheckedWhenTheSettingsAreRead() {
        assertTrue(message(() -> new MappingSettings("p_", "", "t")).contains("GLUE_DATA_BUCKET must be set"));
        assertTrue(message(() -> new MappingSettings("p_", "https://lake/{table}", "t")).contains("s3://<bucket>/"));
        assertTrue(message(() -> new MappingSettings("p_", "s3://lake/{tabel}/", "t")).contains("unknown placeholder"));
        assertTrue(message(() -> new MappingSettings("p_", "s3://lake/{database}/", "t"))
                .contains("must contain {table} or {asset}"));
        assertEquals("s3://lake/x/{table}/", new MappingSettings("p_", "s3://lake/x/{table}", "t").locationTemplate());
        assertEquals("s3://my-data/datasphere/{database}/{table}/", MappingSettings.fromEnvironment(
                Map.of("GLUE_DATA_BUCKET", "my-data"), "t").locationTemplate());
    }

    // --- what the engines reject ---

    @Test
    void aTypeOverrideWithoutVarcharLengthIsRefused() {
        MappingException e = assertThrows(MappingException.class, () -> map(view("S", "V"),
                new ColumnRules(Map.of(), Map.of("YEAR", "varchar"), Set.of(), List.of())));

        assertEquals("columns.YEAR.type", e.field());
        assertTrue(e.getMessage().contains("asset S/V"), e.getMessage());
        assertTrue(e.getMessage().contains("varchar needs a length"), e.getMessage());
    }

    @Test
    void charOver255AndDecimalOver38AreRefused() {
        assertTrue(message(() -> map(view("S", "V"), override("YEAR", "char(300)"))).contains("char length 300"));
        assertTrue(message(() -> map(view("S", "V"), override("YEAR", "decimal(40,2)")))
                .contains("decimal precision 40"));
        assertTrue(message(() -> map(view("S", "V"), override("YEAR", "number"))).contains("unknown type 'number'"));
    }

    @Test
    void aPartitionKeyThatRepeatsAColumnIsRefused() {
        ColumnDefinition year = new ColumnDefinition("year", "int", null, Map.of());
        MappingException e = assertThrows(MappingException.class, () -> QueryEngineRules.check(view("S", "V"),
                List.of(year, new ColumnDefinition("month", "int", null, Map.of())), List.of(year)));

        assertTrue(e.getMessage().contains("partition key year and column year"), e.getMessage());
    }

    @Test
    void twoColumnsThatDifferOnlyInCaseAreRefused() {
        MappingException e = assertThrows(MappingException.class, () -> QueryEngineRules.check(view("S", "V"),
                List.of(new ColumnDefinition("amount", "int", null, Map.of()),
                        new ColumnDefinition("Amount", "int", null, Map.of())), List.of()));

        assertTrue(e.getMessage().contains("column Amount and column amount"), e.getMessage());
        assertTrue(message(() -> map(view("S", "V"), new ColumnRules(Map.of("MONTH", "year"), Map.of(), Set.of(),
                List.of()))).contains("both become Glue column 'year'"));
    }

    @Test
    void aTableWithoutDataColumnsIsRefused() {
        assertEquals("columns", assertThrows(MappingException.class, () -> QueryEngineRules.check(view("S", "V"),
                List.of(), List.of(new ColumnDefinition("year", "int", null, Map.of())))).field());
        Set<String> all = Set.copyOf(timeDimension().columns().stream().map(c -> c.name()).toList());
        assertTrue(message(() -> map(view("S", "V"), new ColumnRules(Map.of(), Map.of(), all, List.of())))
                .contains("has no properties"));
        assertTrue(message(() -> map(view("S", "V"), new ColumnRules(Map.of(), Map.of(), Set.of(),
                List.of(Glob.of("*"))))).contains("leaving no data column"));
    }

    // --- replicated tables ---

    @Test
    void aReplicatedAssetReadsTheFlowsS3FolderWithTheTechnicalColumns() {
        TableDefinition table = map(view("SAP_CONTENT", "SAP.TIME.VIEW_DIMENSION_DAY")
                .withReplica(replica("PARQUET", "lake-replica")), ColumnRules.NONE);

        assertEquals("s3://lake-replica/datasphere/replicated/TIME_DIM/", table.storage().location());
        assertEquals("parquet", table.parameters().get("classification"));
        assertEquals(List.of("__operation_type:string", "__sequence_number:bigint", "__timestamp:timestamp"),
                table.columns().subList(table.columns().size() - 3, table.columns().size()).stream()
                        .map(c -> c.name() + ":" + c.type()).toList());
        assertEquals("RF_SALES", table.parameters().get("datasphere.replication.flow"));
        assertEquals("REPLICATE", table.parameters().get("datasphere.replication.load_type"));
        assertFalse(table.parameters().containsKey("skip.header.line.count"));
    }

    @Test
    void aCsvReplicaIsDelimitedTextWithItsDelimiterAndHeaderLine() {
        TableDefinition table = map(view("S", "V").withReplica(replica("CSV", "lake-replica")), ColumnRules.NONE);

        assertEquals("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", table.storage().serializationLibrary());
        assertEquals(";", table.storage().serdeParameters().get("field.delim"));
        assertEquals("1", table.parameters().get("skip.header.line.count"));
        assertEquals("csv", table.parameters().get("classification"));
    }

    @Test
    void aReplicaOnAConnectionWithoutBucketKeepsTheDefaultLocationWithAWarning() {
        TableDefinition table = map(view("S", "V").withReplica(replica("PARQUET", null)), ColumnRules.NONE);

        assertEquals("s3://lake-data/datasphere/datasphere_s/v/", table.storage().location());
        assertFalse(table.columns().stream().anyMatch(c -> c.name().equals("__operation_type")));
        assertTrue(table.warnings().stream().anyMatch(w -> w.contains("does not map to a bucket")), table.warnings()
                .toString());
    }

    @Test
    void aReplicaPathThatLeavesItsFolderIsRefused() {
        MappingException e = assertThrows(MappingException.class,
                () -> TableLocation.replica("lake", "/a/../../b", "X"));
        assertEquals("replication.targetObject", e.field());
        assertEquals("s3://lake/s4/cds/I_CUSTOMER/", TableLocation.replica("lake", "/s4/cds/", "I_CUSTOMER"));
    }

    // --- helpers ---

    private static S3Replica replica(String fileType, String bucket) {
        return new S3Replica("RF_SALES", "replicationtask1", "S3_DATALAKE", bucket, "/datasphere/replicated",
                "TIME_DIM", fileType, "REPLICATE", "NONE", ";", true);
    }

    private static ColumnRules override(String column, String type) {
        return new ColumnRules(Map.of(), Map.of(column, type), Set.of(), List.of());
    }

    private static TableDefinition map(AssetMessage asset, ColumnRules rules) {
        return GlueTableMapper.map(asset, timeDimension(), SETTINGS, new AssetRules(BusinessContext.NONE, rules));
    }

    private static String message(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("no exception");
    }

    private static AssetMessage view(String space, String asset) {
        return new AssetMessage(AssetMessage.SCHEMA_VERSION, "20250301T020000Z-7bf73129", space, null, asset, null,
                AssetKind.VIEW, "https://t.example/api/v1/dwc/consumption/relational/" + space + "/x/$metadata", null,
                false, 0);
    }

    private static EntityModel timeDimension() {
        try (InputStream in = QueryableTableTest.class.getResourceAsStream(
                "/csdl/SAP.TIME.VIEW_DIMENSION_DAY.relational.xml")) {
            return CsdlParser.parse("SAP.TIME.VIEW_DIMENSION_DAY", in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
