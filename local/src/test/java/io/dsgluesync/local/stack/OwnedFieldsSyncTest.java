package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.audit.AuditStore;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.mapping.SyncParameters;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * What the sync does not own, over the real peers (moto, the functions under the emulator, the simulator): an adopted
 * table keeps its storage and partition keys, and the partition keys of a table that has partitions are never
 * changed, even when the rules file asks for other keys; under the REPORT and LOG policies a drifted and a stale
 * table are recorded and left as they are. Ordered: the second test runs on what the first synced.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class OwnedFieldsSyncTest {
    private static final String CONTENT = "datasphere_sap_content";
    private static final String SPACE_A = "datasphere_space_a";
    private static TestStack stack;
    private static SyncRunner adopting;

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.start("owned-fields", SimulatorOptions.defaults());
        adopting = stack.runner().withEnvironment("WorkerFunction", Map.of("GLUE_ADOPT_UNMANAGED_TABLES", "true"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static Table table(String database, String name) {
        return stack.aws.glue().getTable(r -> r.databaseName(database).name(name)).table();
    }

    private static Map<String, AttributeValue> item(SyncReport report, String asset) {
        return new AuditStore(stack.aws.dynamo(), stack.endpoints.resources().auditTable(), Clock.systemUTC(),
                Duration.ofDays(30)).assetItems(report.runId()).stream()
                .filter(i -> i.get("asset").s().equals(asset)).findFirst().orElseThrow();
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void anAdoptedTableKeepsItsStorageAndAPartitionedTableItsPartitionKeys() throws Exception {
        // A crawler's table under an asset's name, before the first sync.
        stack.aws.glue().createDatabase(r -> r.databaseInput(d -> d.name(CONTENT)));
        stack.aws.glue().createTable(r -> r.databaseName(CONTENT).tableInput(TableInput.builder()
                .name("sap_sc_fi_v_productsdim").tableType("EXTERNAL_TABLE").owner("crawler")
                .parameters(Map.of("classification", "csv", "crawler_name", "lake-crawler"))
                .partitionKeys(Column.builder().name("ingest_date").type("string").build())
                .storageDescriptor(StorageDescriptor.builder().location("s3://lake-raw/products/")
                        .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                        .outputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
                        .serdeInfo(SerDeInfo.builder().serializationLibrary(
                                "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe").build())
                        .columns(Column.builder().name("productid").type("string").build()).build())
                .build()));

        SyncReport first = adopting.run();

        assertEquals("UPDATED", item(first, "SAP_SC_FI_V_ProductsDim").get("action").s());
        Table adopted = table(CONTENT, "sap_sc_fi_v_productsdim");
        assertEquals("s3://lake-raw/products/", adopted.storageDescriptor().location());
        assertEquals("org.apache.hadoop.mapred.TextInputFormat", adopted.storageDescriptor().inputFormat());
        assertEquals(List.of("ingest_date"), adopted.partitionKeys().stream().map(Column::name).toList());
        assertEquals("crawler", adopted.owner());
        assertEquals("lake-crawler", adopted.parameters().get("crawler_name"));
        assertTrue(adopted.parameters().containsKey(SyncParameters.ADOPTED_AT));
        assertTrue(adopted.storageDescriptor().columns().size() > 1, "the sync's columns");

        // The usage table is partitioned by service_name (rules file); it now has a partition.
        Table usage = table(SPACE_A, "sap_tel_cvm_il_service_usage");
        assertEquals(List.of("service_name"), usage.partitionKeys().stream().map(Column::name).toList());
        stack.aws.glue().createPartition(r -> r.databaseName(SPACE_A).tableName("sap_tel_cvm_il_service_usage")
                .partitionInput(p -> p.values("voice").storageDescriptor(usage.storageDescriptor().toBuilder()
                        .location(usage.storageDescriptor().location() + "service_name=voice/").build())));
        String bucket = stack.endpoints.resources().rulesBucket();
        String rules = stack.aws.s3().getObjectAsBytes(r -> r.bucket(bucket).key(StackResources.RULES_KEY))
                .asUtf8String();
        String otherKeys = rules.replace("\"partitionKeys\": [\"SERVICE_NAME\"]", "\"partitionKeys\": [\"SUBSCRIPTION_ID\"]");
        assertTrue(!otherKeys.equals(rules), "the rules file names the partition key");
        stack.aws.s3().putObject(r -> r.bucket(bucket).key(StackResources.RULES_KEY), RequestBody.fromString(otherKeys));

        SyncReport second = adopting.run();

        Map<String, AttributeValue> refused = item(second, "SAP_TEL_CVM_IL_SERVICE_USAGE");
        assertEquals("FAILED", refused.get("action").s());
        assertEquals("partitionKeys", refused.get("errorField").s());
        assertTrue(refused.get("error").s().contains("has partitions"), refused.get("error").s());
        Table kept = table(SPACE_A, "sap_tel_cvm_il_service_usage");
        assertEquals(usage.versionId(), kept.versionId());
        assertEquals(List.of("service_name"), kept.partitionKeys().stream().map(Column::name).toList());
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void underTheReportAndLogPoliciesADriftedAndAStaleTableAreRecordedAndLeftAsTheyAre() throws Exception {
        Table orders = table(CONTENT, "sales_am_order_items");
        stack.aws.glue().updateTable(r -> r.databaseName(CONTENT).tableInput(io.dsgluesync.glue.GlueConverter
                .inputOf(orders).toBuilder().storageDescriptor(orders.storageDescriptor().toBuilder()
                        .location("s3://somewhere-else/orders/").build()).build()));
        Table edited = table(CONTENT, "sales_am_order_items");
        Table dimension = table(CONTENT, "sap_time_view_dimension_day");
        stack.simulator.faults().removeAsset("SAP_CONTENT", "SAP.TIME.VIEW_DIMENSION_DAY");
        Map<String, String> report = Map.of("DRIFT_POLICY", "REPORT", "STALE_TABLE_POLICY", "LOG");
        try {
            SyncReport run = stack.runner().withEnvironment("DiscoveryFunction", report)
                    .withEnvironment("WorkerFunction", report).run();

            Map<String, AttributeValue> drifted = item(run, "SALES_AM_ORDER_ITEMS");
            assertEquals("DRIFTED", drifted.get("action").s());
            assertTrue(drifted.get("drift").l().get(0).s().startsWith("storage: now location s3://somewhere-else/orders/"),
                    drifted.toString());
            assertEquals(edited.versionId(), table(CONTENT, "sales_am_order_items").versionId());
            Map<String, AttributeValue> stale = item(run, "SAP.TIME.VIEW_DIMENSION_DAY");
            assertEquals("STALE", stale.get("action").s());
            assertTrue(stale.get("note").s().contains("policy LOG"), stale.get("note").s());
            Table kept = table(CONTENT, "sap_time_view_dimension_day");
            assertEquals(dimension.versionId(), kept.versionId());
            assertTrue(!kept.parameters().containsKey(SyncParameters.DEPRECATED_AT));
        } finally {
            stack.simulator.faults().restoreRemoved();
        }
    }
}
