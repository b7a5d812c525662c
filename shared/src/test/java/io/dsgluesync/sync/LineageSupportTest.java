package io.dsgluesync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.csn.CsnParser;
import io.dsgluesync.lineage.Lineage;
import io.dsgluesync.mapping.ColumnDefinition;
import io.dsgluesync.mapping.GlueTableMapper;
import io.dsgluesync.mapping.MappingSettings;
import io.dsgluesync.mapping.SyncParameters;
import io.dsgluesync.mapping.TableDefinition;
import io.dsgluesync.model.AssetKind;
import io.dsgluesync.model.AssetMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

    private static ColumnDefinition column(TableDefinition table, String name) {
        return table.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = LineageSupportTest.class.getResourceAsStream("/lineage/" + name)) {
            return in.readAllBytes();
        }
    }
}
