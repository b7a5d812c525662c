package io.dsgluesync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.csn.CsnParser;
import io.dsgluesync.lineage.ColumnLineage;
import io.dsgluesync.lineage.FlowEdge;
import io.dsgluesync.lineage.FlowLineage;
import io.dsgluesync.lineage.Lineage;
import io.dsgluesync.lineage.LineageSink;
import io.dsgluesync.lineage.Upstream;
import io.dsgluesync.mapping.ColumnDefinition;
import io.dsgluesync.mapping.GlueTableMapper;
import io.dsgluesync.mapping.MappingSettings;
import io.dsgluesync.mapping.SyncParameters;
import io.dsgluesync.mapping.TableDefinition;
import io.dsgluesync.model.AssetKind;
import io.dsgluesync.model.AssetMessage;
import io.dsgluesync.model.Space;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class LineageSupportTest {
    private static final MappingSettings SETTINGS = new MappingSettings("datasphere_",
            "s3://lake/datasphere/{database}/{table}/", "mytenant.eu10.hcs.cloud.sap");
    private static final AssetMessage VIEW = new AssetMessage(AssetMessage.SCHEMA_VERSION, "run-1", "SAP_CONTENT",
            null, "SAP_SC_SALES_V_SalesOrders", null, AssetKind.VIEW, "https://t/x/$metadata", null, false, 0);
    private final LineageSupport lineage = new LineageSupport(true, "datasphere_", space -> false,
            (space, object) -> object.equals("SAP_SC_SALES_SalesOrders"), io.dsgluesync.lineage.LineageSink.NONE, "eu-central-1");

    @Test
    void aViewsTableCarriesItsUpstreamsAndColumnSourcesAndIsSignedAgain() throws IOException {
        byte[] csn = fixture("SAP_SC_SALES_V_SalesOrders.json");
        TableDefinition mapped = GlueTableMapper.map(VIEW, CsnParser.parse(VIEW.asset(), csn), SETTINGS);
        List<String> notes = new ArrayList<>();
        Lineage read = lineage.read(VIEW, new MetadataFetcher.Definition("views", VIEW.asset(), csn), notes);
        TableDefinition table = lineage.apply(VIEW, mapped, read, notes);

        assertEquals(List.of(), notes);
        assertEquals("[{\"space\":\"SAP_CONTENT\",\"object\":\"SAP_SC_SALES_SalesOrders\","
                        + "\"glue\":\"datasphere_sap_content.sap_sc_sales_salesorders\",\"via\":\"from\"},"
                        + "{\"space\":\"SAP_CONTENT\",\"object\":\"SAP_SC_SALES_BusinessPartners\",\"via\":\"association\"}]",
                table.parameters().get("datasphere.lineage.upstream"));
        assertEquals("csn", table.parameters().get("datasphere.view.definition_language"));
        assertTrue(table.parameters().get("datasphere.view.definition").startsWith("{\"SELECT\":"));
        ColumnDefinition gross = column(table, "grossamount");
        assertEquals("expression", gross.parameters().get("datasphere.lineage.transform"));
        assertTrue(gross.parameters().get("datasphere.lineage.source").contains("\"column\":\"NETAMOUNT\""));
        assertEquals("identity", column(table, "salesorderid").parameters().get("datasphere.lineage.transform"));
        // What the mapping put there stays; the fingerprint covers the lineage.
        assertEquals("NETAMOUNT", column(table, "netamount").parameters().get("datasphere.original_name"));
        assertNotEquals(mapped.fingerprint(), table.fingerprint());
        assertEquals(table.fingerprint(), table.parameters().get(SyncParameters.FINGERPRINT));
        assertEquals(table, lineage.apply(VIEW, mapped, lineage.read(VIEW,
                new MetadataFetcher.Definition("views", VIEW.asset(), csn), notes), notes));
    }

    @Test
    void anUnreadableIndexIsANoteAndTheUpstreamsAreNamedBySpaceAndObject() throws IOException {
        byte[] csn = fixture("SAP_SC_SALES_V_SalesOrders.json");
        LineageSupport failing = new LineageSupport(true, "datasphere_", space -> {
            throw new IllegalStateException("index down");
        }, (space, object) -> {
            throw new IllegalStateException("index down");
        }, io.dsgluesync.lineage.LineageSink.NONE, "eu-central-1");
        List<String> notes = new ArrayList<>();
        TableDefinition table = failing.apply(VIEW, GlueTableMapper.map(VIEW, CsnParser.parse(VIEW.asset(), csn),
                SETTINGS), failing.read(VIEW, new MetadataFetcher.Definition("views", VIEW.asset(), csn), notes), notes);
        assertEquals(List.of("synced-object index unreadable, upstreams named by space and object only: index down"),
                notes);
        assertTrue(table.parameters().get("datasphere.lineage.upstream").startsWith(
                "[{\"space\":\"SAP_CONTENT\",\"object\":\"SAP_SC_SALES_SalesOrders\",\"via\":\"from\"}"));
    }

    @Test
    void aDeeplyNestedQueryCostsAtMostItsLineage() {
        // 490 nested sub-queries (two JSON levels each): within Jackson's nesting limit of 1,000, deeper than any
        // real view; the readers recurse without overflowing the stack.
        String csn = "{\"definitions\":{\"V\":{\"kind\":\"entity\",\"elements\":{\"A\":{\"type\":\"cds.String\"}},"
                + "\"query\":" + "{\"SELECT\":{\"from\":".repeat(490) + "{\"ref\":[\"T\"]}" + "}}".repeat(490) + "}}}";
        List<String> notes = new ArrayList<>();
        Lineage read = lineage.read(VIEW, new MetadataFetcher.Definition("views", "V",
                csn.getBytes(StandardCharsets.UTF_8)), notes);
        assertEquals(List.of(), notes);
        assertEquals(List.of("T"), read.upstreams().stream().map(io.dsgluesync.lineage.Upstream::object).toList());
    }

    @Test
    void aViewsDefinitionThatBreaksTheReaderCostsItsLineageNotTheTable() throws IOException {
        // SAP.TIME.M_TIME_DIMENSION is dotted, so the reader asks whether SAP is a space; that question fails here
        // the way an unforeseen shape could fail the reader itself.
        LineageSupport breaking = new LineageSupport(true, "datasphere_", space -> {
            throw new StackOverflowError("deep");
        }, (space, object) -> false, io.dsgluesync.lineage.LineageSink.NONE, "eu-central-1");
        List<String> notes = new ArrayList<>();
        assertNull(breaking.read(VIEW, new MetadataFetcher.Definition("views", "SAP.TIME.VIEW_DIMENSION_DAY",
                fixture("SAP.TIME.VIEW_DIMENSION_DAY.json")), notes));
        assertEquals(List.of("lineage unreadable: java.lang.StackOverflowError: deep"), notes);
    }

    @Test
    void anUnreadableDefinitionIsANoteAndNoLineage() {
        List<String> notes = new ArrayList<>();
        assertNull(lineage.read(VIEW, new MetadataFetcher.Definition("views", VIEW.asset(),
                "{not json".getBytes(StandardCharsets.UTF_8)), notes));
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).startsWith("lineage unreadable: "), notes.get(0));
    }

    @Test
    void withLineageOffNothingIsReadOrAdded() throws IOException {
        byte[] csn = fixture("SAP_SC_SALES_V_SalesOrders.json");
        assertNull(LineageSupport.OFF.read(VIEW, new MetadataFetcher.Definition("views", VIEW.asset(), csn),
                new ArrayList<>()));
    }

    private static final AssetMessage RAW = AssetMessage.designTime("run-1", new Space("SPACE_A", "Space A"),
            "COLLEGE_ENROLLMENT_RAW", AssetKind.LOCAL_TABLE, 0);

    private static LineageSupport withFlows(BiFunction<String, String, List<FlowEdge>> flowsInto) {
        return new LineageSupport(true, "datasphere_", space -> false, (space, object) -> false, flowsInto,
                LineageSink.NONE, "eu-central-1");
    }

    private static List<FlowEdge> dataFlow() throws IOException {
        return FlowLineage.read("SPACE_A", "DF_LOAD_ENROLLMENT", "dataflows", fixture("DF_LOAD_ENROLLMENT.json"));
    }

    @Test
    void aLocalTableLoadedByADataFlowNamesTheFlowsSourceAndItsColumnMappings() throws IOException {
        byte[] csn = fixture("COLLEGE_ENROLLMENT_RAW.json");
        List<FlowEdge> edges = dataFlow();
        List<String> asked = new ArrayList<>();
        LineageSupport support = withFlows((space, object) -> {
            asked.add(space + "/" + object);
            return edges;
        });
        List<String> notes = new ArrayList<>();
        Lineage read = support.read(RAW, new MetadataFetcher.Definition("localtables", RAW.asset(), csn), notes);
        TableDefinition table = support.apply(RAW, GlueTableMapper.map(RAW, CsnParser.parse(RAW.asset(), csn),
                SETTINGS), read, notes);

        assertEquals(List.of(), notes);
        assertEquals(List.of("SPACE_A/COLLEGE_ENROLLMENT_RAW"), asked);
        assertEquals("[{\"space\":\"SPACE_A\",\"via\":\"dataflow\",\"connection\":\"CAMPUS_MSSQL\","
                        + "\"remoteEntity\":\"dbo.ENROLLMENTS\",\"flow\":\"DF_LOAD_ENROLLMENT/target1\"}]",
                table.parameters().get("datasphere.lineage.upstream"));
        assertEquals("rename", column(table, "enrollmentid").parameters().get("datasphere.lineage.transform"));
        assertEquals("function", column(table, "fees").parameters().get("datasphere.lineage.transform"));
        assertTrue(column(table, "fees").parameters().get("datasphere.lineage.source")
                .contains("\"column\":\"FEE_AMOUNT\""), column(table, "fees").parameters().toString());
    }

    @Test
    void theFlowsComeAfterTheDefinitionsOwnUpstreamsAndMapOnlyTheColumnsItDoesNot() throws IOException {
        byte[] csn = fixture("SAP_SC_SALES_V_SalesOrders.json");
        Upstream loader = Upstream.external("SAP_CONTENT", "ERP", "SALES.ORDERS", "dataflow", "DF_X/target1");
        ColumnLineage gross = new ColumnLineage("GROSSAMOUNT", List.of(new ColumnLineage.SourceColumn("SAP_CONTENT",
                "SALES.ORDERS", "GROSS")), "identity", null);
        ColumnLineage extra = new ColumnLineage("LOADED_AT", List.of(new ColumnLineage.SourceColumn("SAP_CONTENT",
                "SALES.ORDERS", "TS")), "identity", null);
        FlowEdge edge = new FlowEdge("DF_X", "target1", loader, "SAP_CONTENT", VIEW.asset(), null, null,
                List.of(gross, extra));
        Lineage own = lineage.read(VIEW, new MetadataFetcher.Definition("views", VIEW.asset(), csn), new ArrayList<>());

        Lineage read = withFlows((space, object) -> List.of(edge, edge)).read(VIEW,
                new MetadataFetcher.Definition("views", VIEW.asset(), csn), new ArrayList<>());

        List<Upstream> expected = new ArrayList<>(own.upstreams());
        expected.add(loader);
        assertEquals(expected, read.upstreams(), "the definition's first, the flow's once");
        assertEquals(own.columns().stream().filter(c -> c.column().equals("GROSSAMOUNT")).toList(),
                read.columns().stream().filter(c -> c.column().equals("GROSSAMOUNT")).toList(),
                "a column the definition maps keeps its mapping");
        assertTrue(read.columns().contains(extra));
        assertEquals(own.definition(), read.definition());
    }

    @Test
    void anUnreadableFlowIndexIsANoteAndTheDefinitionsLineageStands() throws IOException {
        byte[] csn = fixture("COLLEGE_ENROLLMENT_RAW.json");
        List<String> notes = new ArrayList<>();
        Lineage read = withFlows((space, object) -> {
            throw new IllegalStateException("index down");
        }).read(RAW, new MetadataFetcher.Definition("localtables", RAW.asset(), csn), notes);

        assertTrue(read.upstreams().isEmpty());
        assertEquals(List.of("synced-object index unreadable, upstreams named by space and object only: index down"),
                notes);
    }

    @Test
    void withoutADefinitionTheFlowsAloneAreTheLineage() throws IOException {
        List<FlowEdge> edges = dataFlow();
        Lineage read = withFlows((space, object) -> edges).read(RAW, null, new ArrayList<>());
        assertEquals(List.of(edges.get(0).source()), read.upstreams());
        assertNull(withFlows((space, object) -> List.of()).read(RAW, null, new ArrayList<>()));
    }

    private static ColumnDefinition column(TableDefinition table, String name) {
        return table.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = LineageSupportTest.class.getResourceAsStream("/lineage/" + name)) {
            return in.readAllBytes();
        }
    }
}
