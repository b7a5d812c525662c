package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.model.JsonCodec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * With design-time enrichment on, the sync also reads each object's CSN: the tables the catalog never lists (a local
 * and a remote table) are synced from their CSN alone, and views gain the semantic usage and text associations the
 * consumption CSDL lacks. The catalog lists only assets exposed for consumption (SAP's "OData API Reference",
 * https://help.sap.com/docs/SAP_DATASPHERE/43509d67b8b84e66a30851e832f66911/b9098c3a706640189bc1d4eb7d5d5c52.html);
 * compare the recorded EDMX and CSN of one view in https://github.com/datahub-project/datahub,
 * {@code metadata-ingestion/tests/integration/sap_datasphere/fixtures/recorded/}.
 */
class DesignTimeSyncTest {
    private static TestStack stack;
    private static SyncReport report;

    @BeforeAll
    static void sync() throws Exception {
        stack = TestStack.start("design-time", SimulatorOptions.defaults());
        report = new SyncRunner(stack.paths, stack.endpoints.withParameters(Map.of("DesignTimeEnrichment", "true")),
                stack.logDir).run();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static Table table(String database, String name) {
        return stack.aws.glue().getTable(r -> r.databaseName(database).name(name)).table();
    }

    @Test
    void objectsTheCatalogDoesNotListAreSyncedFromTheirCsn() {
        assertEquals("COMPLETE", report.summary().get("status"), report.summary().toString());
        // 7 catalog assets, two local tables (one loaded by a data flow) and a remote table, and the replication
        // flows' I_CUSTOMER and I_SUPPLIER.
        assertEquals("12", report.summary().get("expectedAssets"));
        assertEquals("11", report.summary().get("created"));
        assertEquals("1", report.summary().get("skipped"));
        Table local = table("datasphere_sap_content", "sap_time_m_time_dimension");
        assertEquals("local_table", local.parameters().get("datasphere.kind"));
        assertEquals("Time Table", local.description());
        Map<String, String> types = local.storageDescriptor().columns().stream()
                .collect(Collectors.toMap(Column::name, Column::type));
        assertEquals("timestamp", types.get("datetimestamp"));
        assertEquals("decimal(21,7)", types.get("tzntstmpl"));
        Table remote = table("datasphere_space_a", "businesspartners");
        assertEquals("remote_table", remote.parameters().get("datasphere.kind"));
        assertTrue(remote.storageDescriptor().columns().size() > 5);
    }

    @Test
    void aLocalTableLoadedByADataFlowNamesTheFlowsExternalSourceAndItsColumnMappings() throws Exception {
        Table raw = table("datasphere_space_a", "college_enrollment_raw");
        assertEquals("local_table", raw.parameters().get("datasphere.kind"));
        // Its CSN has no query: the upstream is the data flow's source, read through the connection.
        assertEquals("[{\"space\":\"SPACE_A\",\"via\":\"dataflow\",\"connection\":\"CAMPUS_MSSQL\","
                        + "\"remoteEntity\":\"dbo.ENROLLMENTS\",\"flow\":\"DF_LOAD_ENROLLMENT/target1\"}]",
                raw.parameters().get("datasphere.lineage.upstream"));
        Map<String, String> enrollmentId = column(raw, "enrollmentid").parameters();
        assertEquals("rename", enrollmentId.get("datasphere.lineage.transform"));
        JsonNode source = JsonCodec.mapper().readTree(enrollmentId.get("datasphere.lineage.source")).get(0);
        assertEquals("CAMPUS_MSSQL", source.path("connection").asText(source.toString()));
        assertEquals("ENROLLMENT_ID", source.path("column").asText());
        assertEquals("function", column(raw, "fees").parameters().get("datasphere.lineage.transform"));
        assertEquals("TO_DECIMAL", column(raw, "fees").parameters().get("datasphere.lineage.function"));
    }

    private static Column column(Table table, String name) {
        return table.storageDescriptor().columns().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void viewsGainSemanticUsageAndTextAssociationsFromTheirCsn() {
        Table day = table("datasphere_sap_content", "sap_time_view_dimension_day");
        assertEquals("dimension", day.parameters().get("datasphere.semantic_usage"));
        Column month = day.storageDescriptor().columns().stream().filter(c -> c.name().equals("calmonth"))
                .findFirst().orElseThrow();
        assertEquals("_MONTH", month.parameters().get("datasphere.text_ref"));
        assertEquals("fact", table("datasphere_sap_content", "sap_sc_sales_v_salesorders").parameters()
                .get("datasphere.semantic_usage"));
        assertEquals("analytic_model", table("datasphere_sap_content", "sales_am_order_items").parameters()
                .get("datasphere.semantic_usage"));
        assertTrue(stack.simulator.stats().designTimeRequests() >= 9 + 8, "lists per space and one CSN per object");
        assertEquals(Set.of("CREATED"), report.assets().stream().filter(a -> !a.asset().equals("I_SUPPLIER"))
                .map(SyncReport.AssetLine::action).collect(Collectors.toSet()), report.assets().toString());
        assertEquals(12, report.assets().size());
        assertTrue(List.of("SAP.TIME.M_TIME_DIMENSION", "BusinessPartners").stream()
                .allMatch(n -> report.assets().stream().anyMatch(a -> a.asset().equals(n))));
    }
}
