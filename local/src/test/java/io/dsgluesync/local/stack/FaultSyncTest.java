package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.local.simulator.Faults;
import io.dsgluesync.local.simulator.SimulatorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Whole syncs over the real peers while the simulator misbehaves, and with a catalog that others also edit. Ordered:
 * each sync starts from what the previous one left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSyncTest {
    private static TestStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.start("fault-sync", SimulatorOptions.defaults());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static SyncReport.AssetLine line(SyncReport report, String asset) {
        return report.assets().stream().filter(a -> a.asset().equals(asset)).findFirst().orElseThrow();
    }

    private static Table table(String database, String name) {
        return stack.aws.glue().getTable(r -> r.databaseName(database).name(name)).table();
    }

    @Test
    @Order(1)
    void badMetadataAndForeignUrlsFailOnlyTheirAssetsAndAnUnmanagedTableIsLeftAlone() throws Exception {
        stack.aws.glue().createDatabase(r -> r.databaseInput(d -> d.name("datasphere_space_a")));
        stack.aws.glue().createTable(r -> r.databaseName("datasphere_space_a").tableInput(TableInput.builder()
                .name("collegeenrollment").parameters(Map.of("created_by", "analyst")).build()));
        stack.simulator.faults().malformedMetadata("SAP_CONTENT", "SAP_SC_FI_V_ProductsDim")
                .hostileMetadata("SAP_CONTENT", "SAP.TIME.VIEW_DIMENSION_DAY", Faults.Hostile.XXE_FILE)
                .foreignMetadataHost("SPACE_A", "ENROLLMENT_AM", "http://127.0.0.2:9");
        SyncReport report = stack.runner().run();
        assertEquals("COMPLETE_WITH_ERRORS", report.summary().get("status"));
        assertEquals("3", report.summary().get("failed"));
        assertEquals("1", report.summary().get("conflict"));
        // The other five: two catalog assets and what the replication flows add (I_SUPPLIER is skipped).
        assertEquals("5", report.summary().get("created"));
        assertEquals("1", report.summary().get("skipped"));
        SyncReport.AssetLine malformed = line(report, "SAP_SC_FI_V_ProductsDim");
        assertEquals("FAILED", malformed.action());
        assertTrue(malformed.error().contains("asset SAP_SC_FI_V_ProductsDim: malformed CSDL XML"), malformed.error());
        assertTrue(line(report, "SAP.TIME.VIEW_DIMENSION_DAY").error().contains("SAP.TIME.VIEW_DIMENSION_DAY"));
        assertTrue(line(report, "ENROLLMENT_AM").error().contains("not on the tenant's origin"));
        assertEquals("CONFLICT", line(report, "CollegeEnrollment").action());
        assertEquals(Map.of("created_by", "analyst"), table("datasphere_space_a", "collegeenrollment").parameters());
        assertEquals(0, stack.simulator.stats().injectedErrors());
    }

    @Test
    @Order(2)
    void changedMetadataUpdatesItsTableAndKeepsParametersOthersAdded() throws Exception {
        stack.simulator.faults().clear();
        SyncReport repaired = stack.runner().run();
        assertEquals("3", repaired.summary().get("created"), "the three failed assets are created now");
        Table orders = table("datasphere_sap_content", "sap_sc_sales_v_salesorders");
        Map<String, String> edited = new HashMap<>(orders.parameters());
        edited.put("lakeformation.owner", "data-platform");
        stack.aws.glue().updateTable(r -> r.databaseName("datasphere_sap_content").tableInput(TableInput.builder()
                .name(orders.name()).description(orders.description()).tableType(orders.tableType())
                .storageDescriptor(orders.storageDescriptor()).partitionKeys(orders.partitionKeys())
                .parameters(edited).build()));
        stack.simulator.faults().metadataChanged("SAP_CONTENT", "SAP_SC_SALES_V_SalesOrders");
        SyncReport report = stack.runner().run();
        assertEquals("UPDATED", line(report, "SAP_SC_SALES_V_SalesOrders").action());
        assertEquals("7", report.summary().get("unchanged"));
        Table updated = table("datasphere_sap_content", "sap_sc_sales_v_salesorders");
        assertEquals("data-platform", updated.parameters().get("lakeformation.owner"));
        assertTrue(updated.storageDescriptor().columns().stream().map(Column::name).toList().contains("sync_test_col"));
        var item = stack.aws.dynamo().getItem(r -> r.tableName(stack.endpoints.resources().auditTable()).key(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("RUN#" + report.runId()),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                        "ASSET#SAP_CONTENT/SAP_SC_SALES_V_SalesOrders")))).item();
        assertEquals(List.of("columns added: sync_test_col varchar(20)"),
                item.get("changedFields").l().stream().map(v -> v.s()).toList());
    }

    @Test
    @Order(3)
    void transientOutagesAreRetriedByTheQueueAndTheRunStillCompletes() throws Exception {
        stack.simulator.faults().clear().metadataChanged("SPACE_A", "SAP_TEL_CVM_IL_SERVICE_USAGE");
        long before = stack.simulator.stats().metadataRequests();
        // Once the worker has fetched its first document, Datasphere answers 503 five times in a row: more than
        // the client's 4 attempts, so one asset goes back to the queue and succeeds on its next delivery.
        Thread outage = new Thread(() -> {
            try {
                while (stack.simulator.stats().metadataRequests() == before) {
                    Thread.sleep(2);
                }
                stack.simulator.faults().failNext(5, 503);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        outage.start();
        SyncReport report = stack.runner().run();
        outage.join(1_000);
        // Every asset is accounted for and none failed; the unmanaged table of test 1 is still a conflict.
        assertEquals("10", report.summary().get("processed"), report.summary().toString());
        assertEquals("0", report.summary().get("failed"), report.summary().toString());
        assertEquals("COMPLETE_WITH_ERRORS", report.summary().get("status"));
        assertTrue(report.workerDrain().failedRecords() >= 1, "a record went back to the queue: " + report.workerDrain());
        assertEquals("UPDATED", line(report, "SAP_TEL_CVM_IL_SERVICE_USAGE").action());
        assertTrue(stack.simulator.stats().injectedErrors() >= 5);
    }

    @Test
    @Order(4)
    void aSpaceThatCannotBeListedMakesTheRunIncompleteAndNothingIsLost() throws Exception {
        stack.simulator.faults().clear().failSpaceListing("SPACE_A", 500);
        SyncReport report = stack.runner().run();
        assertEquals("INCOMPLETE", report.summary().get("status"));
        assertEquals("false", report.summary().get("listingComplete"));
        assertEquals("5", report.summary().get("expectedAssets"));
        assertEquals(4, stack.aws.glue().getTables(r -> r.databaseName("datasphere_space_a")).tableList().size(),
                "SPACE_A's tables are still there");
    }

    @Test
    @Order(5)
    void neitherTheClientSecretNorAnyTokenAppearsInAnythingTheFunctionsPrinted() throws Exception {
        String secret = stack.simulator.clientSecret();
        try (Stream<Path> logs = Files.list(stack.logDir)) {
            for (Path log : logs.filter(p -> p.toString().endsWith("Function.log")).toList()) {
                String text = Files.readString(log);
                assertFalse(text.contains(secret), log + " shows the client secret");
                assertFalse(text.contains("Bearer "), log + " shows a bearer token");
                assertFalse(text.contains("access_token"), log + " shows a token response");
            }
        }
        List<String> printed = Files.readAllLines(stack.logDir.resolve("WorkerFunction.log"));
        assertTrue(printed.size() > 10, "the worker did log");
    }
}
