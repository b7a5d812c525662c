package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.local.faults.Fault;
import io.dsgluesync.local.faults.FaultRule;
import io.dsgluesync.local.simulator.SimulatorOptions;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;
import software.amazon.awssdk.services.lakeformation.model.LFTagPair;
import software.amazon.awssdk.services.lakeformation.model.Resource;

/**
 * The demo's LF-Tags ({@code lakeFormationTags} of {@code local/sync-rules.json}) over the real peers: the worker
 * jar under the Runtime Interface Emulator tags moto's Lake Formation, read back here with GetResourceLFTags. The
 * stack's moto carries {@code local/tools/moto_patches}, which makes LF-Tag assignments behave as Lake Formation
 * documents them (moto 5.2.5 replaces a resource's tags on every AddLFTagsToResource and fails on untagged ones).
 * Ordered: each run works on what the previous one left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LakeFormationTagsSyncTest {
    private static final String CONTENT = "datasphere_sap_content";
    private static TestStack stack;
    private static LakeFormationClient lakeFormation;
    private static SyncReport first;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TestStack.start("lf-tags", SimulatorOptions.defaults(), true);
        lakeFormation = LakeFormationClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + stack.proxy.motoPort()))
                .region(Region.of(LocalAws.REGION)).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY))).build();
        first = stack.runner().run();
    }

    @AfterAll
    static void stopStack() {
        if (lakeFormation != null) {
            lakeFormation.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void theFirstRunTagsDatabasesTablesAndColumnsAsTheRulesSay() {
        written(first).forEach(a -> assertFalse(String.valueOf(a.error()).contains("LF-Tag"), a.toString()));
        assertEquals(Map.of("space", "sap_content"), databaseTags(CONTENT));
        assertEquals(Map.of("space", "space_a"), databaseTags("datasphere_space_a"));
        assertEquals(Map.of("certification", "certified", "steward", "jane.doe@example.com", "domain", "sales",
                "tier", "gold"), tableTags(CONTENT, "sales_am_order_items"));
        // Business context of the space alone (an owner, which no rule maps): no table tag.
        assertEquals(Map.of(), tableTags(CONTENT, "sap_time_view_dimension_day"));
        Table orders = stack.aws.glue().getTable(r -> r.databaseName(CONTENT).name("sales_am_order_items")).table();
        Map<String, Map<String, String>> expected = new TreeMap<>();
        for (Column column : orders.storageDescriptor().columns()) {
            Map<String, String> p = column.parameters();
            String role = "measure".equals(p.get("datasphere.role")) ? "measure"
                    : "true".equals(p.get("datasphere.key")) ? "key"
                    : "dimension".equals(p.get("datasphere.role")) ? "dimension" : null;
            if (role != null) {
                expected.put(column.name(), Map.of("role", role));
            }
        }
        assertTrue(expected.containsValue(Map.of("role", "measure")), expected.toString());
        assertEquals(expected, columnTags(CONTENT, orders));
        String marker = orders.parameters().get("datasphere.sync.lftags");
        assertTrue(marker.startsWith("{\"c\":{") && marker.contains("\"t\":{\"certification\":\"certified\""),
                marker);
        assertEquals(List.of("certified", "in-review"), lakeFormation.getLFTag(r -> r.tagKey("certification"))
                .tagValues().stream().sorted().toList());
    }

    @Test
    @Order(2)
    void aSecondRunMakesNoLakeFormationCall() throws Exception {
        long before = stack.proxy.stats().forwarded("lakeformation");
        assertTrue(before > 0);
        // The audit records account for each Lake Formation call (lakeformation.<Operation>) apart from Glue's.
        List<Map.Entry<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> calls =
                new io.dsgluesync.audit.AuditStore(stack.aws.dynamo(), stack.endpoints.resources().auditTable(),
                        java.time.Clock.systemUTC(), java.time.Duration.ofDays(30)).assetItems(first.runId()).stream()
                        .flatMap(i -> i.get("calls").m().entrySet().stream()).toList();
        long recorded = calls.stream().filter(e -> e.getKey().startsWith("lakeformation."))
                .mapToLong(e -> Long.parseLong(e.getValue().n())).sum();
        assertEquals(before, recorded, "every call the proxy forwarded to Lake Formation is in an audit record");
        long glue = calls.stream().filter(e -> e.getKey().startsWith("glue."))
                .mapToLong(e -> Long.parseLong(e.getValue().n())).sum();
        assertEquals(Long.toString(glue), first.summary().get("glueCalls"),
                "the run's Glue calls are Glue's alone, not Lake Formation's");
        SyncReport second = stack.runner().run();
        written(second).forEach(a -> assertEquals("UNCHANGED", a.action(), a.toString()));
        assertEquals(before, stack.proxy.stats().forwarded("lakeformation"));
        System.out.println("LF calls: first run " + before + ", second run 0");
    }

    @Test
    @Order(3)
    void aChangedRuleMovesTheSyncsTagAndLeavesTagsAttachedByHand() throws Exception {
        lakeFormation.createLFTag(r -> r.tagKey("pii").tagValues("yes"));
        Table orders = stack.aws.glue().getTable(r -> r.databaseName(CONTENT).name("sales_am_order_items")).table();
        String column = orders.storageDescriptor().columns().get(0).name();
        lakeFormation.addLFTagsToResource(r -> r.resource(table(CONTENT, "sales_am_order_items"))
                .lfTags(pair("pii", "yes")));
        lakeFormation.addLFTagsToResource(r -> r.resource(columns(CONTENT, "sales_am_order_items", List.of(column)))
                .lfTags(pair("pii", "yes")));
        Map<String, String> columnBefore = columnTags(CONTENT, orders).get(column);

        String bucket = stack.endpoints.resources().rulesBucket();
        String rules = stack.aws.s3().getObjectAsBytes(r -> r.bucket(bucket).key(StackResources.RULES_KEY))
                .asUtf8String();
        stack.aws.s3().putObject(r -> r.bucket(bucket).key(StackResources.RULES_KEY), RequestBody.fromString(
                rules.replace("\"certification\": \"certified\"", "\"certification\": \"approved\"")));
        long before = stack.proxy.stats().forwarded("lakeformation");
        SyncReport third = stack.runner().run();
        written(third).forEach(a -> assertFalse(String.valueOf(a.error()).contains("LF-Tag"), a.toString()));

        assertEquals(Map.of("certification", "approved", "steward", "jane.doe@example.com", "domain", "sales",
                "tier", "gold", "pii", "yes"), tableTags(CONTENT, "sales_am_order_items"));
        assertEquals("yes", columnTags(CONTENT, orders).get(column).get("pii"));
        assertEquals(columnBefore.get("role"), columnTags(CONTENT, orders).get(column).get("role"));
        assertEquals(Map.of("space", "sap_content"), databaseTags(CONTENT));
        System.out.println("LF calls of the run after the certification change: "
                + (stack.proxy.stats().forwarded("lakeformation") - before) + " ("
                + third.assets().stream().filter(a -> a.action().equals("UPDATED")).count() + " tables updated)");
    }

    @Test
    @Order(4)
    void aRefusedLakeFormationCallKeepsTheTableWriteAndIsRetriedByTheNextRun() throws Exception {
        String bucket = stack.endpoints.resources().rulesBucket();
        String rules = stack.aws.s3().getObjectAsBytes(r -> r.bucket(bucket).key(StackResources.RULES_KEY))
                .asUtf8String();
        stack.aws.s3().putObject(r -> r.bucket(bucket).key(StackResources.RULES_KEY), RequestBody.fromString(
                rules.replace("\"certification\": \"approved\"", "\"certification\": \"audited\"")));
        FaultRule denied = stack.proxy.rules().add(FaultRule.rate("lakeformation", Fault.ACCESS_DENIED, 1.0, 7));
        SyncReport refused = stack.runner().run();
        stack.proxy.rules().remove(denied);

        SyncReport.AssetLine orders = refused.assets().stream()
                .filter(a -> a.table().equals("sales_am_order_items")).findFirst().orElseThrow();
        assertEquals("UPDATED", orders.action());
        assertTrue(orders.error().contains("certification=audited on table")
                && orders.error().contains("datasphere_sap_content.sales_am_order_items")
                && orders.error().contains("denied"), orders.error());
        System.out.println("audit error of the refused run: " + orders.error());
        Table written = stack.aws.glue().getTable(r -> r.databaseName(CONTENT).name("sales_am_order_items")).table();
        assertEquals("audited", written.parameters().get("datasphere.certification"));
        assertEquals("approved", tableTags(CONTENT, "sales_am_order_items").get("certification"));

        SyncReport retried = stack.runner().run();
        SyncReport.AssetLine again = retried.assets().stream()
                .filter(a -> a.table().equals("sales_am_order_items")).findFirst().orElseThrow();
        assertEquals("UPDATED", again.action());
        assertFalse(String.valueOf(again.error()).contains("LF-Tag"), again.toString());
        assertEquals("audited", tableTags(CONTENT, "sales_am_order_items").get("certification"));
        assertEquals("yes", tableTags(CONTENT, "sales_am_order_items").get("pii"));
    }

    @Test
    @Order(5)
    void withoutTheSectionTheSyncRemovesItsOwnTagsAndOnlyThose() throws Exception {
        String bucket = stack.endpoints.resources().rulesBucket();
        String rules = stack.aws.s3().getObjectAsBytes(r -> r.bucket(bucket).key(StackResources.RULES_KEY))
                .asUtf8String();
        String without = rules.replaceAll("(?s)\"lakeFormationTags\": \\[.*?\\],\\s*", "");
        assertFalse(without.contains("lakeFormationTags"), without);
        stack.aws.s3().putObject(r -> r.bucket(bucket).key(StackResources.RULES_KEY), RequestBody.fromString(without));
        SyncReport run = stack.runner().run();
        written(run).forEach(a -> assertFalse(String.valueOf(a.error()).contains("LF-Tag"), a.toString()));

        assertEquals(Map.of("pii", "yes"), tableTags(CONTENT, "sales_am_order_items"));
        assertEquals(Map.of(), tableTags("datasphere_space_a", "enrollment_am"));
        assertEquals(Map.of(), databaseTags(CONTENT));
        Table orders = stack.aws.glue().getTable(r -> r.databaseName(CONTENT).name("sales_am_order_items")).table();
        String column = orders.storageDescriptor().columns().get(0).name();
        assertEquals(Map.of(column, Map.of("pii", "yes")), columnTags(CONTENT, orders));
        assertFalse(orders.parameters().containsKey("datasphere.sync.lftags"));
    }

    /** Every asset but I_SUPPLIER, skipped by design (its replication flow carries no columns). */
    private static List<SyncReport.AssetLine> written(SyncReport report) {
        List<SyncReport.AssetLine> written = report.assets().stream().filter(a -> !a.action().equals("SKIPPED"))
                .toList();
        assertEquals(9, written.size(), report.assets().toString());
        return written;
    }

    private static Map<String, String> databaseTags(String database) {
        return pairs(lakeFormation.getResourceLFTags(r -> r.resource(Resource.builder()
                .database(d -> d.name(database)).build()).showAssignedLFTags(true)).lfTagOnDatabase());
    }

    private static Map<String, String> tableTags(String database, String name) {
        return pairs(lakeFormation.getResourceLFTags(r -> r.resource(table(database, name)).showAssignedLFTags(true))
                .lfTagsOnTable());
    }

    private static Map<String, Map<String, String>> columnTags(String database, Table table) {
        List<String> names = table.storageDescriptor().columns().stream().map(Column::name).toList();
        Map<String, Map<String, String>> tags = new TreeMap<>();
        lakeFormation.getResourceLFTags(r -> r.resource(columns(database, table.name(), names))
                .showAssignedLFTags(true)).lfTagsOnColumns().forEach(c -> {
                    if (!c.lfTags().isEmpty()) {
                        tags.put(c.name(), pairs(c.lfTags()));
                    }
                });
        return tags;
    }

    private static Resource table(String database, String name) {
        return Resource.builder().table(t -> t.databaseName(database).name(name)).build();
    }

    private static Resource columns(String database, String name, List<String> columns) {
        return Resource.builder().tableWithColumns(t -> t.databaseName(database).name(name).columnNames(columns))
                .build();
    }

    private static LFTagPair pair(String key, String value) {
        return LFTagPair.builder().tagKey(key).tagValues(value).build();
    }

    private static Map<String, String> pairs(List<LFTagPair> pairs) {
        Map<String, String> tags = new TreeMap<>();
        pairs.forEach(p -> tags.put(p.tagKey(), String.join(",", p.tagValues())));
        return tags;
    }
}
