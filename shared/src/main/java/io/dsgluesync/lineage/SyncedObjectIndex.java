package io.dsgluesync.lineage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Discovery's side of the synced-object index: after each full sync, per space, the names of the objects that run
 * syncs, and the names of the tenant's spaces. Lineage reads it through {@link SyncedObjects} to tell an
 * upstream that has a Glue table from one that has none.
 *
 * <p>Stored in the audit table: items {@code pk=OBJECTS#<space>}, {@code sk=0,1,…}, each with {@code runId},
 * {@code names} (a list of at most {@link #MAX_CHUNK_BYTES} of names) and {@code expiresAt}; the tenant's spaces
 * under {@code pk=OBJECTS} the same way. The flow edges into a space's Datasphere objects (data flows, replication
 * flows into the space) under {@code pk=FLOWS#<space>} the same way, as {@code edges} ({@link IndexedFlowEdges}, at
 * most {@link IndexedFlowEdges#MAX_SPACE_BYTES} per space) with {@code cut}, how many edges the bound left out.
 * Every full sync overwrites a space's chunks and deletes the ones it no longer needs.
 */
public interface SyncedObjectIndex {
    String SPACES_KEY = "OBJECTS";
    String SPACE_PREFIX = "OBJECTS#";
    String FLOWS_PREFIX = "FLOWS#";
    /**
     * Names per item, counted as DynamoDB counts an item's size (UTF-8 bytes of each value, plus a byte per list
     * element; https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html),
     * far below the 400 KB item limit.
     */
    int MAX_CHUNK_BYTES = 300_000;

    SyncedObjectIndex NONE = (runId, objects, spaces) -> { };

    /**
     * Replaces the index with this run's: {@code objects} per space listed (a space missing here keeps its
     * previous entry), and every space of the tenant.
     */
    void write(String runId, Map<String, Set<String>> objects, Set<String> spaces);

    /**
     * Replaces the flow edges into each space of {@code edgesInto} (the edges whose target is a Datasphere object of
     * that space; a space missing here keeps its previous entry). No index keeps none.
     */
    default void writeFlows(String runId, Map<String, List<FlowEdge>> edgesInto) {
    }

    static String spaceKey(String space) {
        return SPACE_PREFIX + space;
    }

    static String flowsKey(String space) {
        return FLOWS_PREFIX + space;
    }

    /** {@code names} in order, cut into chunks of at most {@code maxBytes} as DynamoDB sizes a list of strings. */
    static List<List<String>> chunks(Collection<String> names, int maxBytes) {
        List<List<String>> chunks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int bytes = 0;
        for (String name : names) {
            int size = name.getBytes(StandardCharsets.UTF_8).length + 1;
            if (size > maxBytes) {
                throw new IllegalArgumentException("an object name of " + size + " bytes exceeds a chunk");
            }
            if (bytes + size > maxBytes) {
                chunks.add(List.copyOf(current));
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(name);
            bytes += size;
        }
        if (!current.isEmpty() || chunks.isEmpty()) {
            chunks.add(List.copyOf(current));
        }
        return chunks;
    }
}
