package io.dsgluesync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.audit.Coverage;
import io.dsgluesync.datasphere.DatasphereClient;
import io.dsgluesync.datasphere.DatasphereException;
import io.dsgluesync.datasphere.DatasphereSettings;
import io.dsgluesync.lineage.SyncedObjectIndex;
import io.dsgluesync.model.Asset;
import io.dsgluesync.model.JsonCodec;
import io.dsgluesync.model.Space;
import io.dsgluesync.queue.QueuePublisher;
import io.dsgluesync.rules.AssetFilter;
import io.dsgluesync.rules.SyncRules;
import java.net.URI;
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

    private final SyncedObjectIndex index = (runId, objects, spaces) -> {
        indexed.add(objects);
        spacesIndexed.add(spaces);
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
                return switch (type) {
                    case "views" -> catalog.get(space);
                    case "localtables" -> localTables.getOrDefault(space, List.of());
                    default -> List.of();
                };
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
        assertEquals(List.of("S/views", "S/analyticmodels", "S/localtables", "S/remotetables"), designCalls);
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
        assertEquals(4, designCalls.size(), "enrichment and coverage share one listing");
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
    void planAndPriorityRunsWriteNoIndex() {
        DiscoveryService service = service(tenant(Map.of("S", List.of("V1")), Map.of()), false, true);
        service.run("plan-1", DiscoveryService.RunOptions.PLAN);
        service.run("prio-1", DiscoveryService.RunOptions.PRIORITY);
        assertEquals(List.of(), indexed);
        service.run("sync-1");
        assertEquals(1, indexed.size());
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
