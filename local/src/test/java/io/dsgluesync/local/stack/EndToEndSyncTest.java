package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.model.JsonCodec;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * The whole sync of the simulator's sample tenant over the real peers: moto, the three function jars under the
 * Runtime Interface Emulator, the Datasphere simulator. Ordered: the second sync runs on what the first wrote.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndSyncTest {
    private static TestStack stack;
    private static SyncReport first;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TestStack.start("end-to-end", SimulatorOptions.defaults());
        first = stack.runner().run();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void firstSyncCreatesOneDatabasePerSpaceAndOneTablePerAsset() {
        List<String> databases = stack.aws.glue().getDatabases(r -> r.maxResults(100)).databaseList().stream()
                .map(Database::name).sorted().toList();
        assertEquals(List.of("datasphere_sap_content", "datasphere_space_a"), databases);
        // The local table SAP.TIME.M_TIME_DIMENSION and the S/4HANA view I_CUSTOMER come from replication flows.
        assertEquals(List.of("sales_am_order_items", "sap_sc_fi_v_productsdim", "sap_sc_sales_v_salesorders",
                "sap_time_m_time_dimension", "sap_time_view_dimension_day"), tableNames("datasphere_sap_content"));
        assertEquals(List.of("collegeenrollment", "enrollment_am", "i_customer", "sap_tel_cvm_il_service_usage"),
                tableNames("datasphere_space_a"));
    }

    @Test
    @Order(2)
    void viewColumnsKeepTheirTypesDecimalsDatesAndTimestamps() {
        Table orders = table("datasphere_sap_content", "sap_sc_sales_v_salesorders");
        Map<String, String> types = orders.storageDescriptor().columns().stream()
                .collect(Collectors.toMap(Column::name, Column::type));
        assertEquals("varchar(10)", types.get("salesorderid"));
        assertEquals("decimal(15,2)", types.get("grossamount"));
        assertEquals("date", types.get("createdat"));
        assertEquals("timestamp", types.get("changedat_ts"));
        Column id = column(orders, "salesorderid");
        assertEquals("Sales order ID", id.comment());
        assertEquals("true", id.parameters().get("datasphere.key"));
        assertEquals("Sales Orders", orders.description());
        assertEquals("view", orders.parameters().get("datasphere.kind"));
        assertEquals("datasphere-glue-sync", orders.parameters().get("datasphere.sync.managed_by"));
        assertEquals("EXTERNAL_TABLE", orders.tableType());
    }

    @Test
    @Order(3)
    void analyticModelCarriesDimensionsMeasuresAndHierarchies() throws Exception {
        Table model = table("datasphere_sap_content", "sales_am_order_items");
        assertEquals("analytic_model", model.parameters().get("datasphere.kind"));
        JsonNode measures = JsonCodec.mapper().readTree(model.parameters().get("datasphere.measures"));
        JsonNode gross = find(measures, "GROSSAMOUNT");
        assertEquals("sum", gross.get("aggregation").asText());
        assertEquals("CURRENCY", gross.get("currency").asText());
        assertTrue(model.parameters().get("datasphere.dimensions").contains("PRODCATEGORYID_Prod"));
        JsonNode hierarchies = JsonCodec.mapper().readTree(model.parameters().get("datasphere.hierarchies"));
        assertEquals("PRODUCT", hierarchies.get(0).get("name").asText());
        assertEquals("measure", column(model, "grossamount").parameters().get("datasphere.role"));
        assertEquals("dimension", column(model, "productid").parameters().get("datasphere.role"));
    }

    @Test
    @Order(3)
    void businessContextAndFieldMappingComeFromTheRulesFile() {
        Table sales = table("datasphere_sap_content", "sales_am_order_items");
        assertEquals("jane.doe@example.com", sales.parameters().get("datasphere.steward"));
        assertEquals("Central BI team", sales.parameters().get("datasphere.owner"));
        assertEquals("certified", sales.parameters().get("datasphere.certification"));
        assertEquals("sap-content,sales,gold", sales.parameters().get("datasphere.tags"));
        assertEquals("sales", sales.parameters().get("datasphere.property.domain"));
        assertEquals("127.0.0.1/SAP_CONTENT",
                sales.parameters().get("datasphere.source_system"));
        Table usage = table("datasphere_space_a", "sap_tel_cvm_il_service_usage");
        List<String> columns = usage.storageDescriptor().columns().stream().map(Column::name).toList();
        assertTrue(columns.contains("usage_date_key"), columns.toString());
        assertFalse(columns.contains("date_time") || columns.contains("is_roaming"), columns.toString());
        assertEquals("DATE_TIME", column(usage, "usage_date_key").parameters().get("datasphere.original_name"));
        assertEquals("decimal(12,2)", column(usage, "amount").type());
        assertEquals("decimal(8,2) -> decimal(12,2)", column(usage, "amount").parameters().get("datasphere.type_override"));
        assertEquals(List.of("service_name"), usage.partitionKeys().stream().map(Column::name).toList());
        assertFalse(columns.contains("service_name"), "a partition key is not also a data column");
    }

    @Test
    @Order(3)
    void everyTableHasADataLocationAndASerDe() {
        for (String database : List.of("datasphere_sap_content", "datasphere_space_a")) {
            for (Table t : stack.aws.glue().getTables(r -> r.databaseName(database)).tableList()) {
                assertTrue(t.storageDescriptor().location().startsWith("s3://dsgs-local-"), t.name());
                assertTrue(t.storageDescriptor().location().endsWith("/"), t.name());
                assertFalse(t.storageDescriptor().serdeInfo().serializationLibrary().isBlank(), t.name());
            }
        }
        assertEquals("s3://dsgs-local-data/datasphere/datasphere_sap_content/sap_sc_fi_v_productsdim/",
                table("datasphere_sap_content", "sap_sc_fi_v_productsdim").storageDescriptor().location());
    }

    @Test
    @Order(3)
    void replicatedAssetsReadTheFoldersTheirReplicationFlowsWrite() {
        Table orders = table("datasphere_sap_content", "sap_sc_sales_v_salesorders");
        assertEquals("s3://dsgs-local-replica/datasphere/replicated/SALES_ORDERS/",
                orders.storageDescriptor().location());
        assertEquals("RF_SALES_TO_S3", orders.parameters().get("datasphere.replication.flow"));
        assertEquals("REPLICATE", orders.parameters().get("datasphere.replication.load_type"));
        List<String> names = orders.storageDescriptor().columns().stream().map(Column::name).toList();
        assertEquals(List.of("__operation_type", "__sequence_number", "__timestamp"),
                names.subList(names.size() - 3, names.size()));

        Table time = table("datasphere_sap_content", "sap_time_m_time_dimension");
        assertEquals("s3://dsgs-local-replica/datasphere/replicated/TIME_DIMENSION/",
                time.storageDescriptor().location());
        assertEquals(";", time.storageDescriptor().serdeInfo().parameters().get("field.delim"));
        assertEquals("1", time.parameters().get("skip.header.line.count"));

        Table customer = table("datasphere_space_a", "i_customer");
        assertEquals("replicated_object", customer.parameters().get("datasphere.kind"));
        assertEquals("s3://dsgs-local-replica/s4/cds/I_CUSTOMER/", customer.storageDescriptor().location());
        Map<String, String> types = customer.storageDescriptor().columns().stream()
                .collect(Collectors.toMap(Column::name, Column::type));
        assertEquals("decimal(15,2)", types.get("creditlimitamount"));
        assertEquals("bigint", types.get("changesequencenumber"));
        assertEquals("binary", types.get("logoimage"));

        SyncReport.AssetLine supplier = first.assets().stream().filter(a -> a.asset().equals("I_SUPPLIER"))
                .findFirst().orElseThrow();
        assertEquals("SKIPPED", supplier.action());
        String note = auditItems(first.runId()).stream().filter(i -> i.get("asset").s().equals("I_SUPPLIER"))
                .findFirst().orElseThrow().get("note").s();
        assertTrue(note.contains("carries no column definitions"), note);
    }

    @Test
    @Order(3)
    void aFlowToAConnectionWithoutBucketLeavesTheDefaultLocationAndAWarning() {
        Table usage = table("datasphere_space_a", "sap_tel_cvm_il_service_usage");
        assertEquals("s3://dsgs-local-data/datasphere/datasphere_space_a/sap_tel_cvm_il_service_usage/",
                usage.storageDescriptor().location());
        Map<String, AttributeValue> item = auditItems(first.runId()).stream()
                .filter(i -> i.get("asset").s().equals("SAP_TEL_CVM_IL_SERVICE_USAGE")).findFirst().orElseThrow();
        assertTrue(item.get("warnings").l().stream().anyMatch(w -> w.s().contains("S3_ARCHIVE")), item.toString());
    }

    @Test
    @Order(4)
    void runSummaryInDynamoDbCountsEveryAsset() {
        Map<String, String> summary = first.summary();
        assertEquals("COMPLETE", summary.get("status"));
        assertEquals("10", summary.get("expectedAssets"));
        assertEquals("10", summary.get("processed"));
        assertEquals("9", summary.get("created"));
        assertEquals("1", summary.get("skipped"));
        assertEquals("0", summary.get("failed"));
        assertEquals(10, first.assets().size());
        assertTrue(first.assets().stream().allMatch(a -> a.action().equals(a.asset().equals("I_SUPPLIER") ? "SKIPPED"
                : "CREATED")), first.assets().toString());
    }

    @Test
    @Order(5)
    void functionLogsAreStructuredJsonWithCorrelationFields() throws Exception {
        List<JsonNode> lines = Files.readAllLines(stack.logDir.resolve("WorkerFunction.log")).stream()
                .filter(l -> l.startsWith("{")).map(EndToEndSyncTest::json).toList();
        List<JsonNode> synced = lines.stream().filter(l -> "asset synced".equals(l.path("message").asText())).toList();
        assertEquals(10, synced.size());
        for (JsonNode line : synced) {
            assertEquals(first.runId(), line.path("run_id").asText());
            assertFalse(line.path("space").asText().isEmpty());
            assertFalse(line.path("asset").asText().isEmpty());
            assertFalse(line.path("function_request_id").asText().isEmpty());
            assertEquals("worker", line.path("service").asText());
        }
        double created = lines.stream().filter(l -> l.has("_aws")).mapToDouble(l -> sum(l.path("AssetsCreated")))
                .sum();
        assertEquals(9.0, created, "EMF lines count the 9 created assets");
    }

    @Test
    @Order(5)
    void everyLogLineOfEveryFunctionMeansSomething() throws Exception {
        for (String function : List.of("DiscoveryFunction", "WorkerFunction", "ResultsFunction")) {
            List<String> noise = jsonLines(function + ".log").stream().map(l -> l.path("message").asText())
                    .filter(m -> List.of("Unknown name", "Unknown type", "No metrics were emitted").contains(m))
                    .toList();
            assertEquals(List.of(), noise, function);
        }
    }

    @Test
    @Order(6)
    void secondSyncChangesNothingAndWritesNothingToGlue() throws Exception {
        String versionBefore = table("datasphere_space_a", "enrollment_am").versionId();
        SyncReport second = stack.runner().run();
        assertEquals("COMPLETE", second.summary().get("status"));
        assertEquals("9", second.summary().get("unchanged"));
        assertEquals("1", second.summary().get("skipped"));
        assertEquals("0", second.summary().get("created"));
        assertEquals(versionBefore, table("datasphere_space_a", "enrollment_am").versionId());
        for (Map<String, AttributeValue> item : auditItems(second.runId())) {
            Map<String, AttributeValue> calls = item.get("calls").m();
            assertFalse(calls.containsKey("glue.CreateTable") || calls.containsKey("glue.UpdateTable"),
                    "no Glue write for " + item.get("asset").s() + ": " + calls);
            if (item.get("kind").s().equals("view") || item.get("kind").s().startsWith("analytic")) {
                // Objects known from design-time definitions have no $metadata ETag: their fingerprint decides.
                assertEquals("metadata not modified (HTTP 304)", item.get("note").s(), item.get("asset").s());
            }
        }
        assertEquals(2, stack.aws.glue().getDatabases(r -> r.maxResults(100)).databaseList().size());
    }

    @Test
    @Order(7)
    void auditItemsExpireByTtlAndRunSummariesAreKept() {
        long inThirtyDays = java.time.Instant.now().plus(java.time.Duration.ofDays(30)).getEpochSecond();
        for (Map<String, AttributeValue> item : auditItems(first.runId())) {
            long expiresAt = Long.parseLong(item.get("expiresAt").n());
            assertTrue(Math.abs(expiresAt - inThirtyDays) < 3600, "expiresAt in epoch seconds, 30 days ahead");
        }
        Map<String, AttributeValue> summary = stack.aws.dynamo().getItem(r -> r
                .tableName(stack.endpoints.resources().auditTable()).key(Map.of(
                        "pk", AttributeValue.fromS("RUN#" + first.runId()), "sk", AttributeValue.fromS("SUMMARY"))))
                .item();
        assertFalse(summary.containsKey("expiresAt"));
        assertTrue(Long.parseLong(summary.get("p95DurationMs").n()) > 0);
        assertEquals(List.of("123456789012"), summary.get("targetAccounts").ss());
    }

    @Test
    @Order(8)
    void discoveryAndResultsLogCorrelationFieldsAndEmitMetrics() throws Exception {
        List<JsonNode> discovery = jsonLines("DiscoveryFunction.log");
        JsonNode finished = discovery.stream().filter(l -> "discovery finished".equals(l.path("message").asText()))
                .findFirst().orElseThrow();
        assertEquals(first.runId(), finished.path("run_id").asText());
        assertFalse(finished.path("correlation_id").asText().isEmpty(), "the EventBridge event id");
        assertTrue(discovery.stream().anyMatch(l -> l.has("_aws") && sum(l.path("AssetsEnqueued")) == 10.0));
        List<JsonNode> results = jsonLines("ResultsFunction.log");
        JsonNode done = results.stream().filter(l -> "run finished".equals(l.path("message").asText()))
                .findFirst().orElseThrow();
        assertEquals(first.runId(), done.path("run_id").asText());
        assertEquals("COMPLETE", done.path("status").asText());
        assertTrue(results.stream().anyMatch(l -> l.has("_aws") && l.path("Status").asText().equals("COMPLETE")
                && sum(l.path("RunsFinished")) == 1.0), "RunsFinished with its Status dimension");
    }

    @Test
    @Order(9)
    void operatorCommandLinePrintsTheRunReportAndTheRunList() throws Exception {
        String report = results("report", first.runId());
        assertTrue(report.startsWith("Run " + first.runId() + "  COMPLETE"), report);
        assertTrue(report.contains("expected 10  processed 10  created 9"), report);
        assertTrue(report.contains("No failed or conflicting assets."), report);
        assertTrue(report.contains("Skipped assets:\n  SPACE_A          I_SUPPLIER"), report);
        assertTrue(report.contains("carries no column definitions for I_SUPPLIER"), report);
        String runs = results("runs", "5");
        List<String> lines = runs.lines().toList();
        assertEquals(3, lines.size(), runs);
        assertTrue(lines.get(0).startsWith("RUN "), runs);
        assertFalse(lines.get(1).startsWith(first.runId()), "the second sync is newest: " + runs);
        assertTrue(lines.get(2).startsWith(first.runId()), "the first sync comes last: " + runs);
    }

    /** java -jar results.jar ARGS against the test stack's audit table. */
    private static String results(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                stack.paths.projectDir().resolve("functions/results/target/results.jar").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().putAll(stack.endpoints.runtimeEnvironment());
        builder.environment().put("AUDIT_TABLE_NAME", stack.endpoints.resources().auditTable());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), err);
        return out;
    }

    private static List<JsonNode> jsonLines(String file) throws Exception {
        return Files.readAllLines(stack.logDir.resolve(file)).stream().filter(l -> l.startsWith("{"))
                .map(EndToEndSyncTest::json).toList();
    }

    @Test
    @Order(10)
    void aReplicationTargetMovedToAnotherBucketMovesItsTablesEvenWhileTheMetadataIsUnchanged() throws Exception {
        String rules = Files.readString(stack.paths.projectDir().resolve("local/sync-rules.json"))
                .replace("\"bucket\": \"dsgs-local-replica\"", "\"bucket\": \"dsgs-local-moved\"");
        stack.aws.s3().putObject(r -> r.bucket(stack.endpoints.resources().rulesBucket()).key(StackResources.RULES_KEY),
                RequestBody.fromString(rules));
        try {
            SyncReport moved = stack.runner().run();
            assertEquals("UPDATED", moved.assets().stream().filter(a -> a.asset().equals("SAP_SC_SALES_V_SalesOrders"))
                    .findFirst().orElseThrow().action());
            assertEquals("s3://dsgs-local-moved/datasphere/replicated/SALES_ORDERS/",
                    table("datasphere_sap_content", "sap_sc_sales_v_salesorders").storageDescriptor().location());
            assertEquals("s3://dsgs-local-moved/s4/cds/I_CUSTOMER/",
                    table("datasphere_space_a", "i_customer").storageDescriptor().location());
            assertEquals("UNCHANGED", moved.assets().stream().filter(a -> a.asset().equals("SAP_SC_FI_V_ProductsDim"))
                    .findFirst().orElseThrow().action(), "an asset without a replication flow is not touched");
        } finally {
            stack.aws.s3().putObject(r -> r.bucket(stack.endpoints.resources().rulesBucket())
                    .key(StackResources.RULES_KEY), RequestBody.fromFile(stack.paths.projectDir()
                    .resolve("local/sync-rules.json")));
        }
    }

    private static List<Map<String, AttributeValue>> auditItems(String runId) {
        return stack.aws.dynamo().query(r -> r.tableName(stack.endpoints.resources().auditTable())
                .keyConditionExpression("pk = :pk AND begins_with(sk, :asset)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("RUN#" + runId),
                        ":asset", AttributeValue.fromS("ASSET#")))).items();
    }

    private static List<String> tableNames(String database) {
        return stack.aws.glue().getTables(r -> r.databaseName(database)).tableList().stream().map(Table::name)
                .sorted().toList();
    }

    private static Table table(String database, String name) {
        return stack.aws.glue().getTable(r -> r.databaseName(database).name(name)).table();
    }

    private static Column column(Table table, String name) {
        return table.storageDescriptor().columns().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no column " + name + " in " + table.name()));
    }

    private static JsonNode find(JsonNode array, String name) {
        for (JsonNode node : array) {
            if (name.equals(node.path("name").asText())) {
                return node;
            }
        }
        throw new AssertionError("no " + name + " in " + array);
    }

    /** An EMF value is a number or, when one flush holds several data points, an array of them. */
    private static double sum(JsonNode value) {
        if (value.isArray()) {
            double total = 0;
            for (JsonNode v : value) {
                total += v.asDouble();
            }
            return total;
        }
        return value.asDouble(0);
    }

    private static JsonNode json(String line) {
        try {
            return JsonCodec.mapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
