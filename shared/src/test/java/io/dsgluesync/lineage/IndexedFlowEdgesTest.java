package io.dsgluesync.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IndexedFlowEdgesTest {

    private static List<FlowEdge> dataFlow() throws IOException {
        try (InputStream in = IndexedFlowEdgesTest.class.getResourceAsStream("/lineage/DF_LOAD_ENROLLMENT.json")) {
            return FlowLineage.read("SPACE_A", "DF_LOAD_ENROLLMENT", "dataflows", in.readAllBytes());
        }
    }

    @Test
    void anEdgeIsStoredAsCompactJsonAndReadBackWhole() throws IOException {
        FlowEdge edge = dataFlow().get(0);
        String json = IndexedFlowEdges.encode(edge);

        assertTrue(json.startsWith("{\"object\":\"COLLEGE_ENROLLMENT_RAW\",\"flow\":\"DF_LOAD_ENROLLMENT\","
                + "\"task\":\"target1\",\"source\":{\"space\":\"SPACE_A\",\"via\":\"dataflow\","
                + "\"connection\":\"CAMPUS_MSSQL\",\"remoteEntity\":\"dbo.ENROLLMENTS\""), json);
        assertFalse(json.contains("null"), "absent fields are left out");
        assertFalse(json.contains("\n"), json);
        assertEquals(edge, IndexedFlowEdges.decode("SPACE_A", json));
    }

    @Test
    void aSpacesEdgesAreCutByWholeEdgesAtTheBoundAndTheCutCounted() throws IOException {
        FlowEdge edge = dataFlow().get(0);
        int size = IndexedFlowEdges.encode(edge).getBytes(StandardCharsets.UTF_8).length + 1;
        List<FlowEdge> edges = IntStream.range(0, 10).mapToObj(i -> edge).toList();

        IndexedFlowEdges.Bounded bounded = IndexedFlowEdges.bounded(edges, size * 4 + size / 2);
        assertEquals(4, bounded.edges().size());
        assertEquals(6, bounded.cut());
        assertEquals(new IndexedFlowEdges.Bounded(List.of(), 0), IndexedFlowEdges.bounded(List.of(),
                IndexedFlowEdges.MAX_SPACE_BYTES));
        assertEquals(10, IndexedFlowEdges.bounded(edges, IndexedFlowEdges.MAX_SPACE_BYTES).edges().size());
    }
}
