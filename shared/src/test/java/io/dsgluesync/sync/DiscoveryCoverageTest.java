package io.dsgluesync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.audit.Coverage;
import io.dsgluesync.datasphere.DatasphereClient;
import io.dsgluesync.datasphere.DatasphereException;
import io.dsgluesync.datasphere.DatasphereSettings;
import io.dsgluesync.lineage.FlowEdge;
import io.dsgluesync.lineage.SyncedObjectIndex;
import io.dsgluesync.model.Asset;
import io.dsgluesync.model.JsonCodec;
import io.dsgluesync.model.Space;
import io.dsgluesync.queue.QueuePublisher;
import io.dsgluesync.rules.AssetFilter;
import io.dsgluesync.rules.ReplicationTargets;
import io.dsgluesync.rules.SyncRules;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Discovery's coverage: unreadable spaces, objects the catalog does not expose, and the synced-object index. */
class DiscoveryCoverageTest {
    private static final URI BASE = URI.create("https://t.example");
    private final Map<String, List<String>> sent = new LinkedHashMap<>();
    private final List<String> designCalls = new ArrayList<>();
    private final List<Map<String, Set<String>>> indexed = new ArrayList<>();
    private final List<Set<String>> spacesIndexed = new ArrayList<>();
    /** Spaces whose catalog listing answers 403, and those whose design-time lists do. */
    private final Set<String> catalogForbidden = new HashSet<>();
    private final Set<String> designForbidden = new HashSet<>();

    private final QueuePublisher publisher = new QueuePublisher(null) {
        @Override
        public List<Rejected> sendAll(String queueUrl, List<String> bodies) {
            sent.computeIfAbsent(queueUrl, q -> new ArrayList<>()).addAll(bodies);
            return List.of();
        }
    };

    private final List<Map<String, List<FlowEdge>>> flowsIndexed = new ArrayList<>();
    /** Flow definitions per type and name (every space has the same), and each flow read. */
    private final Map<String, Map<String, byte[]>> flows = new LinkedHashMap<>();
    private final List<String> flowReads = new ArrayList<>();
    private final Set<String> flowsForbidden = new HashSet<>();

    private final SyncedObjectIndex index = new SyncedObjectIndex() {
        @Override
        public void write(String runId, Map<String, Set<String>> objects, Set<String> spaces) {
            indexed.add(objects);
            spacesIndexed.add(spaces);
        }

        @Override
        public void writeFlows(String runId, Map<String, List<FlowEdge>> edgesInto) {
            flowsIndexed.add(edgesInto);
        }
    };

    /** Catalog assets per space; design-time objects per space (views and local tables). */
    private DatasphereClient tenant(Map<String, List<String>> catalog, Map<String, List<String>> localTables) {
        return new DatasphereClient(new DatasphereSettings(BASE, BASE.resolve("/oauth/token"), 500, 1,
                Duration.ofSeconds(1), 1000), null) {
            @Override
            public List<Space> listSpaces() {
                return catalog.keySet().stream().map(s -> new Space(s, s)).toList();
            }

            @Override
            public List<Asset> listAssets(String space) {
                if (catalogForbidden.contains(space)) {
                    throw new DatasphereException(DatasphereException.Kind.FORBIDDEN, "GET /catalog answered HTTP 403",
                            403, null, null);
                }
                return catalog.get(space).stream().map(n -> new Asset(space, n, n, BASE.resolve("/r/" + n), null,
                        false, false)).toList();
            }

            @Override
            public List<String> listDesignObjects(String space, String type) {
                designCalls.add(space + "/" + type);
                if (designForbidden.contains(space)) {
                    throw new DatasphereException(DatasphereException.Kind.FORBIDDEN, "GET /dwaas-core answered HTTP 403",
                            403, null, null);
                }
                if (flowsForbidden.contains(space) && type.endsWith("flows")) {
                    throw new DatasphereException(DatasphereException.Kind.FORBIDDEN, "GET /dwaas-core answered HTTP 403",
                            403, null, null);
                }
                return switch (type) {
                    case "views" -> catalog.get(space);
                    case "localtables" -> localTables.getOrDefault(space, List.of());
                    default -> List.copyOf(flows.getOrDefault(type, Map.of()).keySet());
                };
            }

            @Override
            public byte[] fetchCsn(String space, String type, String name) {
                flowReads.add(space + "/" + type + "/" + name);
                return flows.get(type).get(name);
            }

            @Override
            public int requestCount() {
                return 0;
            }
        };
    }

