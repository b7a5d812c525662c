package io.dsgluesync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.datasphere.DatasphereClient;
import io.dsgluesync.datasphere.DatasphereException;
import io.dsgluesync.datasphere.DatasphereSettings;
import io.dsgluesync.model.Asset;
import io.dsgluesync.model.JsonCodec;
import io.dsgluesync.model.Space;
import io.dsgluesync.queue.QueuePublisher;
import io.dsgluesync.rules.AssetFilter;
import io.dsgluesync.rules.SyncRules;
import io.dsgluesync.rules.SyncRulesParser;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Discovery's decisions over a fixed catalog (the HTTP side is tested against the simulator in module local). */
class DiscoveryServiceTest {
    private static final URI BASE = URI.create("https://t.example");
    private final Map<String, List<String>> sent = new LinkedHashMap<>();

    /** A catalog of spaces → asset names; a space mapped to null fails its listing. */
    private DatasphereClient catalog(Map<String, List<String>> assets) {
        return new DatasphereClient(new DatasphereSettings(BASE, BASE.resolve("/oauth/token"), 500, 1,
                Duration.ofSeconds(1), 1000), null) {
            @Override
            public List<Space> listSpaces() {
                return assets.keySet().stream().map(s -> new Space(s, s + " label")).toList();
            }

            @Override
            public List<Asset> listAssets(String space) {
                if (assets.get(space) == null) {
                    throw new DatasphereException(DatasphereException.Kind.UNAUTHORIZED, "HTTP 403", 403, null, null);
                }
                return assets.get(space).stream().map(name -> new Asset(space, name, name,
                        name.endsWith("_AM") ? null : BASE.resolve("/rel/" + name + "/$metadata"),
                        name.endsWith("_AM") ? BASE.resolve("/ana/" + name + "/$metadata") : null,
                        name.endsWith("_AM"), false)).toList();
            }

            @Override
            public int requestCount() {
                return 0;
            }
        };
    }

    /** Asset messages containing this text are refused, as SQS refuses a message over its size limit. */
    private String refusing = "\u0000never";
    private final QueuePublisher publisher = new QueuePublisher(null) {
        @Override
        public List<Rejected> sendAll(String queueUrl, List<String> bodies) {
            List<Rejected> rejected = new ArrayList<>();
            for (int i = 0; i < bodies.size(); i++) {
                if (!queueUrl.equals("results") && bodies.get(i).contains(refusing)) {
                    rejected.add(new Rejected(i, bodies.get(i), "message of 300000 bytes is over SQS's limit"));
                } else {
                    sent.computeIfAbsent(queueUrl, q -> new ArrayList<>()).add(bodies.get(i));
                }
            }
            return rejected;
        }
    };

    private DiscoveryResult run(Map<String, List<String>> assets, SyncRules rules, AssetFilter filter) {
        DiscoveryService service = new DiscoveryService(catalog(assets), publisher,
                new DiscoveryService.Queues("assets", "priority", "results"), rules, filter, false,
                DiscoveryService.GlueSide.NONE, Clock.systemUTC());
        return service.run("run-1");
    }

