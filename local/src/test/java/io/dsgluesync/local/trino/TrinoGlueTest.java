package io.dsgluesync.local.trino;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dsgluesync.local.stack.LambdaEmulator;
import io.dsgluesync.local.stack.LocalAws;
import io.dsgluesync.local.stack.MotoServer;
import io.dsgluesync.local.stack.StackPaths;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Trino 476 (Athena's engine) reads tables defined in moto's Glue over files in moto's S3, as Athena reads the
 * tables the sync writes. The tables are built with the SDK the way the sync's StorageDefinition builds them.
 */
class TrinoGlueTest {
    private static final String BUCKET = "dsgs-trino-test";
    private static final String DATABASE = "trino_glue";
    private static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
    private static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
    private static final String CSV_SERDE = "org.apache.hadoop.hive.serde2.OpenCSVSerde";
    private static final String PARQUET_INPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    private static final String PARQUET_OUTPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    private static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";

    private static long motoPid;
    private static LocalAws aws;
    private static TrinoClient trino;
    private static String catalog;
    private static int motoPort;

    @BeforeAll
    static void startMotoAndTrino() throws Exception {
        StackPaths paths = StackPaths.discover();
        Path log = paths.projectDir().resolve("local/target/test-stacks/trino-glue/moto.log");
        motoPort = LambdaEmulator.freePort();
        motoPid = MotoServer.start(paths, motoPort, log);
        aws = new LocalAws(motoPort);
        aws.s3().createBucket(r -> r.bucket(BUCKET)
                .createBucketConfiguration(c -> c.locationConstraint(LocalAws.REGION)));
        aws.glue().createDatabase(r -> r.databaseInput(d -> d.name(DATABASE)));
        catalog = SharedTrino.catalogFor(motoPort);
        trino = SharedTrino.client();
    }

    @AfterAll
    static void stopMoto() {
        if (aws != null) {
            aws.close();
        }
        ProcessHandle.of(motoPid).ifPresent(ProcessHandle::destroy);
    }

    @Test
    void csvTableReturnsTheRowsOfTheFileAtItsLocation() throws Exception {
        createTable("orders_csv", csv("s3://" + BUCKET + "/orders_csv/", column("id", "string"),
                column("customer", "string"), column("amount", "string")), List.of());
        putObject("orders_csv/part-0.csv", "1,Alice,10.50\n2,Bob,3.00\n");

        QueryResult result = trino.execute("SELECT id, customer, amount FROM " + table("orders_csv") + " ORDER BY id");

        assertEquals(List.of(List.of("1", "Alice", "10.50"), List.of("2", "Bob", "3.00")), result.rows());
    }

    @Test
    void describeListsTheGlueColumnsWithTrinoTypes() throws Exception {
        createTable("described", parquet("s3://" + BUCKET + "/described/", column("order_id", "varchar(10)"),
                column("gross_amount", "decimal(15,2)"), column("created_at", "date"),
                column("changed_at", "timestamp")), List.of());

        QueryResult result = trino.execute("DESCRIBE " + table("described"));

        assertEquals(List.of("order_id", "gross_amount", "created_at", "changed_at"), result.column("Column"));
        assertEquals(List.of("varchar(10)", "decimal(15,2)", "date", "timestamp(3)"), result.column("Type"));
    }

    @Test
    void parquetFileWrittenByTrinoIsReadThroughAGlueParquetTable() throws Exception {
        // Writing through the Glue catalog fails on moto (no column statistics), so a file-metastore catalog
        // writes the Parquet file; the table Trino reads is the Glue one.
        HiveFileCatalog writer = new HiveFileCatalog("files_" + motoPort, motoPort, "s3://" + BUCKET + "/_metastore/");
        trino.createCatalog(writer);
        trino.execute("CREATE SCHEMA IF NOT EXISTS " + writer.name() + ".files WITH (location = 's3://" + BUCKET
                + "/_files/')");
        trino.execute("CREATE TABLE " + writer.name() + ".files.orders WITH (format = 'PARQUET', external_location = "
                + "'s3://" + BUCKET + "/orders_parquet/') AS SELECT * FROM (VALUES (BIGINT '1', 'Alice', "
                + "DECIMAL '10.50'), (2, 'Bob', 3.00)) AS t(id, customer, amount)");
        createTable("orders_parquet", parquet("s3://" + BUCKET + "/orders_parquet/", column("id", "bigint"),
                column("customer", "string"), column("amount", "decimal(12,2)")), List.of());

        QueryResult result = trino.execute("SELECT id, customer, amount FROM " + table("orders_parquet")
                + " ORDER BY id");

        assertEquals(List.of(List.of(1, "Alice", "10.50"), List.of(2, "Bob", "3.00")), result.rows());
        List<S3Object> files = aws.s3().listObjectsV2(r -> r.bucket(BUCKET).prefix("orders_parquet/")).contents();
        assertEquals(1, files.size());
        byte[] head = Arrays.copyOf(aws.s3().getObjectAsBytes(r -> r.bucket(BUCKET).key(files.get(0).key()))
                .asByteArray(), 4);
        assertArrayEquals("PAR1".getBytes(), head, "a Parquet file starts with its magic number");
    }

    @Test
    void partitionedTableReadsEachPartitionsLocation() throws Exception {
        String root = "s3://" + BUCKET + "/usage/";
        createTable("usage", csv(root, column("id", "string")), List.of(column("region", "string")));
        for (String region : List.of("emea", "apac")) {
            aws.glue().createPartition(r -> r.databaseName(DATABASE).tableName("usage").partitionInput(p -> p
                    .values(region).storageDescriptor(csv(root + "region=" + region + "/", column("id", "string")))));
            putObject("usage/region=" + region + "/part-0.csv", region + "-1\n" + region + "-2\n");
        }

        QueryResult all = trino.execute("SELECT region, count(*) FROM " + table("usage")
                + " GROUP BY region ORDER BY region");
        QueryResult pruned = trino.execute("SELECT id FROM " + table("usage") + " WHERE region = 'apac' ORDER BY id");

        assertEquals(List.of(List.of("apac", 2), List.of("emea", 2)), all.rows());
        assertEquals(List.of("apac-1", "apac-2"), pruned.column("id"));
    }

    @Test
    void tableWithoutLocationCannotBeOpened() throws Exception {
        createTable("no_location", parquet(null, column("id", "bigint")), List.of());

        // HiveMetadata asks io.trino.metastore.Storage for the location, whose Optional.orElseThrow() fails;
        // DESCRIBE and SELECT alike answer "Failed to construct table metadata".
        TrinoQueryException describe = assertThrows(TrinoQueryException.class,
                () -> trino.execute("DESCRIBE " + table("no_location")));
        TrinoQueryException select = assertThrows(TrinoQueryException.class,
                () -> trino.execute("SELECT * FROM " + table("no_location")));

        assertEquals("GENERIC_INTERNAL_ERROR", describe.errorName());
        assertEquals("GENERIC_INTERNAL_ERROR", select.errorName());
        assertEquals("Failed to construct table metadata for table " + DATABASE + ".no_location",
                describe.trinoMessage());
        assertEquals("java.util.NoSuchElementException: No value present", describe.rootCause());
    }

    @Test
    void missingTableIsReportedByName() {
        TrinoQueryException e = assertThrows(TrinoQueryException.class,
                () -> trino.execute("SELECT * FROM " + table("never_synced")));

        assertEquals("TABLE_NOT_FOUND", e.errorName());
        assertEquals("USER_ERROR", e.errorType());
    }

    private static String table(String name) {
        return catalog + "." + DATABASE + "." + name;
    }

    private static void createTable(String name, StorageDescriptor storage, List<Column> partitionKeys) {
        aws.glue().createTable(r -> r.databaseName(DATABASE).tableInput(TableInput.builder().name(name)
                .tableType("EXTERNAL_TABLE").storageDescriptor(storage).partitionKeys(partitionKeys)
                .parameters(Map.of("classification", storage.serdeInfo().serializationLibrary().equals(CSV_SERDE)
                        ? "csv" : "parquet"))
                .build()));
    }

    private static StorageDescriptor csv(String location, Column... columns) {
        return storage(location, TEXT_INPUT, TEXT_OUTPUT, CSV_SERDE, Map.of("separatorChar", ","), columns);
    }

    private static StorageDescriptor parquet(String location, Column... columns) {
        return storage(location, PARQUET_INPUT, PARQUET_OUTPUT, PARQUET_SERDE, Map.of("serialization.format", "1"),
                columns);
    }

    private static StorageDescriptor storage(String location, String input, String output, String serde,
                                             Map<String, String> serdeParameters, Column... columns) {
        return StorageDescriptor.builder().columns(columns).location(location).inputFormat(input).outputFormat(output)
                .serdeInfo(SerDeInfo.builder().serializationLibrary(serde).parameters(serdeParameters).build())
                .build();
    }

    private static Column column(String name, String type) {
        return Column.builder().name(name).type(type).build();
    }

    private static void putObject(String key, String content) {
        aws.s3().putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString(content));
    }
}