    private DiscoveryService service(DatasphereClient client, boolean designTime, boolean lineage) {
        DiscoveryService service = new DiscoveryService(client, publisher,
                new DiscoveryService.Queues("assets", null, "results"), SyncRules.DEFAULT, AssetFilter.ALL, designTime,
                DiscoveryService.GlueSide.NONE, Clock.systemUTC());
        return lineage ? service.withLineage(index) : service;
    }

    private JsonNode announcement() throws Exception {
        return JsonCodec.mapper().readTree(sent.get("results").get(0));
    }

    private List<String> enqueued() {
        return sent.getOrDefault("assets", List.of()).stream().map(b -> {
            try {
                return JsonCodec.mapper().readTree(b).get("asset").asText();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void withLineageOnlyTheUnexposedObjectsAreListedNotSyncedAndEachListIsReadOnce() throws Exception {
        DiscoveryResult result = service(tenant(new TreeMap<>(Map.of("S", List.of("V1", "V2"))),
                Map.of("S", List.of("T_LOCAL", "A_LOCAL"))), false, true).run("run-1");

        assertEquals(List.of("V1", "V2"), enqueued(), "with enrichment off the local tables are not synced");
        assertEquals(new Coverage(0, List.of(), 2, List.of(new Coverage.UnexposedObjects("S", 2,
                List.of("A_LOCAL", "T_LOCAL"))), false), result.coverage());
        // Lineage also lists the flows (to index the data they load into the space's objects); there are none.
        assertEquals(List.of("S/views", "S/analyticmodels", "S/localtables", "S/remotetables", "S/replicationflows",
                "S/dataflows"), designCalls);
        JsonNode coverage = announcement().get("coverage");
        assertEquals(2, coverage.get("unexposedCount").asInt());
        assertEquals("A_LOCAL", coverage.get("unexposed").get(0).get("names").get(0).asText());
        assertTrue(result.listingComplete());
    }

    @Test
    void withEnrichmentTheUnexposedObjectsAreSyncedAndTheListsAreStillReadOnce() {
        DiscoveryResult result = service(tenant(Map.of("S", List.of("V1")), Map.of("S", List.of("T_LOCAL"))), true,
                true).run("run-1");

        assertEquals(List.of("T_LOCAL", "V1"), enqueued().stream().sorted().toList());
        assertTrue(result.coverage().unexposedSynced());
        assertEquals(1, result.coverage().unexposedCount());
        assertEquals(6, designCalls.size(), "enrichment and coverage share one listing (4 lists), and 2 flow lists");
    }

    @Test
    void withNeitherLineageNorEnrichmentNoDesignTimeListIsRead() {
        DiscoveryResult result = service(tenant(Map.of("S", List.of("V1")), Map.of("S", List.of("T"))), false, false)
                .run("run-1");
        assertEquals(List.of(), designCalls);
        assertEquals(Coverage.NONE, result.coverage());
    }

    @Test
    void aForbiddenSpaceIsUnreadableNotAListingErrorAndTheOthersAreSyncedAndIndexed() throws Exception {
        catalogForbidden.add("HR");
        DiscoveryResult result = service(tenant(new TreeMap<>(Map.of("HR", List.of("PAY"), "S", List.of("V1"))),
                Map.of()), false, true).run("run-1");

        assertTrue(result.listingComplete(), "a space the client may not read does not stop the stale evaluation");
        assertEquals(List.of(), result.listingErrors());
        assertEquals(List.of("V1"), enqueued());
        assertEquals(1, result.coverage().unreadableCount());
        Coverage.UnreadableSpace hr = result.coverage().unreadable().get(0);
        assertEquals("HR", hr.space());
        assertTrue(hr.reason().startsWith("the OAuth client's technical user is not a member of space HR"),
                hr.reason());
        JsonNode announced = announcement().get("coverage").get("unreadable").get(0);
        assertEquals("HR", announced.get("space").asText());
        assertEquals(List.of(Map.of("S", Set.of("V1"))), indexed);
        assertEquals(List.of(Set.of("HR", "S")), spacesIndexed,
                "every space of the tenant, one the client may not read too: a dotted A.B names space A's B");
    }

    @Test
    void aSpaceWhoseDesignTimeListsAreForbiddenSyncsWhatTheCatalogListsAndIsUnreadable() {
        designForbidden.add("S");
        DiscoveryResult result = service(tenant(Map.of("S", List.of("V1")), Map.of("S", List.of("T"))), true, true)
                .run("run-1");

        assertEquals(List.of("V1"), enqueued());
        assertEquals("S", result.coverage().unreadable().get(0).space());
        assertTrue(result.coverage().unreadable().get(0).reason().contains("design-time objects"));
        assertEquals(List.of(Set.of("S")), spacesIndexed);
    }

    @Test
    void aPriorityPassWithLineageReadsNoDesignTimeListAndReportsNoCoverage() throws Exception {
        DiscoveryResult result = service(tenant(Map.of("S", List.of("V1")), Map.of("S", List.of("T"))), false, true)
                .run("prio-1", DiscoveryService.RunOptions.PRIORITY);
        assertEquals(List.of(), designCalls, "coverage is the syncs' to report; a priority pass stays light");
        assertEquals(null, result.coverage());
        assertTrue(announcement().get("coverage").get("unexposed").isEmpty(), announcement().toString());
    }

    @Test
    void planAndPriorityRunsWriteNoIndex() {
        DiscoveryService service = service(tenant(Map.of("S", List.of("V1")), Map.of()), false, true);
        service.run("plan-1", DiscoveryService.RunOptions.PLAN);
        service.run("prio-1", DiscoveryService.RunOptions.PRIORITY);
        assertEquals(List.of(), indexed);
        service.run("sync-1");
        assertEquals(1, indexed.size());
    }

    @Test
    void withLineageAndReplicationEachFlowIsReadOnceAndTheEdgesIntoTheSpaceAreIndexed() throws Exception {
        flows.put("replicationflows", new TreeMap<>(Map.of("RF_SALES_TO_S3", fixture("RF_SALES_TO_S3.json"),
                "RF_INTO_SPACE", replicationIntoTheSpace())));
        flows.put("dataflows", new TreeMap<>(Map.of("DF_LOAD_ENROLLMENT", fixture("DF_LOAD_ENROLLMENT.json"),
                "DF_BROKEN", "{not json".getBytes(StandardCharsets.UTF_8))));
        SyncRules replication = new SyncRules(1, List.of(), List.of(), Integer.MAX_VALUE, List.of(),
                new ReplicationTargets(Map.of("S3_DATALAKE", "lake")));
        DiscoveryService service = new DiscoveryService(tenant(Map.of("S", List.of("V1")), Map.of()), publisher,
                new DiscoveryService.Queues("assets", null, "results"), replication, AssetFilter.ALL, false,
                DiscoveryService.GlueSide.NONE, Clock.systemUTC()).withLineage(index);

        DiscoveryResult result = service.run("run-1");

        assertEquals(List.of("S/replicationflows/RF_INTO_SPACE", "S/replicationflows/RF_SALES_TO_S3",
                "S/dataflows/DF_BROKEN", "S/dataflows/DF_LOAD_ENROLLMENT"), flowReads, "each flow read once");
        assertEquals(1, designCalls.stream().filter(c -> c.equals("S/replicationflows")).count());
        assertEquals(List.of("SAP.TIME.M_TIME_DIMENSION", "SAP_SC_SALES_V_SalesOrders", "V1"),
                enqueued().stream().sorted().toList(), "replication binds its S3 tasks from the same reads");
        Map<String, List<FlowEdge>> edges = flowsIndexed.get(0);
        assertEquals(Set.of("S"), edges.keySet());
        assertEquals(List.of("RF_INTO_SPACE/task1 -> ORDERS_COPY", "DF_LOAD_ENROLLMENT/target1 -> COLLEGE_ENROLLMENT_RAW"),
                edges.get("S").stream().map(e -> e.flow() + "/" + e.task() + " -> " + e.targetObject()).toList(),
                "only the edges into Datasphere objects; the S3 targets are replicas");
        // A data flow that cannot be read costs lineage only: named in the coverage, the listing stays complete.
        assertEquals(List.of(), result.listingErrors());
        assertTrue(result.listingComplete());
        assertEquals(1, result.coverage().unreadableFlows().size(), result.coverage().toString());
        assertTrue(result.coverage().unreadableFlows().get(0).startsWith(
                "space S: dataflows DF_BROKEN: lineage unreadable"), result.coverage().unreadableFlows().toString());
        assertEquals(1, announcement().get("coverage").get("unreadableFlows").size());
    }

    @Test
    void withLineageAloneAForbiddenFlowListMakesTheSpaceUnreadableNotAListingError() {
        flowsForbidden.add("S");
        DiscoveryResult result = service(tenant(Map.of("S", List.of("V1")), Map.of()), false, true).run("run-1");

        assertTrue(result.listingComplete());
        assertEquals(List.of("V1"), enqueued());
        assertTrue(result.coverage().unreadable().get(0).reason().contains("its flows"),
                result.coverage().toString());
        assertEquals(List.of(Map.of()), flowsIndexed, "its previous flow entry is kept");
    }

    @Test
    void planRunsReadNoFlowForLineage() {
        flows.put("dataflows", Map.of("DF", "{}".getBytes(StandardCharsets.UTF_8)));
        service(tenant(Map.of("S", List.of("V1")), Map.of()), false, true).run("plan-1",
                DiscoveryService.RunOptions.PLAN);
        assertEquals(List.of(), flowReads);
        assertTrue(designCalls.stream().noneMatch(c -> c.endsWith("flows")), designCalls.toString());
    }

    /** A replication flow from another space's object into this space ({@code $DWC} target, container /S). */
    private static byte[] replicationIntoTheSpace() {
        return ("{\"replicationflows\":{\"RF_INTO_SPACE\":{\"contents\":{"
                + "\"sourceSystem\":[{\"connectionId\":\"$DWC\",\"container\":\"/SALES\"}],"
                + "\"targetSystem\":[{\"connectionId\":\"$DWC\",\"container\":\"/S\"}],"
                + "\"replicationTasks\":[{\"name\":\"task1\",\"sourceObject\":{\"name\":\"ORDERS\"},"
                + "\"targetObject\":{\"name\":\"ORDERS_COPY\"}}]}}}}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = DiscoveryCoverageTest.class.getResourceAsStream("/lineage/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void coverageIsBoundedButCountsEverything() {
        Map<String, List<String>> unexposed = new LinkedHashMap<>();
        for (int s = 0; s < 15; s++) {
            unexposed.put("S" + s, IntStream.range(0, 150).mapToObj(i -> "T" + i).toList());
        }
        List<Coverage.UnreadableSpace> unreadable = IntStream.range(0, 300)
                .mapToObj(i -> new Coverage.UnreadableSpace("U" + i, "x".repeat(1_000))).toList();
        Coverage coverage = Coverage.of(unreadable, unexposed, false);

        assertEquals(300, coverage.unreadableCount());
        assertEquals(Coverage.MAX_SPACES, coverage.unreadable().size());
        assertTrue(coverage.unreadable().get(0).reason().length() <= 301);
        assertEquals(15 * 150, coverage.unexposedCount());
        assertEquals(Coverage.MAX_NAMES_PER_SPACE, coverage.unexposed().get(0).names().size());
        assertEquals(Coverage.MAX_NAMES, coverage.unexposed().stream().mapToInt(u -> u.names().size()).sum());
        assertEquals(150, coverage.unexposed().get(14).count(), "a space past the name budget still has its count");
    }
}
