package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.lineage.SyncedObjects;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.model.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Coverage over the real peers (simulator, emulator, moto), with lineage on (the template's default) and design-time
 * enrichment off: the objects the catalog does not expose are named in the summary and the report, and synced only
 * when a replication flow binds them (the demo's {@code SAP.TIME.M_TIME_DIMENSION}); a
 * space whose technical user is no member (HTTP 403) is named as unreadable and nothing of it is deleted while the
 * other spaces sync and are evaluated for removed assets; a 403 on one asset's {@code $metadata} fails that asset
 * only. Discovery also writes the synced-object index the worker's lineage reads.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CoverageSyncTest {
    private static final String FORBIDDEN_ASSET = "SAP_SC_FI_V_ProductsDim";
    private static TestStack stack;
    private static SyncReport first;

    @BeforeAll
    static void sync() throws Exception {
        stack = TestStack.start("coverage", SimulatorOptions.defaults());
        first = stack.runner().run();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static String printed(SyncReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.print(new PrintStream(out, true, StandardCharsets.UTF_8), "simulator", "moto");
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, AttributeValue> coverage(String runId) {
        return stack.aws.dynamo().getItem(r -> r.tableName(stack.endpoints.resources().auditTable())
                .key(Map.of("pk", AttributeValue.fromS("RUN#" + runId), "sk", AttributeValue.fromS("SUMMARY"))))
                .item().get("coverage").m();
    }

    private static Set<String> tables(String database) {
        return stack.aws.glue().getTables(r -> r.databaseName(database)).tableList().stream().map(Table::name)
                .collect(Collectors.toSet());
    }

    @Test
    @Order(1)
    void theObjectsTheCatalogDoesNotExposeAreNamedInTheSummaryAndTheReportAndNotSynced() throws Exception {
        assertEquals("COMPLETE", first.summary().get("status"), first.summary().toString());
        assertEquals("0", first.summary().get("unreadableSpaces"));
        Map<String, AttributeValue> coverage = coverage(first.runId());
        List<String> unexposed = coverage.get("unexposed").l().stream()
                .flatMap(u -> u.m().get("names").l().stream().map(n -> u.m().get("space").s() + "/" + n.s()))
                .toList();
        assertTrue(unexposed.containsAll(List.of("SAP_CONTENT/SAP.TIME.M_TIME_DIMENSION", "SPACE_A/BusinessPartners")),
                unexposed.toString());
        assertEquals(Integer.toString(unexposed.size()), first.summary().get("unexposedObjects"));
        assertFalse(coverage.get("unexposedSynced").bool());
        assertFalse(tables("datasphere_space_a").contains("businesspartners"), "enrichment is off");
        String printed = printed(first);
        System.out.println(printed);
        assertTrue(printed.contains("objects the catalog does not expose (not synced: design-time enrichment is off; a"
                + " replication flow's target is still synced as a replica)"), printed);
        assertTrue(printed.contains("SAP.TIME.M_TIME_DIMENSION") && printed.contains("BusinessPartners"), printed);
        List<JsonNode> discovery = jsonLines("DiscoveryFunction.log");
        assertTrue(discovery.stream().anyMatch(l -> l.has("_aws")
                && l.path("UnexposedObjects").asDouble(-1) == unexposed.size()
                && l.path("UnreadableSpaces").asDouble(-1) == 0), "EMF metrics of the run");
    }

    @Test
    @Order(2)
    void theFullSyncIndexesWhatItSyncsForLineage() {
        SyncedObjects index = SyncedObjects.dynamo(stack.aws.dynamo(), stack.endpoints.resources().auditTable(),
                Clock.systemUTC(), Duration.ofMinutes(5));
        assertTrue(index.spaceExists("SAP_CONTENT"));
        assertTrue(index.spaceExists("SPACE_A"));
        assertTrue(index.synced("SAP_CONTENT", FORBIDDEN_ASSET));
        assertTrue(index.synced("SPACE_A", "I_CUSTOMER"), "a replica the run syncs");
        assertTrue(index.synced("SAP_CONTENT", "SAP.TIME.M_TIME_DIMENSION"), "unexposed, synced as a replica");
        assertFalse(index.synced("SPACE_A", "BusinessPartners"), "unexposed and not synced");
    }

    @Test
    @Order(3)
    void anUnreadableSpaceIsNamedAndKeptWhileTheOthersSyncAndOneForbiddenAssetFailsAlone() throws Exception {
        Set<String> spaceATables = tables("datasphere_space_a");
        assertFalse(spaceATables.isEmpty());
        stack.simulator.faults().failSpaceListing("SPACE_A", 403)
                .failMetadata("SAP_CONTENT", FORBIDDEN_ASSET, 403);
        Map<String, String> delete = Map.of("STALE_TABLE_POLICY", "DELETE");
        SyncReport second;
        try {
            // The harshest settings: removed tables are deleted, and the fail-safe is overridden.
            second = stack.runner().withEnvironment("DiscoveryFunction", delete)
                    .withEnvironment("WorkerFunction", delete).withDetail("overrideFailSafe", "true").run();
        } finally {
            stack.simulator.faults().clearSpaceListing("SPACE_A").clear();
        }
        String printed = printed(second);
        System.out.println(printed);

        assertEquals(spaceATables, tables("datasphere_space_a"), "nothing of the unreadable space is deleted");
        assertEquals("COMPLETE_WITH_ERRORS", second.summary().get("status"), "not halted: " + second.summary());
        assertEquals("true", second.summary().get("listingComplete"));
        assertEquals("1", second.summary().get("unreadableSpaces"));
        JsonNode stale = JsonCodec.mapper().readTree(second.discoveryResponse()).get("stale");
        assertTrue(stale.get("evaluated").asBoolean(), "the other spaces are evaluated: " + stale);
        assertEquals(0, stale.get("staleTables").asInt(), stale.toString());
        Map<String, AttributeValue> unreadable = coverage(second.runId()).get("unreadable").l().get(0).m();
        assertEquals("SPACE_A", unreadable.get("space").s());
        assertTrue(printed.contains("unreadable spaces (HTTP 403; their tables are kept, not evaluated for removal):"),
                printed);
        assertTrue(printed.contains("SPACE_A: the OAuth client's technical user is not a member of space SPACE_A"),
                printed);

        List<SyncReport.AssetLine> content = second.assets();
        assertTrue(content.stream().allMatch(a -> a.space().equals("SAP_CONTENT")), content.toString());
        SyncReport.AssetLine forbidden = content.stream().filter(a -> a.asset().equals(FORBIDDEN_ASSET)).findFirst()
                .orElseThrow();
        assertEquals("FAILED", forbidden.action());
        assertTrue(forbidden.error().startsWith("asset SAP_CONTENT/" + FORBIDDEN_ASSET + ": Datasphere refused"),
                forbidden.error());
        assertTrue(forbidden.error().contains("technical user lacks access to this object"), forbidden.error());
        assertEquals(Set.of("UNCHANGED"), content.stream().filter(a -> a != forbidden).map(SyncReport.AssetLine::action)
                .collect(Collectors.toSet()), content.toString());

        String report = stack.results("report", second.runId());
        System.out.println(report);
        assertTrue(report.contains("  coverage: 1 unreadable space(s)"), report);
        assertTrue(report.contains("    SPACE_A: the OAuth client's technical user is not a member of space SPACE_A"),
                report);
        assertTrue(report.contains("SAP.TIME.M_TIME_DIMENSION"), report);
        assertTrue(jsonLines("DiscoveryFunction.log").stream().anyMatch(l -> l.has("_aws")
                && l.path("UnreadableSpaces").asDouble(-1) == 1.0), "the UnreadableSpaces metric");

        SyncedObjects index = SyncedObjects.dynamo(stack.aws.dynamo(), stack.endpoints.resources().auditTable(),
                Clock.systemUTC(), Duration.ofMinutes(5));
        // Still a space of the tenant (a dotted reference SPACE_A.X names its object), though not readable now.
        assertTrue(index.spaceExists("SPACE_A"), "a space of the tenant");
        assertTrue(index.synced("SPACE_A", "I_CUSTOMER"), "its last index is kept");
    }

    private static List<JsonNode> jsonLines(String file) throws Exception {
        return Files.readAllLines(stack.logDir.resolve(file)).stream().filter(l -> l.startsWith("{")).map(l -> {
            try {
                return JsonCodec.mapper().readTree(l);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }
}
