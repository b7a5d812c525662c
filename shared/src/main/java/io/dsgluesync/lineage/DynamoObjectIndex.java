package io.dsgluesync.lineage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The synced-object index in the audit table ({@link SyncedObjectIndex} describes the items). Written with UpdateItem
 * and read with Query, which the functions' role already has on that table; stale chunks are deleted with
 * DeleteItem. A reader that meets a half-written index (chunks of two runs) reads their union: names change slowly,
 * and the next sync settles it.
 */
public final class DynamoObjectIndex implements SyncedObjectIndex {
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
        objects.forEach((space, names) -> writeEntry(runId, SyncedObjectIndex.spaceKey(space), names));
        writeEntry(runId, SPACES_KEY, spaces);
    }

    private void writeEntry(String runId, String pk, Set<String> names) {
        List<List<String>> chunks = SyncedObjectIndex.chunks(names, MAX_CHUNK_BYTES);
        long expiresAt = clock.instant().plus(ttl).getEpochSecond();
        for (int i = 0; i < chunks.size(); i++) {
            String sk = Integer.toString(i);
            List<AttributeValue> list = chunks.get(i).stream().map(AttributeValue::fromS).toList();
            dynamo.updateItem(r -> r.tableName(table).key(key(pk, sk))
                    .updateExpression("SET #runId = :runId, #names = :names, #chunks = :chunks, "
                            + "#expiresAt = :expiresAt")
                    .expressionAttributeNames(Map.of("#runId", "runId", "#names", "names", "#chunks", "chunks",
                            "#expiresAt", "expiresAt"))
                    .expressionAttributeValues(Map.of(":runId", AttributeValue.fromS(runId),
                            ":names", AttributeValue.fromL(list),
                            ":chunks", AttributeValue.fromN(Integer.toString(chunks.size())),
                            ":expiresAt", AttributeValue.fromN(Long.toString(expiresAt)))));
        }
        for (String sk : chunkKeys(pk)) {
            if (Integer.parseInt(sk) >= chunks.size()) {
                dynamo.deleteItem(r -> r.tableName(table).key(key(pk, sk)));
            }
        }
    }

    private List<String> chunkKeys(String pk) {
        List<String> keys = new java.util.ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))).projectionExpression("sk"))
                .items().forEach(i -> keys.add(i.get("sk").s()));
        return keys;
    }

    /** Every name of an entry, the union of its chunks; empty when there is no entry. */
    Set<String> read(String pk) {
        Set<String> names = new HashSet<>();
        dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))))
                .items().forEach(i -> {
                    AttributeValue list = i.get("names");
                    if (list != null && list.hasL()) {
                        list.l().forEach(v -> names.add(v.s()));
                    }
                });
        return names;
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

        private final Duration cacheFor;
        private final Map<String, Entry> cache = new ConcurrentHashMap<>();

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