    private List<JsonNode> bodies(String queue) {
        return sent.getOrDefault(queue, List.of()).stream().map(b -> {
            try {
                return JsonCodec.mapper().readTree(b);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void assetsWhoseNamesFoldToTheSameTableAreFailedNotOverwritten() {
        DiscoveryResult result = run(Map.of("S", List.of("SAP.X", "SAP_X", "OTHER")), SyncRules.DEFAULT,
                AssetFilter.ALL);
        assertEquals(2, result.assetsEnqueued());
        List<JsonNode> results = bodies("results");
        assertEquals(3, results.get(0).get("expectedAssets").asInt(), "the collision is still accounted for");
        JsonNode failed = results.get(1);
        assertEquals("FAILED", failed.get("action").asText());
        assertEquals("SAP_X", failed.get("asset").asText());
        assertEquals("asset", failed.get("errorField").asText());
        assertTrue(failed.get("error").asText().contains("already taken by asset SAP.X"), failed.toString());
    }

    @Test
    void priorityAssetsGoToThePriorityQueueAndTheRestInPriorityOrder() {
        SyncRules rules = SyncRulesParser.parse("r", "{\"version\":1,\"priorityQueueThreshold\":10}");
        run(Map.of("S", List.of("A_VIEW", "B_AM", "C_VIEW")), rules, AssetFilter.ALL);
        assertEquals(List.of("B_AM"), bodies("priority").stream().map(b -> b.get("asset").asText()).toList());
        assertEquals(List.of("A_VIEW", "C_VIEW"), bodies("assets").stream().map(b -> b.get("asset").asText()).toList());
    }

    @Test
    void aPriorityPassEnqueuesOnlyThePriorityAssetsAndAnnouncesThemAlone() {
        SyncRules rules = SyncRulesParser.parse("r", "{\"version\":1,\"priorityQueueThreshold\":10}");
        DiscoveryService service = new DiscoveryService(catalog(Map.of("S", List.of("A_VIEW", "B_AM", "C_VIEW"))),
                publisher, new DiscoveryService.Queues("assets", "priority", "results"), rules, AssetFilter.ALL,
                false, DiscoveryService.GlueSide.NONE, Clock.systemUTC());
        assertTrue(service.prioritizes());
        DiscoveryResult result = service.run("run-2", DiscoveryService.RunOptions.PRIORITY);
        assertEquals("priority", result.operation());
        assertEquals(1, result.assetsEnqueued());
        assertEquals(List.of("B_AM"), bodies("priority").stream().map(b -> b.get("asset").asText()).toList());
        assertTrue(bodies("assets").isEmpty(), "nothing for the asset queue");
        JsonNode announcement = bodies("results").get(0);
        assertEquals("priority", announcement.get("operation").asText());
        assertEquals(1, announcement.get("expectedAssets").asInt());
    }

    @Test
    void withoutRulesThatReachThePriorityQueueThereIsNoPriorityPass() {
        DiscoveryService service = new DiscoveryService(catalog(Map.of("S", List.of("B_AM"))), publisher,
                new DiscoveryService.Queues("assets", "priority", "results"), SyncRules.DEFAULT, AssetFilter.ALL,
                false, DiscoveryService.GlueSide.NONE, Clock.systemUTC());
        assertFalse(service.prioritizes(), "the default rules rank assets but send none to the priority queue");
    }

    @Test
    void excludedSpacesAndAssetsAreNeitherListedNorEnqueued() {
        AssetFilter filter = AssetFilter.fromEnvironment(Map.of("DATASPHERE_EXCLUDE_SPACES", "HR*",
                "DATASPHERE_EXCLUDE_ASSETS", "*_TMP"));
        DiscoveryResult result = run(new java.util.TreeMap<>(Map.of("HR", List.of("PAY"), "S",
                List.of("A", "B_TMP"))), SyncRules.DEFAULT, filter);
        assertEquals(1, result.spaces());
        assertEquals(List.of("A"), bodies("assets").stream().map(b -> b.get("asset").asText()).toList());
    }

    @Test
    void aSpaceThatCannotBeListedMakesTheRunIncompleteButTheOthersAreEnqueued() {
        Map<String, List<String>> assets = new java.util.TreeMap<>();
        assets.put("DENIED", null);
        assets.put("S", List.of("A"));
        DiscoveryResult result = run(assets, SyncRules.DEFAULT, AssetFilter.ALL);
        assertFalse(result.listingComplete());
        assertEquals(1, result.assetsEnqueued());
        JsonNode announcement = bodies("results").get(0);
        assertFalse(announcement.get("listingComplete").asBoolean());
        assertTrue(announcement.get("listingErrors").get(0).asText().startsWith("space DENIED"));
    }

    @Test
    void aMessageSqsRefusesBecomesAFailedRecordAndTheRunGoesOn() {
        refusing = "HUGE_VIEW";
        DiscoveryResult result = run(Map.of("S", List.of("A", "HUGE_VIEW", "B")), SyncRules.DEFAULT, AssetFilter.ALL);

        assertEquals(List.of("A", "B"), bodies("assets").stream().map(b -> b.get("asset").asText()).toList());
        List<JsonNode> results = bodies("results");
        assertEquals(3, results.get(0).get("expectedAssets").asInt(), "the refused asset is still accounted for");
        JsonNode failed = results.get(1);
        assertEquals("HUGE_VIEW", failed.get("asset").asText());
        assertEquals("FAILED", failed.get("action").asText());
        assertEquals("message", failed.get("errorField").asText());
        assertTrue(failed.get("error").asText().contains("over SQS's limit"), failed.toString());
        assertEquals(3, result.assetsEnqueued());
    }
}
