package io.dsgluesync.lineage;

import static io.dsgluesync.lineage.LineageFixtures.SAMPLE_SPACES;
import static io.dsgluesync.lineage.LineageFixtures.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.lineage.ColumnLineage.SourceColumn;
import io.dsgluesync.model.JsonCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Lineage as Glue table and column parameters: formats, size bounds and determinism. */
class LineageParametersTest {
    private static final Function<Upstream, String> SYNCED = u ->
            "SAP_SC_FI_Products".equals(u.object()) ? "sap_content.sap_sc_fi_products" : null;

    private static JsonNode parse(String json) throws Exception {
        return JsonCodec.mapper().readTree(json);
    }

    @Test
    void viewUpstreamsDefinitionAndColumns() {
        Lineage lineage = CsnLineage.read("SAP_CONTENT", "SAP_SC_FI_V_ProductsDim", file("SAP_SC_FI_V_ProductsDim"),
                SAMPLE_SPACES);
        LineageParameters.Rendered rendered = LineageParameters.render(lineage, SYNCED);
        Map<String, String> table = rendered.table();
        assertEquals("[{\"space\":\"SAP_CONTENT\",\"object\":\"SAP_SC_FI_Products\","
                + "\"glue\":\"sap_content.sap_sc_fi_products\",\"via\":\"union\"},"
                + "{\"space\":\"SAP_CONTENT\",\"object\":\"SAP_SC_FI_ProductTexts\",\"via\":\"join\"},"
                + "{\"space\":\"SAP_CONTENT\",\"object\":\"SAP_SC_FI_ProductsLegacy\",\"via\":\"subquery\"}]",
                table.get(LineageParameters.UPSTREAM));
        assertEquals("csn", table.get(LineageParameters.DEFINITION_LANGUAGE));
        assertTrue(table.get(LineageParameters.DEFINITION).startsWith("{\"SET\":{\"op\":\"union\",\"all\":true,"));
        assertEquals(List.of(LineageParameters.UPSTREAM, LineageParameters.DEFINITION,
                LineageParameters.DEFINITION_LANGUAGE), List.copyOf(table.keySet()), "nothing cut, keys sorted");
        Map<String, String> id = rendered.columns().get("PRODUCTID");
        assertEquals("[{\"glue\":\"sap_content.sap_sc_fi_products\",\"space\":\"SAP_CONTENT\","
                + "\"object\":\"SAP_SC_FI_Products\",\"column\":\"PRODUCTID\"},"
                + "{\"space\":\"SAP_CONTENT\",\"object\":\"SAP_SC_FI_ProductsLegacy\",\"column\":\"PRODUCTID\"}]",
                id.get(LineageParameters.SOURCE));
        assertEquals("identity", id.get(LineageParameters.TRANSFORM));
        assertFalse(id.containsKey(LineageParameters.FUNCTION));
        assertEquals("rename", rendered.columns().get("PRODUCTID_TEXT").get(LineageParameters.TRANSFORM));
        assertEquals(20, rendered.columns().size());
    }

    @Test
    void sqlDefinitionAggregationFunctionAndExternalSources() {
        LineageParameters.Rendered am = LineageParameters.render(CsnLineage.read("SPACE_A", "ENROLLMENT_AM",
                file("ENROLLMENT_AM"), SAMPLE_SPACES), u -> "space_a." + u.object().toLowerCase());
        assertEquals("[{\"space\":\"SPACE_A\",\"object\":\"CollegeEnrollment\",\"glue\":\"space_a.collegeenrollment\","
                + "\"via\":\"fact\"}]", am.table().get(LineageParameters.UPSTREAM));
        assertEquals(Map.of(LineageParameters.SOURCE, "[{\"glue\":\"space_a.collegeenrollment\",\"space\":\"SPACE_A\","
                        + "\"object\":\"CollegeEnrollment\",\"column\":\"ENROLLMENTID\"}]",
                LineageParameters.TRANSFORM, "aggregation", LineageParameters.FUNCTION, "COUNT"),
                am.columns().get("ENROLLMENT_COUNT"));

        LineageParameters.Rendered sql = LineageParameters.render(CsnLineage.read("SPACE_A", "CollegeEnrollment",
                file("CollegeEnrollment"), SAMPLE_SPACES), u -> null);
        assertEquals("sql", sql.table().get(LineageParameters.DEFINITION_LANGUAGE));
        assertTrue(sql.table().get(LineageParameters.DEFINITION).startsWith("SELECT \"E\".\"ENROLLMENTID\""));

        LineageParameters.Rendered remote = LineageParameters.render(CsnLineage.read("SPACE_A", "BusinessPartners",
                file("BusinessPartners"), SAMPLE_SPACES), u -> null);
        assertEquals("[{\"space\":\"SPACE_A\",\"via\":\"remote\",\"connection\":\"BIKE_SALES_HANA\","
                + "\"remoteEntity\":\"DWC_DEMO.BusinessPartners\"}]", remote.table().get(LineageParameters.UPSTREAM));
        assertEquals("[{\"space\":\"SPACE_A\",\"connection\":\"BIKE_SALES_HANA\","
                + "\"remoteEntity\":\"DWC_DEMO.BusinessPartners\",\"column\":\"PARTNERID\"}]",
                remote.columns().get("PARTNERID").get(LineageParameters.SOURCE));
        assertFalse(remote.table().containsKey(LineageParameters.DEFINITION));
    }

