package io.dsgluesync.lineage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The synced-object index in the audit table ({@link SyncedObjectIndex} describes the items). Written with UpdateItem
 * and read with Query, which the functions' role already has on that table; stale chunks are deleted with
 * DeleteItem. A reader that meets a half-written index (chunks of two runs) reads their union: names change slowly,
 * and the next sync settles it.
 */
public final class DynamoObjectIndex implements SyncedObjectIndex {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoObjectIndex.class);
    private static final String NAMES = "names";
    private static final String EDGES = "edges";
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Duration ttl;

    /** {@code ttl}: how long an entry outlives its last write (an entry no sync rewrites expires, as runs do). */
    public DynamoObjectIndex(DynamoDbClient dynamo, String table, Clock clock, Duration ttl) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public void write(String runId, Map<String, Set<String>> objects, Set<String> spaces) {
        objects.forEach((space, names) -> writeEntry(runId, SyncedObjectIndex.spaceKey(space), NAMES, names, 0));
        writeEntry(runId, SPACES_KEY, NAMES, spaces, 0);
    }

    @Override
    public void writeFlows(String runId, Map<String, List<FlowEdge>> edgesInto) {
        edgesInto.forEach((space, edges) -> {
            IndexedFlowEdges.Bounded bounded = IndexedFlowEdges.bounded(edges, IndexedFlowEdges.MAX_SPACE_BYTES);
            if (bounded.cut() > 0) {
                LOG.warn("flow lineage into space {}: {} of {} edges cut to stay within {} bytes", space,
                        bounded.cut(), edges.size(), IndexedFlowEdges.MAX_SPACE_BYTES);
            }
            writeEntry(runId, SyncedObjectIndex.flowsKey(space), EDGES, bounded.edges(), bounded.cut());
        });
    }

    private void writeEntry(String runId, String pk, String attribute, Collection<String> values, int cut) {
        List<List<String>> chunks = SyncedObjectIndex.chunks(values, MAX_CHUNK_BYTES);
        long expiresAt = clock.instant().plus(ttl).getEpochSecond();
        for (int i = 0; i < chunks.size(); i++) {
            String sk = Integer.toString(i);
            List<AttributeValue> list = chunks.get(i).stream().map(AttributeValue::fromS).toList();
            Map<String, String> attributeNames = new HashMap<>(Map.of("#runId", "runId", "#values", attribute,
                    "#chunks", "chunks", "#expiresAt", "expiresAt"));
            Map<String, AttributeValue> attributeValues = new HashMap<>(Map.of(":runId", AttributeValue.fromS(runId),
                    ":values", AttributeValue.fromL(list),
                    ":chunks", AttributeValue.fromN(Integer.toString(chunks.size())),
                    ":expiresAt", AttributeValue.fromN(Long.toString(expiresAt))));
            String update = "SET #runId = :runId, #values = :values, #chunks = :chunks, #expiresAt = :expiresAt";
            if (EDGES.equals(attribute)) {
                attributeNames.put("#cut", "cut");
                attributeValues.put(":cut", AttributeValue.fromN(Integer.toString(cut)));
                update += ", #cut = :cut";
            }
            String expression = update;
            dynamo.updateItem(r -> r.tableName(table).key(key(pk, sk)).updateExpression(expression)
                    .expressionAttributeNames(attributeNames)
                    .expressionAttributeValues(attributeValues));
        }
        for (String sk : chunkKeys(pk)) {
            if (Integer.parseInt(sk) >= chunks.size()) {
                dynamo.deleteItem(r -> r.tableName(table).key(key(pk, sk)));
            }
        }
    }

    private List<String> chunkKeys(String pk) {
        List<String> keys = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))).projectionExpression("sk"))
                .items().forEach(i -> keys.add(i.get("sk").s()));
        return keys;
    }

    /** Every name of an entry, the union of its chunks; empty when there is no entry. */
    Set<String> read(String pk) {
        return new HashSet<>(values(pk, NAMES));
    }

    /** The edges into each object of {@code space}, in the order stored; empty when there is no entry. */
    Map<String, List<FlowEdge>> readFlows(String space) {
        Map<String, List<FlowEdge>> byObject = new HashMap<>();
        for (String json : values(SyncedObjectIndex.flowsKey(space), EDGES)) {
            FlowEdge edge = IndexedFlowEdges.decode(space, json);
            List<FlowEdge> into = byObject.computeIfAbsent(edge.targetObject(), o -> new ArrayList<>());
            if (!into.contains(edge)) {
                into.add(edge);
            }
        }
        byObject.replaceAll((object, edges) -> List.copyOf(edges));
        return byObject;
    }

    /** The values of an entry's chunks, in chunk order. */
    private List<String> values(String pk, String attribute) {
        List<String> values = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))))
                .items().forEach(i -> {
                    AttributeValue list = i.get(attribute);
                    if (list != null && list.hasL()) {
                        list.l().forEach(v -> values.add(v.s()));
                    }
                });
        return values;
    }

    /** A reader of this index caching each entry for {@code cacheFor}. */
    SyncedObjects reader(Duration cacheFor) {
        return new Reader(cacheFor);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put("pk", AttributeValue.fromS(pk));
        key.put("sk", AttributeValue.fromS(sk));
        return key;
    }

    /** Entries read once and kept for a while, per container. */
    private final class Reader implements SyncedObjects {
        private record Entry(Set<String> names, Instant readAt) {
        }

        private record Flows(Map<String, List<FlowEdge>> byObject, Instant readAt) {
        }

        private final Duration cacheFor;
        private final Map<String, Entry> cache = new ConcurrentHashMap<>();
        private final Map<String, Flows> flows = new ConcurrentHashMap<>();

        Reader(Duration cacheFor) {
            this.cacheFor = cacheFor;
        }

        @Override
        public boolean spaceExists(String space) {
            return names(SPACES_KEY).contains(space);
        }

        @Override
        public boolean synced(String space, String object) {
            return names(SyncedObjectIndex.spaceKey(space)).contains(object);
        }

        @Override
        public List<FlowEdge> flowsInto(String space, String object) {
            Instant now = clock.instant();
            Flows entry = flows.get(space);
            if (entry == null || !now.isBefore(entry.readAt().plus(cacheFor))) {
                entry = new Flows(Map.copyOf(readFlows(space)), now);
                flows.put(space, entry);
            }
            return entry.byObject().getOrDefault(object, List.of());
        }

        private Set<String> names(String pk) {
            Instant now = clock.instant();
            Entry entry = cache.get(pk);
            if (entry == null || !now.isBefore(entry.readAt().plus(cacheFor))) {
                entry = new Entry(Set.copyOf(read(pk)), now);
                cache.put(pk, entry);
            }
            return entry.names();
        }
    }
}
