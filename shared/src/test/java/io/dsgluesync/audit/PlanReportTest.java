package io.dsgluesync.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.model.JsonCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A plan run read back from the audit table: asset items as the results function writes them
 * ({@link AuditItems#assetItem}) for a deployment with two Glue targets, and a summary with its stale evaluation.
 */
class PlanReportTest {
    private static final String RUN = "20261125T145700Z-0a1b2c3d";
    private static final Map<String, List<String>> EVERY_DIFF = Map.of(
            "added", List.of("discount: decimal(5,2)"),
            "removed", List.of("legacy_flag: boolean"),
            "retyped", List.of("amount: decimal(15,2) -> decimal(17,2)"),
            "renamed", List.of("cust_id -> customer_id"),
            "partitionKeys", List.of("order_year: added"),
            "parameters", List.of("datasphere.steward: jane.doe@example.com -> john.roe@example.com",
                    "datasphere.tags: added"),
            "storage", List.of("location: s3://dsgs-data/a/ -> s3://dsgs-data/b/"),
            "description", List.of("Sales Orders -> Sales orders (certified)"));

    /** Two targets, one of each kind of table, the fail-safe tripped by the share of stale tables. */
    private static List<Map<String, AttributeValue>> planAssets() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        items.add(asset("SAP_CONTENT", "SAP_SC_SALES_V_SALESORDERS", "datasphere_sap_content",
                "sap_sc_sales_v_salesorders", AuditAction.UPDATED, Map.of("primary", "UPDATED", "analytics", "CREATED"),
                EVERY_DIFF, List.of(), null, null, null));
        items.add(asset("SAP_CONTENT", "SAP_SC_FI_V_PRODUCTSDIM", "datasphere_sap_content", "sap_sc_fi_v_productsdim",
                AuditAction.UNCHANGED, Map.of("primary", "UNCHANGED", "analytics", "UNCHANGED"), Map.of(), List.of(),
                null, null, null));
        items.add(asset("SPACE_A", "I_CUSTOMER", "datasphere_space_a", "i_customer", AuditAction.DRIFTED,
                Map.of("primary", "DRIFTED", "analytics", "UNCHANGED"), Map.of(),
                List.of("columns: creditlimitamount retyped to string outside the sync"), null, null, null));
        items.add(asset("SPACE_A", "COLLEGEENROLLMENT", "datasphere_space_a", "collegeenrollment", AuditAction.UPDATED,
                Map.of("primary", "UPDATED", "analytics", "UPDATED"), Map.of(),
                List.of("storage: location s3://elsewhere/enrollment/"), null, null, null));
        items.add(asset("SPACE_A", "OLD_VIEW", "datasphere_space_a", "old_view", AuditAction.STALE,
                Map.of("primary", "STALE", "analytics", "STALE"), Map.of(), List.of(), null, null,
                "asset no longer listed"));
        items.add(asset("SPACE_A", "ENROLLMENT_AM", "datasphere_space_a", "enrollment_am", AuditAction.CONFLICT,
                Map.of("primary", "CONFLICT", "analytics", "UNCHANGED"), Map.of(), List.of(),
                "table exists and is not managed by datasphere-glue-sync", null, null));
        // Refused at discovery: no target was written, so the record has no per-target actions.
        items.add(asset("SAP_CONTENT", "BROKEN_VIEW", "datasphere_sap_content", "broken_view", AuditAction.FAILED,
                Map.of(), Map.of(), List.of(), "unexpected element <Foo> at line 3", "csdl", null));
        items.add(asset("SPACE_A", "I_SUPPLIER", "datasphere_space_a", "i_supplier", AuditAction.SKIPPED,
                Map.of("primary", "SKIPPED", "analytics", "SKIPPED"), Map.of(), List.of(), null, null,
                "replication flow RF_SUPPLIER carries no column definitions"));
        return items;
    }

    private static Map<String, AttributeValue> planSummary(boolean failSafeTripped) {
        Map<String, AttributeValue> stale = Map.of(
                "evaluated", AttributeValue.fromBool(true),
                "managedTables", AttributeValue.fromN("8"),
                "staleTables", AttributeValue.fromN("1"),
                "failSafeTripped", AttributeValue.fromBool(failSafeTripped),
                "reasons", AttributeValue.fromL(failSafeTripped
                        ? List.of(AttributeValue.fromS("space SPACE_B listed no assets where it had 3 tables"))
                        : List.of()),
                "databases", AttributeValue.fromL(List.of(
                        AttributeValue.fromS("datasphere_space_b: would be deleted (space removed)"))));
        Map<String, AttributeValue> summary = new HashMap<>(Map.of(
                "pk", AttributeValue.fromS("RUN#" + RUN), "sk", AttributeValue.fromS("SUMMARY"),
                "runId", AttributeValue.fromS(RUN), "status", AttributeValue.fromS("COMPLETE_WITH_ERRORS"),
                "operation", AttributeValue.fromS("plan"), "expectedAssets", AttributeValue.fromN("8"),
                "processed", AttributeValue.fromN("8"), "removedAssets", AttributeValue.fromM(stale)));
        return summary;
    }

    @Test
    void jsonPutsEachTableOfEachTargetInItsCategoryWithTotals() throws Exception {
        JsonNode plan = JsonCodec.mapper().readTree(PlanReport.json(planSummary(true), planAssets()));

        assertEquals(RUN, plan.get("runId").asText());
        assertEquals("plan", plan.get("operation").asText());
        assertTrue(plan.get("finished").asBoolean());
        assertEquals(List.of("analytics", "primary"), names(plan.get("targets")));
        JsonNode primary = target(plan, "primary");
        assertEquals(List.of("datasphere_sap_content", "datasphere_space_a"), names(primary.get("databases")));
        assertEquals("update", table(primary, "sap_sc_sales_v_salesorders").get("category").asText());
        assertEquals("create", table(target(plan, "analytics"), "sap_sc_sales_v_salesorders").get("category").asText());
        assertEquals("conflict", table(primary, "enrollment_am").get("category").asText());
        assertEquals("unchanged", table(target(plan, "analytics"), "enrollment_am").get("category").asText());

        JsonNode failed = table(target(plan, "analytics"), "broken_view");
        assertEquals("failed", failed.get("category").asText());
        assertEquals("csdl", failed.get("errorField").asText());
        assertEquals("failed", table(primary, "broken_view").get("category").asText(),
                "a record without per-target actions holds for every target");

        Map<String, Integer> expectedPrimary = Map.of("create", 0, "update", 1, "unchanged", 1, "conflict", 1,
                "stale", 1, "drifted", 2, "failed", 1, "skipped", 1);
        assertEquals(expectedPrimary, counts(primary.get("totals")));
        Map<String, Integer> expectedAll = Map.of("create", 1, "update", 1, "unchanged", 4, "conflict", 1,
                "stale", 2, "drifted", 3, "failed", 2, "skipped", 2);
        assertEquals(expectedAll, counts(plan.get("totals")));
    }

    @Test
    void jsonCarriesEveryDiffKeyAndTheDriftAndStaleOutcomes() throws Exception {
        JsonNode plan = JsonCodec.mapper().readTree(PlanReport.json(planSummary(true), planAssets()));
        JsonNode primary = target(plan, "primary");

        JsonNode diff = table(primary, "sap_sc_sales_v_salesorders").get("diff");
        for (Map.Entry<String, List<String>> key : EVERY_DIFF.entrySet()) {
            assertEquals(key.getValue(), texts(diff.get(key.getKey())), key.getKey());
        }
        JsonNode reported = table(primary, "i_customer");
        assertEquals("drifted", reported.get("category").asText());
        assertEquals("report", reported.get("outcome").asText());
        assertEquals(List.of("columns: creditlimitamount retyped to string outside the sync"),
                texts(reported.get("drift")));
        JsonNode restored = table(primary, "collegeenrollment");
        assertEquals("drifted", restored.get("category").asText());
        assertEquals("UPDATED", restored.get("action").asText());
        assertEquals("restore", restored.get("outcome").asText());

        JsonNode stale = table(primary, "old_view");
        assertEquals("stale", stale.get("category").asText());
        assertEquals("held", stale.get("outcome").asText());
        assertTrue(plan.get("failSafe").get("tripped").asBoolean());
        assertEquals(List.of("space SPACE_B listed no assets where it had 3 tables"),
                texts(plan.get("failSafe").get("reasons")));
        assertEquals(List.of("datasphere_space_b: would be deleted (space removed)"), texts(plan.get("databases")));
        assertTrue(table(primary, "sap_sc_fi_v_productsdim").get("diff").isEmpty());
        assertTrue(table(primary, "sap_sc_fi_v_productsdim").get("outcome").isNull());
    }

    @Test
    void staleTablesShowThePolicyOutcomeWhenTheFailSafeHolds() throws Exception {
        List<Map<String, AttributeValue>> items = List.of(
                asset("SPACE_A", "OLD_VIEW", "datasphere_space_a", "old_view", AuditAction.DEPRECATED, Map.of(),
                        Map.of(), List.of(), null, null, null),
                asset("SPACE_A", "OLDER_VIEW", "datasphere_space_a", "older_view", AuditAction.DELETED, Map.of(),
                        Map.of(), List.of(), null, null, null),
                asset("SPACE_A", "LOGGED_VIEW", "datasphere_space_a", "logged_view", AuditAction.STALE, Map.of(),
                        Map.of(), List.of(), null, null, null));

        JsonNode plan = JsonCodec.mapper().readTree(PlanReport.json(planSummary(false), items));
        JsonNode target = target(plan, "default");
        assertEquals("deprecate", table(target, "old_view").get("outcome").asText());
        assertEquals("delete", table(target, "older_view").get("outcome").asText());
        assertEquals("log", table(target, "logged_view").get("outcome").asText());
        assertEquals(3, plan.get("totals").get("stale").asInt());

        String text = PlanReport.text(planSummary(false), items, false);
        assertTrue(text.contains("\nTarget default\n"), text);
        assertTrue(text.contains("      logged_view  SPACE_A/LOGGED_VIEW  logged only\n"), text);
        assertTrue(text.contains("      old_view     SPACE_A/OLD_VIEW  would deprecate\n"), text);
        assertTrue(text.contains("      older_view   SPACE_A/OLDER_VIEW  would delete\n"), text);
        assertTrue(text.contains("Stale check   8 managed tables, 1 stale; fail-safe not tripped\n"), text);
    }

    @Test
    void textListsEachCategoryWithTheDiffLinesUnderTheUpdate() {
        String text = PlanReport.text(planSummary(true), planAssets(), false);

        assertTrue(text.startsWith("Plan " + RUN + "  COMPLETE_WITH_ERRORS\n"
                + "  A plan changes nothing: each line says what a sync would do now.\n"), text);
        String primary = text.substring(text.indexOf("Target primary"), text.indexOf("\nTotals"));
        assertEquals(String.join("\n",
                "Target primary",
                "  Database datasphere_sap_content",
                "    would update (1)",
                "      sap_sc_sales_v_salesorders  SAP_CONTENT/SAP_SC_SALES_V_SALESORDERS",
                "        added           discount: decimal(5,2)",
                "        removed         legacy_flag: boolean",
                "        retyped         amount: decimal(15,2) -> decimal(17,2)",
                "        renamed         cust_id -> customer_id",
                "        partition keys  order_year: added",
                "        parameters      datasphere.steward: jane.doe@example.com -> john.roe@example.com",
                "        parameters      datasphere.tags: added",
                "        storage         location: s3://dsgs-data/a/ -> s3://dsgs-data/b/",
                "        description     Sales Orders -> Sales orders (certified)",
                "    failed (1)",
                "      broken_view                 SAP_CONTENT/BROKEN_VIEW  [csdl] unexpected element <Foo> at line 3",
                "    unchanged: 1 table (--verbose lists them)",
                "  Database datasphere_space_a",
                "    drifted (2)",
                "      collegeenrollment  SPACE_A/COLLEGEENROLLMENT  would be restored",
                "        drift: storage: location s3://elsewhere/enrollment/",
                "      i_customer         SPACE_A/I_CUSTOMER  reported, left as it is",
                "        drift: columns: creditlimitamount retyped to string outside the sync",
                "    stale (1)",
                "      old_view           SPACE_A/OLD_VIEW  held by the fail-safe; asset no longer listed",
                "    conflict (1)",
                "      enrollment_am      SPACE_A/ENROLLMENT_AM  table exists and is not managed by datasphere-glue-sync",
                "    skipped (1)",
                "      i_supplier         SPACE_A/I_SUPPLIER  replication flow RF_SUPPLIER carries no column definitions",
                ""), primary);
        assertTrue(text.contains("\nTotals        create 1  update 1  drifted 3  stale 2  conflict 1  failed 2"
                + "  skipped 2  unchanged 4\n"), text);
        assertTrue(text.contains("Stale check   8 managed tables, 1 stale; fail-safe TRIPPED: nothing would be"
                + " deprecated or deleted\n              space SPACE_B listed no assets where it had 3 tables\n"), text);
        assertTrue(text.endsWith("Databases     datasphere_space_b: would be deleted (space removed)\n"), text);
    }

    @Test
    void verboseListsTheUnchangedTables() {
        String text = PlanReport.text(planSummary(true), planAssets(), true);
        String analytics = text.substring(text.indexOf("Target analytics"), text.indexOf("Target primary"));
        assertTrue(analytics.contains("    unchanged (1)\n      sap_sc_fi_v_productsdim     "
                + "SAP_CONTENT/SAP_SC_FI_V_PRODUCTSDIM\n"), analytics);
        assertTrue(analytics.contains("    unchanged (2)\n      enrollment_am      SPACE_A/ENROLLMENT_AM\n"
                + "      i_customer         SPACE_A/I_CUSTOMER\n"), analytics);
    }

    @Test
    void aSyncRunSaysWhatWasDoneAndAnUnfinishedRunSaysItIsPartial() {
        Map<String, AttributeValue> summary = new HashMap<>(planSummary(false));
        summary.remove("operation");
        summary.remove("removedAssets");
        summary.put("status", AttributeValue.fromS("RUNNING"));
        summary.put("processed", AttributeValue.fromN("1"));
        List<Map<String, AttributeValue>> items = List.of(asset("SPACE_A", "I_CUSTOMER", "datasphere_space_a",
                "i_customer", AuditAction.CREATED, Map.of(), Map.of(), List.of(), null, null, null));

        String text = PlanReport.text(summary, items, false);

        assertTrue(text.startsWith("Sync run " + RUN + "  RUNNING\n  What this sync did: created 1.\n"), text);
        assertTrue(text.contains("  NOT FINISHED: 1 of 8 assets recorded; what follows is partial.\n"), text);
        assertTrue(text.contains("    created (1)\n      i_customer  SPACE_A/I_CUSTOMER\n"), text);
        assertTrue(text.contains("Stale check   not recorded for this run\n"), text);
        assertFalse(text.contains("would"), text);
    }

    @Test
    void glueWritesCountsOnlyWriteOperationsOverEveryAsset() {
        Map<String, Integer> calls = Map.of("glue.GetTable", 2, "glue.CreateTable", 1, "glue.UpdateTable", 1,
                "glue.BatchGetPartition", 1, "glue.BatchDeleteTable", 1, "datasphere", 3);
        List<Map<String, AttributeValue>> items = List.of(
                AuditItems.assetItem(record("S", "A", AuditAction.CREATED, calls), 0),
                AuditItems.assetItem(record("S", "B", AuditAction.UNCHANGED, Map.of("glue.GetTable", 1,
                        "glue.CreateTable", 2)), 0));

        assertEquals(Map.of("CreateTable", 3, "UpdateTable", 1, "BatchDeleteTable", 1), PlanReport.glueWrites(items));
    }

    private static Map<String, AttributeValue> asset(String space, String asset, String database, String table,
                                                     AuditAction action, Map<String, String> targetActions,
                                                     Map<String, List<String>> diff, List<String> drift, String error,
                                                     String errorField, String note) {
        AuditRecord record = new AuditRecord(AuditRecord.TYPE, AuditRecord.SCHEMA_VERSION, RUN, space, asset, "view",
                database, table, action, 12, "fp-before", "fp-after", List.of(), error == null ? null : "Rejected",
                errorField, error, note, List.of(), Map.of("glue.GetTable", 1), "123456789012", targetActions, 40,
                "2026-11-25T14:57:56Z", diff, drift, null);
        return AuditItems.assetItem(record, 0);
    }

    private static AuditRecord record(String space, String asset, AuditAction action, Map<String, Integer> calls) {
        return new AuditRecord(AuditRecord.TYPE, AuditRecord.SCHEMA_VERSION, RUN, space, asset, "view", "db", "t",
                action, 1, null, null, List.of(), null, null, null, null, List.of(), calls, null, Map.of(), 1, "now");
    }

    private static JsonNode target(JsonNode plan, String name) {
        return StreamSupport.stream(plan.get("targets").spliterator(), false)
                .filter(t -> t.get("name").asText().equals(name)).findFirst().orElseThrow();
    }

    private static JsonNode table(JsonNode target, String table) {
        return StreamSupport.stream(target.get("databases").spliterator(), false)
                .flatMap(d -> StreamSupport.stream(d.get("tables").spliterator(), false))
                .filter(t -> t.get("table").asText().equals(table)).findFirst().orElseThrow();
    }

    private static List<String> names(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get("name").asText()).toList();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static Map<String, Integer> counts(JsonNode totals) {
        Map<String, Integer> counts = new HashMap<>();
        totals.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
        return counts;
    }
}
