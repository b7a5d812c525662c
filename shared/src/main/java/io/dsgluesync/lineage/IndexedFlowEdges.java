package io.dsgluesync.lineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.model.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The flow edges into a space's Datasphere objects as the synced-object index stores them: one compact JSON string
 * per edge, {@code {"object":T,"flow":F,"task":K,"source":{Upstream},"columns":[ColumnLineage…]}} (nulls left out),
 * the space being the entry's. Pure.
 */
public final class IndexedFlowEdges {
    /**
     * At most this many bytes of edges per space (UTF-8 of each string plus a byte per list element, as DynamoDB sizes
     * a list, https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html): the
     * worker reads a space's entry in one Query page (1 MB,
     * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html).
     */
    public static final int MAX_SPACE_BYTES = 200_000;

    private IndexedFlowEdges() {
    }

    /** A space's edges as stored, and how many whole edges were cut to stay within the bound. */
    public record Bounded(List<String> edges, int cut) {
        public Bounded {
            edges = List.copyOf(edges);
        }
    }

    private record Stored(String object, String flow, String task, Upstream source, List<ColumnLineage> columns) {
    }

    /** {@code edges} encoded in order, cut by whole edges once {@code maxBytes} would be exceeded. */
    public static Bounded bounded(List<FlowEdge> edges, int maxBytes) {
        List<String> kept = new ArrayList<>();
        int bytes = 0;
        int cut = 0;
        for (FlowEdge edge : edges) {
            String json = encode(edge);
            int size = json.getBytes(StandardCharsets.UTF_8).length + 1;
            if (bytes + size > maxBytes) {
                cut++;
                continue;
            }
            kept.add(json);
            bytes += size;
        }
        return new Bounded(kept, cut);
    }

    static String encode(FlowEdge edge) {
        return JsonCodec.write(new Stored(edge.targetObject(), edge.flow(), edge.task(), edge.source(),
                edge.columns()));
    }

    /** One stored edge into an object of {@code space}. */
    static FlowEdge decode(String space, String json) {
        try {
            JsonNode node = JsonCodec.mapper().readTree(json);
            Stored stored = JsonCodec.mapper().treeToValue(node, Stored.class);
            return new FlowEdge(stored.flow(), stored.task(), stored.source(), space, stored.object(), null, null,
                    stored.columns() == null ? List.of() : stored.columns());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("synced-object index: flow edge is not valid JSON: " + e.getMessage(), e);
        }
    }
}