    @Test
    void flowUpstreamsNameTheirFlow() {
        List<FlowEdge> edges = FlowLineage.read("SPACE_A", "DF_LOAD_ENROLLMENT", "dataflows",
                file("DF_LOAD_ENROLLMENT"));
        LineageParameters.Rendered rendered = LineageParameters.render(
                FlowLineage.into(edges, "SPACE_A", "COLLEGE_ENROLLMENT_RAW"), u -> null);
        assertEquals("[{\"space\":\"SPACE_A\",\"via\":\"dataflow\",\"connection\":\"CAMPUS_MSSQL\","
                + "\"remoteEntity\":\"dbo.ENROLLMENTS\",\"flow\":\"DF_LOAD_ENROLLMENT/target1\"}]",
                rendered.table().get(LineageParameters.UPSTREAM));
        assertEquals(Map.of(LineageParameters.SOURCE, "[{\"space\":\"SPACE_A\",\"connection\":\"CAMPUS_MSSQL\","
                        + "\"remoteEntity\":\"dbo.ENROLLMENTS\",\"column\":\"FEE_AMOUNT\"}]",
                LineageParameters.TRANSFORM, "function", LineageParameters.FUNCTION, "TO_DECIMAL"),
                rendered.columns().get("FEES"));
    }

    @Test
    void upstreamsAreCutByWholeEntriesAtTheBound() throws Exception {
        List<Upstream> many = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            many.add(Upstream.object("SPACE", String.format("SOURCE_OBJECT_WITH_A_LONG_NAME_%04d", i), "join"));
        }
        Map<String, String> table = LineageParameters.render(new Lineage(many, List.of(), null, null),
                u -> null).table();
        String value = table.get(LineageParameters.UPSTREAM);
        assertTrue(value.length() <= LineageParameters.MAX_UPSTREAM_CHARS, Integer.toString(value.length()));
        JsonNode kept = parse(value);
        int entry = "{\"space\":\"SPACE\",\"object\":\"SOURCE_OBJECT_WITH_A_LONG_NAME_0000\",\"via\":\"join\"}"
                .length();
        int fit = (LineageParameters.MAX_UPSTREAM_CHARS - 2 + 1) / (entry + 1);
        assertEquals(fit, kept.size());
        assertEquals("SOURCE_OBJECT_WITH_A_LONG_NAME_0000", kept.get(0).path("object").asText());
        assertEquals(String.format("SOURCE_OBJECT_WITH_A_LONG_NAME_%04d", fit - 1),
                kept.get(fit - 1).path("object").asText(), "the leading entries, in order");
        assertEquals(Integer.toString(400 - fit), table.get(LineageParameters.UPSTREAM_OMITTED));
    }

    @Test
    void aColumnsSourcesAreCutAtTheirBound() throws Exception {
        List<SourceColumn> sources = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sources.add(new SourceColumn("S", "T", "COLUMN_" + i));
        }
        Lineage lineage = new Lineage(List.of(Upstream.object("S", "T", "from")),
                List.of(new ColumnLineage("SUMMED", sources, "expression", null)), null, null);
        Map<String, String> column = LineageParameters.render(lineage, u -> null).columns().get("SUMMED");
        String value = column.get(LineageParameters.SOURCE);
        assertTrue(value.length() <= LineageParameters.MAX_COLUMN_SOURCE_CHARS);
        int kept = parse(value).size();
        assertTrue(kept > 10 && kept < 100, Integer.toString(kept));
        assertEquals(Integer.toString(100 - kept), column.get(LineageParameters.SOURCE_OMITTED));
        assertEquals("expression", column.get(LineageParameters.TRANSFORM));
    }

    @Test
    void aLongDefinitionIsTruncatedAndItsFullLengthKept() {
        String sql = "SELECT " + "\"A\", ".repeat(20_000) + "1 FROM T";
        Map<String, String> table = LineageParameters.render(new Lineage(List.of(), List.of(), sql, "sql"),
                u -> null).table();
        assertEquals(LineageParameters.MAX_DEFINITION_CHARS, table.get(LineageParameters.DEFINITION).length());
        assertEquals(sql.substring(0, LineageParameters.MAX_DEFINITION_CHARS), table.get(LineageParameters.DEFINITION));
        assertEquals(Integer.toString(sql.length()), table.get(LineageParameters.DEFINITION_TRUNCATED));
        assertNull(table.get(LineageParameters.UPSTREAM), "no upstreams, no parameter");

        String emoji = "x".repeat(LineageParameters.MAX_DEFINITION_CHARS - 1) + "\uD83D\uDE00tail";
        String cut = LineageParameters.render(new Lineage(List.of(), List.of(), emoji, "sql"), u -> null).table()
                .get(LineageParameters.DEFINITION);
        assertEquals(LineageParameters.MAX_DEFINITION_CHARS - 1, cut.length(), "never half a surrogate pair");
    }

    @Test
    void sameLineageRendersByteIdenticalAndAsksTheResolverOncePerUpstream() {
        Lineage lineage = CsnLineage.read("SAP_CONTENT", "SAP_SC_SALES_V_SalesOrders",
                file("SAP_SC_SALES_V_SalesOrders"), SAMPLE_SPACES);
        List<Upstream> asked = new ArrayList<>();
        LineageParameters.Rendered first = LineageParameters.render(lineage, u -> {
            asked.add(u);
            return null;
        });
        LineageParameters.Rendered second = LineageParameters.render(CsnLineage.read("SAP_CONTENT",
                "SAP_SC_SALES_V_SalesOrders", file("SAP_SC_SALES_V_SalesOrders"), SAMPLE_SPACES), u -> null);
        assertEquals(first, second);
        assertEquals(JsonCodec.write(first), JsonCodec.write(second));
        assertEquals(2, asked.size(), asked.toString());
        assertEquals(List.of(), List.copyOf(LineageParameters.render(Lineage.NONE, u -> "x").table().keySet()));
    }
}
