package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.audit.AuditStore;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.mapping.SyncParameters;
import io.dsgluesync.model.JsonCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * The catalog's lifecycle over the real peers: the three functions under the Runtime Interface Emulator, moto behind
 * the fault proxy (which counts every AWS call the functions make, at the wire), and the Datasphere simulator's
 * sample tenant, whose assets and spaces the test removes and brings back. Ordered: each step runs on what the last
 * one left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleSyncTest {
    private static final String CONTENT = "datasphere_sap_content";
    private static final String SPACE_A = "datasphere_space_a";
    private static final List<String> WRITES = List.of("glue.CreateDatabase", "glue.UpdateDatabase",
            "glue.DeleteDatabase", "glue.CreateTable", "glue.UpdateTable", "glue.DeleteTable", "glue.BatchDeleteTable",
            "glue.BatchCreatePartition", "glue.CreatePartition");
    private static TestStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.start("lifecycle", SimulatorOptions.defaults(), true);
        SyncReport first = stack.runner().run();
        assertEquals("9", first.summary().get("created"), first.summary().toString());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /**
     * Sync runs without the permission check before enqueuing: its probes are write calls made to fail (see
     * PermissionCheck), which the proxy would count like real writes. Plan runs keep the default: they skip it.
     */
    private static SyncRunner syncRunner() {
        return stack.runner().withEnvironment("DiscoveryFunction", Map.of("GLUE_VALIDATE_BEFORE_ENQUEUE", "false"));
    }

    private static Table table(String database, String name) {
        return stack.aws.glue().getTable(r -> r.databaseName(database).name(name)).table();
    }

    /** Every table's VersionId and whole content, to prove a run changed nothing. */
    private static Map<String, String> catalogState() {
        Map<String, String> state = new TreeMap<>();
        for (Database d : stack.aws.glue().getDatabases(r -> r.maxResults(100)).databaseList()) {
            state.put(d.name(), d.toString());
            for (Table t : stack.aws.glue().getTables(r -> r.databaseName(d.name())).tableList()) {
                state.put(d.name() + "." + t.name(), t.versionId() + " " + t.toBuilder().updateTime(null)
                        .lastAccessTime(null).build());
            }
        }
        return state;
    }

    /** The Glue write calls the functions made since the last reset, by operation. */
    private static Map<String, Long> writes() {
        return stack.proxy.stats().forwardedByCall().entrySet().stream().filter(e -> WRITES.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, TreeMap::new));
    }

    private static Map<String, Map<String, AttributeValue>> items(SyncReport report) {
        AuditStore store = new AuditStore(stack.aws.dynamo(), stack.endpoints.resources().auditTable(),
                Clock.systemUTC(), Duration.ofDays(30));
        Map<String, Map<String, AttributeValue>> byAsset = new TreeMap<>();
        store.assetItems(report.runId()).forEach(i -> byAsset.put(i.get("asset").s(), i));
        return byAsset;
    }

    private static Map<String, AttributeValue> summary(SyncReport report) {
        return new AuditStore(stack.aws.dynamo(), stack.endpoints.resources().auditTable(), Clock.systemUTC(),
                Duration.ofDays(30)).summaryItem(report.runId()).orElseThrow();
    }

    private static List<String> list(Map<String, AttributeValue> item, String key) {
        AttributeValue v = item.get(key);
        return v == null ? List.of() : v.l().stream().map(AttributeValue::s).toList();
    }

    private static List<String> diff(Map<String, AttributeValue> item, String key) {
        AttributeValue v = item.get("diff");
        return v == null || !v.m().containsKey(key) ? List.of()
                : v.m().get(key).l().stream().map(AttributeValue::s).toList();
    }

    private static void editTable(String database, String name, java.util.function.UnaryOperator<TableInput> edit) {
        Table t = table(database, name);
        TableInput input = io.dsgluesync.glue.GlueConverter.inputOf(t);
        stack.aws.glue().updateTable(r -> r.databaseName(database).tableInput(edit.apply(input)));
    }

    @Test
    @Order(1)
    void aPlanWithNothingChangedWritesNothingAndSaysUnchanged() throws Exception {
        Map<String, String> before = catalogState();
        stack.proxy.stats().reset();
        SyncReport plan = stack.runner().withOperation("plan").run();
        assertEquals(Map.of(), writes(), "a plan makes no Glue write");
        assertEquals(before, catalogState());
        JsonNode response = JsonCodec.mapper().readTree(plan.discoveryResponse());
        assertEquals("plan", response.get("operation").asText());
        assertEquals("plan", summary(plan).get("operation").s());
        assertEquals("9", plan.summary().get("unchanged"), plan.summary().toString());
        assertEquals(0, response.get("stale").get("staleTables").asInt());
        assertEquals(9, response.get("stale").get("managedTables").asInt());
    }

    @Test
    @Order(2)
    void aPlanShowsTheColumnDiffDriftAndStaleTablesAndStillWritesNothing() throws Exception {
        stack.simulator.faults().metadataChanged("SAP_CONTENT", "SAP.TIME.VIEW_DIMENSION_DAY")
                .removeAsset("SAP_CONTENT", "SAP_SC_FI_V_ProductsDim");
        // Someone retypes a column of a managed table through the console (the fingerprint parameter stays).
        editTable(CONTENT, "sales_am_order_items", input -> input.toBuilder().storageDescriptor(
                input.storageDescriptor().toBuilder().columns(input.storageDescriptor().columns().stream()
                        .map(c -> c.name().equals("quantity") ? c.toBuilder().type("string").build() : c)
                        .toList()).build()).build());
        // Another team adds what the sync must never take away, on the table that is about to change.
        editTable(CONTENT, "sap_time_view_dimension_day", input -> {
            Map<String, String> parameters = new HashMap<>(input.parameters());
            parameters.put("lake.owner_team", "finance-data");
            StorageDescriptor sd = input.storageDescriptor();
            Map<String, String> serde = new HashMap<>(sd.serdeInfo().parameters());
            serde.put("their.serde.flag", "on");
            return input.toBuilder().owner("finance-data").retention(90).parameters(parameters)
                    .storageDescriptor(sd.toBuilder().parameters(Map.of("their.sd.flag", "kept"))
                            .serdeInfo(sd.serdeInfo().toBuilder().parameters(serde).build()).build()).build();
        });
        Map<String, String> before = catalogState();
        stack.proxy.stats().reset();

        SyncReport plan = stack.runner().withOperation("plan").run();

        assertEquals(Map.of(), writes(), "a plan makes no Glue write");
        assertEquals(before, catalogState());
        Map<String, Map<String, AttributeValue>> items = items(plan);
        Map<String, AttributeValue> changed = items.get("SAP.TIME.VIEW_DIMENSION_DAY");
        assertEquals("UPDATED", changed.get("action").s());
        assertEquals(List.of("sync_test_col varchar(20)"), diff(changed, "added"));
        Map<String, AttributeValue> drifted = items.get("SALES_AM_ORDER_ITEMS");
        assertEquals("UPDATED", drifted.get("action").s(), "restore is the default drift policy");
        assertEquals(List.of("columns: retyped quantity decimal(13,3) -> string"), list(drifted, "drift"));
        assertEquals(List.of("quantity: string -> decimal(13,3)"), diff(drifted, "retyped"));
        Map<String, AttributeValue> removed = items.get("SAP_SC_FI_V_ProductsDim");
        assertEquals("DEPRECATED", removed.get("action").s(), "would be deprecated");
        JsonNode stale = JsonCodec.mapper().readTree(plan.discoveryResponse()).get("stale");
        assertEquals(1, stale.get("staleTables").asInt());
        assertFalse(stale.get("failSafeTripped").asBoolean());
    }

    @Test
    @Order(3)
    void theSyncThenDoesWhatThePlanSaidAndKeepsWhatOthersOwn() {
        stack.proxy.stats().reset();
        SyncReport sync;
        try {
            sync = syncRunner().run();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Map<String, Map<String, AttributeValue>> items = items(sync);
        assertEquals("UPDATED", items.get("SAP.TIME.VIEW_DIMENSION_DAY").get("action").s());
        assertEquals("UPDATED", items.get("SALES_AM_ORDER_ITEMS").get("action").s());
        assertEquals("DEPRECATED", items.get("SAP_SC_FI_V_ProductsDim").get("action").s());
        assertEquals(Map.of("glue.UpdateTable", 3L), writes(), "two updates and one deprecation, nothing else");

        Table day = table(CONTENT, "sap_time_view_dimension_day");
        assertTrue(day.storageDescriptor().columns().stream().anyMatch(c -> c.name().equals("sync_test_col")));
        assertEquals("finance-data", day.owner());
        assertEquals(90, day.retention());
        assertEquals("finance-data", day.parameters().get("lake.owner_team"));
        assertEquals("kept", day.storageDescriptor().parameters().get("their.sd.flag"));
        assertEquals("on", day.storageDescriptor().serdeInfo().parameters().get("their.serde.flag"));
        assertEquals("dsgs-local@127.0.0.1", day.parameters().get(SyncParameters.DEPLOYMENT));

        Column quantity = table(CONTENT, "sales_am_order_items").storageDescriptor().columns().stream()
                .filter(c -> c.name().equals("quantity")).findFirst().orElseThrow();
        assertEquals("decimal(13,3)", quantity.type(), "drift restored");

        Table deprecated = table(CONTENT, "sap_sc_fi_v_productsdim");
        assertTrue(deprecated.parameters().containsKey(SyncParameters.DEPRECATED_AT));
        assertTrue(deprecated.description().startsWith("[DEPRECATED "), deprecated.description());
    }

    @Test
    @Order(4)
    void anUnchangedResyncWritesNothingAndADeprecatedTableIsNotTouchedAgain() throws Exception {
        stack.proxy.stats().reset();
        SyncReport again = syncRunner().run();
        assertEquals(Map.of(), writes());
        assertEquals("8", again.summary().get("unchanged"), again.summary().toString());
        assertFalse(items(again).containsKey("SAP_SC_FI_V_ProductsDim"), "deprecated quietly, not every run");
    }

    @Test
    @Order(5)
    void aRemovedAssetThatReappearsIsRevived() throws Exception {
        stack.simulator.faults().restoreRemoved();
        SyncReport revived = syncRunner().run();
        Map<String, AttributeValue> item = items(revived).get("SAP_SC_FI_V_ProductsDim");
        assertEquals("UPDATED", item.get("action").s());
        assertTrue(item.get("note").s().startsWith("revived"), item.get("note").s());
        Table table = table(CONTENT, "sap_sc_fi_v_productsdim");
        assertFalse(table.parameters().containsKey(SyncParameters.DEPRECATED_AT));
        assertFalse(table.description().startsWith("[DEPRECATED"), table.description());
    }

    @Test
    @Order(6)
    void aTableWrittenByAnEarlierReleaseIsReMappedOnceThenTrustedOnA304Again() throws Exception {
        // As an earlier release left it: another mapping version in the configuration hash, the same fingerprint.
        editTable(CONTENT, "sap_sc_fi_v_productsdim", input -> {
            Map<String, String> parameters = new HashMap<>(input.parameters());
            parameters.put(SyncParameters.CONFIG_HASH, "hash-of-an-earlier-mapping-version");
            return input.toBuilder().parameters(parameters).build();
        });
        SyncReport upgraded = syncRunner().run();
        Map<String, AttributeValue> item = items(upgraded).get("SAP_SC_FI_V_ProductsDim");
        assertEquals("UPDATED", item.get("action").s());
        assertTrue(item.get("note").s().startsWith("sync markers refreshed"), item.get("note").s());
        // The $metadata in full (a conditional request would have been answered 304 and ended there), then the CSN
        // for lineage, which is read only with a changed $metadata.
        assertEquals("2", item.get("calls").m().get("datasphere").n(), "fetched in full, not conditionally");

        SyncReport next = syncRunner().run();
        Map<String, AttributeValue> again = items(next).get("SAP_SC_FI_V_ProductsDim");
        assertEquals("UNCHANGED", again.get("action").s());
        assertEquals("metadata not modified (HTTP 304)", again.get("note").s());
    }

    @Test
    @Order(7)
    void aWholeSpaceDisappearingTripsTheFailSafeAndNothingIsTouched() throws Exception {
        stack.simulator.faults().removeSpace("SPACE_A");
        Map<String, String> before = catalogState();
        stack.proxy.stats().reset();

        SyncReport report = syncRunner().run();

        assertEquals(Map.of(), writes(), "nothing deprecated or deleted");
        assertEquals(before, catalogState());
        JsonNode stale = JsonCodec.mapper().readTree(report.discoveryResponse()).get("stale");
        assertTrue(stale.get("failSafeTripped").asBoolean(), stale.toString());
        assertEquals(4, stale.get("staleTables").asInt());
        assertTrue(stale.get("reasons").toString().contains("space SPACE_A was removed from Datasphere where database "
                + SPACE_A + " has 4 managed table(s)"), stale.toString());
        Map<String, Map<String, AttributeValue>> items = items(report);
        for (String asset : List.of("CollegeEnrollment", "ENROLLMENT_AM", "I_CUSTOMER", "SAP_TEL_CVM_IL_SERVICE_USAGE")) {
            Map<String, AttributeValue> item = items.get(asset);
            assertEquals("STALE", item.get("action").s(), asset);
            assertTrue(item.get("note").s().contains("held by the fail-safe"), item.get("note").s());
        }
    }

    @Test
    @Order(8)
    void anOperatorsOverrideRemovesTheSpaceUnderTheDeletePolicyAndItsEmptyDatabaseNextRun() throws Exception {
        Map<String, String> delete = Map.of("STALE_TABLE_POLICY", "DELETE");
        SyncRunner deleting = syncRunner().withEnvironment("DiscoveryFunction", delete)
                .withEnvironment("WorkerFunction", delete);
        stack.proxy.stats().reset();
        SyncReport report = deleting.withDetail("overrideFailSafe", "true").run();
        assertEquals(Map.of("glue.DeleteTable", 4L), writes());
        assertEquals(List.of(), stack.aws.glue().getTables(r -> r.databaseName(SPACE_A)).tableList());
        JsonNode stale = JsonCodec.mapper().readTree(report.discoveryResponse()).get("stale");
        assertFalse(stale.get("failSafeTripped").asBoolean());
        assertTrue(stale.get("databases").toString().contains("deleted once its 4 table(s) are gone"),
                stale.toString());

        SyncReport next = deleting.run();
        JsonNode databases = JsonCodec.mapper().readTree(next.discoveryResponse()).get("stale").get("databases");
        assertEquals("[\"database " + SPACE_A + ": space removed; deleted\"]", databases.toString());
        assertTrue(assertThrowsNotFound(SPACE_A));
    }

    private static boolean assertThrowsNotFound(String database) {
        try {
            stack.aws.glue().getDatabase(r -> r.name(database));
            return false;
        } catch (EntityNotFoundException e) {
            return true;
        }
    }

    @Test
    @Order(9)
    void anotherDeploymentsTableAndAnotherAssetsTableAreNeverTakenOver() throws Exception {
        stack.simulator.faults().restoreRemoved();
        // Another stack sharing the catalog owns this asset's table; a table of this deployment belongs to an asset
        // whose name folds to the same Glue name as a new one.
        stack.aws.glue().createDatabase(r -> r.databaseInput(d -> d.name(SPACE_A)));
        stack.aws.glue().createTable(r -> r.databaseName(SPACE_A).tableInput(TableInput.builder()
                .name("collegeenrollment").tableType("EXTERNAL_TABLE").parameters(Map.of(
                        SyncParameters.MANAGED_BY, SyncParameters.MANAGED_BY_VALUE,
                        SyncParameters.DEPLOYMENT, "other-stack@127.0.0.1", "datasphere.space", "SPACE_A",
                        "datasphere.asset", "CollegeEnrollment"))
                .storageDescriptor(StorageDescriptor.builder().columns(Column.builder().name("x").type("int").build())
                        .serdeInfo(SerDeInfo.builder().build()).build()).build()));
        stack.aws.glue().createTable(r -> r.databaseName(SPACE_A).tableInput(TableInput.builder()
                .name("enrollment_am").tableType("EXTERNAL_TABLE").parameters(Map.of(
                        SyncParameters.MANAGED_BY, SyncParameters.MANAGED_BY_VALUE,
                        SyncParameters.DEPLOYMENT, "dsgs-local@127.0.0.1", "datasphere.space", "SPACE_A",
                        "datasphere.asset", "ENROLLMENT.AM"))
                .storageDescriptor(StorageDescriptor.builder().columns(Column.builder().name("x").type("int").build())
                        .serdeInfo(SerDeInfo.builder().build()).build()).build()));
        Table theirs = table(SPACE_A, "collegeenrollment");
        Table incumbent = table(SPACE_A, "enrollment_am");

        SyncReport report = stack.runner().run();

        Map<String, Map<String, AttributeValue>> items = items(report);
        assertEquals("CONFLICT", items.get("CollegeEnrollment").get("action").s());
        assertTrue(items.get("CollegeEnrollment").get("error").s().contains("other-stack@127.0.0.1"));
        Map<String, AttributeValue> newcomer = items.get("ENROLLMENT_AM");
        assertEquals("FAILED", newcomer.get("action").s());
        assertEquals("asset", newcomer.get("errorField").s());
        assertTrue(newcomer.get("error").s().contains("belongs to asset SPACE_A/ENROLLMENT.AM"),
                newcomer.get("error").s());
        assertEquals(theirs.versionId(), table(SPACE_A, "collegeenrollment").versionId());
        assertEquals(incumbent.versionId(), table(SPACE_A, "enrollment_am").versionId());
        // The incumbent's asset is no longer listed, but the space now has more assets than stale tables.
        assertEquals("CREATED", items.get("I_CUSTOMER").get("action").s());
    }
}
