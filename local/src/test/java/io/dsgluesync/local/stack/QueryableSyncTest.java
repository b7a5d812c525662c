package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.local.simulator.Tenant;
import io.dsgluesync.local.trino.QueryResult;
import io.dsgluesync.local.trino.SharedTrino;
import io.dsgluesync.local.trino.TrinoClient;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * The sync's output as Athena's users meet it: Trino 476 (the engine Athena is built on; Hive connector on the
 * local Glue and S3) opens every table the demo and a generated tenant produce, and reads back, value by value, the
 * files a replication flow writes to the tables' S3 folders — an initial load and a delta, Parquet and CSV.
 */
class QueryableSyncTest {
    private static TestStack demo;
    private static String catalog;
    private static TrinoClient trino;

    @BeforeAll
    static void syncTheDemo() throws Exception {
        demo = TestStack.start("queryable", SimulatorOptions.defaults());
        SyncReport report = demo.runner().run();
        assertEquals("COMPLETE", report.summary().get("status"), report.summary().toString());
        catalog = SharedTrino.catalogFor(demo.endpoints.motoPort());
        trino = SharedTrino.client();
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void everyTableOfTheDemoOpensInTrino() throws Exception {
        assertEquals(9, openEveryTable(demo, catalog), "the demo's 9 tables (10 assets, I_SUPPLIER skipped)");
    }

    @Test
    void everyTableOfAGeneratedTenantOpensInTrino() throws Exception {
        try (TestStack generated = TestStack.start("queryable-generated",
                SimulatorOptions.defaults().withTenant(Tenant.generated(3, 25, 11)))) {
            SyncReport report = generated.runner().run();
            assertEquals("0", report.summary().get("failed"), report.summary().toString());
            int tables = openEveryTable(generated, SharedTrino.catalogFor(generated.endpoints.motoPort()));
            assertEquals(Integer.parseInt(report.summary().get("created")), tables, report.summary().toString());
        }
    }

    @Test
    void aParquetReplicaIsReadBackWithEveryTypesValues() throws Exception {
        // I_CUSTOMER: an S/4HANA CDS view replicated to S3; string, date, decimal(15,2), boolean, timestamp, int,
        // bigint and binary columns, plus the replication's technical columns.
        assertReadBack("datasphere_space_a", "i_customer", "parquet");
    }

    @Test
    void aParquetReplicaOfADatasphereViewIsReadBack() throws Exception {
        assertReadBack("datasphere_sap_content", "sap_sc_sales_v_salesorders", "parquet");
    }

    @Test
    void aCsvReplicaIsReadBackWithTheFlowsDelimiterAndHeaderLine() throws Exception {
        // SAP.TIME.M_TIME_DIMENSION: replicated as CSV with ';' and a header line (RF_SALES_TO_S3, task 2).
        assertReadBack("datasphere_sap_content", "sap_time_m_time_dimension", "csv");
    }

    /** DESCRIBE and SELECT * … LIMIT 0 on every table of every database; answers how many tables. */
    private static int openEveryTable(TestStack stack, String trinoCatalog) throws Exception {
        int tables = 0;
        for (Database database : stack.aws.glue().getDatabases(r -> { }).databaseList()) {
            for (Table table : stack.aws.glue().getTables(r -> r.databaseName(database.name())).tableList()) {
                String name = trinoCatalog + "." + database.name() + "." + table.name();
                List<String> glueColumns = new ArrayList<>(table.storageDescriptor().columns().stream()
                        .map(Column::name).toList());
                table.partitionKeys().forEach(k -> glueColumns.add(k.name()));
                assertEquals(glueColumns, trino.execute("DESCRIBE " + name).column("Column"), name);
                assertEquals(glueColumns, trino.execute("SELECT * FROM " + name + " LIMIT 0").columnNames(), name);
                tables++;
            }
        }
        return tables;
    }

    /**
     * Writes an initial load (two rows, operation L) and a delta (an update and a delete) in the layout SAP
     * documents — {@code part-<uuid>-01.<ext>} files beside {@code _SUCCESS} and {@code .sap.partfile.metadata} — into
     * the table's location, and reads every value back through Glue with Trino.
     */
    private static void assertReadBack(String database, String tableName, String format) throws Exception {
        Table table = demo.aws.glue().getTable(r -> r.databaseName(database).name(tableName)).table();
        String location = table.storageDescriptor().location();
        List<Column> columns = table.storageDescriptor().columns();
        String delimiter = table.storageDescriptor().serdeInfo().parameters().getOrDefault("field.delim", ",");
        List<List<Object>> initial = List.of(row(columns, 1, "L", null), row(columns, 2, "L", null));
        List<List<Object>> delta = List.of(row(columns, 3, "U", 1L), row(columns, 4, "X", 2L));
        put(location, "part-" + UUID.randomUUID() + "-01." + format, file(columns, initial, format, delimiter));
        put(location, "_SUCCESS", new byte[0]);
        put(location, ".sap.partfile.metadata", "{\"internal\":true}".getBytes());
        put(location, "part-" + UUID.randomUUID() + "-01." + format, file(columns, delta, format, delimiter));

        QueryResult result = trino.execute("SELECT * FROM " + catalog + "." + database + "." + tableName
                + " ORDER BY __timestamp");

        List<List<String>> expected = new ArrayList<>();
        for (List<Object> row : List.of(initial.get(0), initial.get(1), delta.get(0), delta.get(1))) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                values.add(TypedValues.expected(columns.get(i).type(), row.get(i)));
            }
            expected.add(values);
        }
        List<List<String>> actual = result.rows().stream()
                .map(row -> row.stream().map(v -> v == null ? null : String.valueOf(v)).toList()).toList();
        assertEquals(expected, actual, tableName + " read back through Glue");
        assertTrue(result.rows().size() == 4, "hidden files (_SUCCESS, .sap.partfile.metadata) are not data");
    }

    private static List<Object> row(List<Column> columns, int n, String operation, Long sequence) {
        List<Object> row = new ArrayList<>();
        for (Column column : columns) {
            row.add(switch (column.name()) {
                case "__operation_type" -> operation;
                case "__sequence_number" -> sequence;
                case "__timestamp" -> "2026-12-0" + n + " 10:15:30.250";
                default -> TypedValues.sample(column.type(), n);
            });
        }
        return row;
    }

    /** The file, written by pyarrow (Parquet) or as delimited text, in the project's virtualenv. */
    private static byte[] file(List<Column> columns, List<List<Object>> rows, String format, String delimiter)
            throws IOException, InterruptedException {
        ObjectNode spec = JsonCodec.mapper().createObjectNode().put("format", format).put("delimiter", delimiter)
                .put("header", true);
        ArrayNode specColumns = spec.putArray("columns");
        columns.forEach(c -> specColumns.addObject().put("name", c.name()).put("type", c.type()));
        spec.set("rows", JsonCodec.mapper().valueToTree(rows));
        Path dir = Files.createDirectories(demo.paths.projectDir().resolve("local/target/replica-files"));
        Path specFile = Files.writeString(dir.resolve(UUID.randomUUID() + ".json"), JsonCodec.write(spec));
        Path out = dir.resolve(UUID.randomUUID() + "." + format);
        Process writer = new ProcessBuilder(demo.paths.projectDir().resolve(".venv/bin/python").toString(),
                demo.paths.projectDir().resolve("local/tools/write_replica_files.py").toString(), specFile.toString(),
                out.toString()).redirectErrorStream(true).start();
        String output = new String(writer.getInputStream().readAllBytes());
        assertEquals(0, writer.waitFor(), output);
        return Files.readAllBytes(out);
    }

    private static void put(String location, String name, byte[] content) {
        String path = location.substring("s3://".length());
        String bucket = path.substring(0, path.indexOf('/'));
        String key = path.substring(path.indexOf('/') + 1) + name;
        demo.aws.s3().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }
}
