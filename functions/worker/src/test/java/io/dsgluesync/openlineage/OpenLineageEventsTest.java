package io.dsgluesync.openlineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dsgluesync.lineage.ColumnLineage;
import io.dsgluesync.lineage.ColumnLineage.SourceColumn;
import io.dsgluesync.lineage.Lineage;
import io.dsgluesync.lineage.SyncedTable;
import io.dsgluesync.lineage.Upstream;
import io.openlineage.client.OpenLineageClientUtils;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenLineage event a synced view becomes: names by the naming spec, schema and column lineage facets. */
class OpenLineageEventsTest {
    static final Upstream ORDERS = Upstream.object("SALES", "ORDERS", "from");
    static final Upstream CUSTOMERS = Upstream.object("SALES", "CUSTOMERS", "join");
    static final Upstream ERP = Upstream.external("SALES", "S4_CONN", "ERP.KNA1", "remote", null);

    /** SALES.V_REVENUE: ORDERS (synced) joined to CUSTOMERS (not synced) and an external ERP table. */
    static SyncedTable revenueView(String runId) {
        Lineage lineage = new Lineage(List.of(ORDERS, CUSTOMERS, ERP, Upstream.object("SALES", "ORDERS", "association")),
                List.of(new ColumnLineage("ORDER_ID", List.of(new SourceColumn("SALES", "ORDERS", "ORDER_ID")),
                                "identity", null),
                        new ColumnLineage("CustomerName", List.of(new SourceColumn("SALES", "CUSTOMERS", "NAME")),
                                "rename", null),
                        new ColumnLineage("TOTAL", List.of(new SourceColumn("SALES", "ORDERS", "AMOUNT")),
                                "aggregation", "SUM"),
                        new ColumnLineage("NOT_IN_GLUE", List.of(new SourceColumn("SALES", "ORDERS", "X")),
                                "identity", null)),
                "SELECT o.ORDER_ID, c.NAME AS \"CustomerName\", SUM(o.AMOUNT) AS TOTAL FROM ORDERS o JOIN CUSTOMERS c"
                        + " ON o.CUST = c.ID GROUP BY o.ORDER_ID, c.NAME", "sql");
        return new SyncedTable(runId, Instant.parse("2026-03-01T10:15:30Z"), "acme.eu10.hcs.cloud.sap", "SALES",
                "V_REVENUE", "view", "123456789012", "eu-central-1", "datasphere_sales", "v_revenue",
                List.of(new SyncedTable.Column("order_id", "string", "Order"),
                        new SyncedTable.Column("customername", "string", null),
                        new SyncedTable.Column("total", "decimal(15,2)", "Revenue")),
                lineage, Map.of(ORDERS, "datasphere_sales.orders"));
    }

    static JsonNode json(SyncedTable table) throws Exception {
        return new ObjectMapper().readTree(OpenLineageClientUtils.toJson(new OpenLineageEvents().event(table)));
    }

    @Test
    void jobIsTheDatasphereObjectAndTheOutputTheGlueTableNamedByTheNamingSpec() throws Exception {
        JsonNode event = json(revenueView("run-42"));
        assertEquals("COMPLETE", event.path("eventType").asText());
        assertEquals("2026-03-01T10:15:30Z", event.path("eventTime").asText());
        assertEquals("datasphere://acme.eu10.hcs.cloud.sap", event.path("job").path("namespace").asText());
        assertEquals("SALES.V_REVENUE", event.path("job").path("name").asText());
        assertEquals("VIEW", event.path("job").path("facets").path("jobType").path("jobType").asText());
        assertTrue(event.path("job").path("facets").path("sql").path("query").asText().startsWith("SELECT o.ORDER_ID"));
        JsonNode output = event.path("outputs").get(0);
        assertEquals("arn:aws:glue:eu-central-1:123456789012", output.path("namespace").asText());
        assertEquals("table/datasphere_sales/v_revenue", output.path("name").asText());
        JsonNode symlink = output.path("facets").path("symlinks").path("identifiers").get(0);
        assertEquals("datasphere://acme.eu10.hcs.cloud.sap", symlink.path("namespace").asText());
        assertEquals("SALES.V_REVENUE", symlink.path("name").asText());
    }

    @Test
    void schemaFacetListsTheGlueColumnsInOrder() throws Exception {
        JsonNode fields = json(revenueView("run-42")).path("outputs").get(0).path("facets").path("schema")
                .path("fields");
        assertEquals(3, fields.size());
        assertEquals("order_id", fields.get(0).path("name").asText());
        assertEquals("string", fields.get(0).path("type").asText());
        assertEquals("Order", fields.get(0).path("description").asText());
        assertEquals(1, fields.get(0).path("ordinal_position").asInt());
        assertFalse(fields.get(1).has("description"), "no comment, no description");
        assertEquals("decimal(15,2)", fields.get(2).path("type").asText());
        assertEquals(3, fields.get(2).path("ordinal_position").asInt());
    }

    @Test
    void inputsNameSyncedUpstreamsByGlueAndTheOthersByDatasphereOncePerDataset() throws Exception {
        JsonNode inputs = json(revenueView("run-42")).path("inputs");
        List<String> names = new ArrayList<>();
        inputs.forEach(input -> names.add(input.path("namespace").asText() + " " + input.path("name").asText()));
        assertEquals(List.of("arn:aws:glue:eu-central-1:123456789012 table/datasphere_sales/orders",
                "datasphere://acme.eu10.hcs.cloud.sap SALES.CUSTOMERS",
                "datasphere://acme.eu10.hcs.cloud.sap connection/SALES.S4_CONN/ERP.KNA1"), names);
        assertEquals("SALES.ORDERS",
                inputs.get(0).path("facets").path("symlinks").path("identifiers").get(0).path("name").asText());
    }

    @Test
    void columnLineageMapsGlueColumnsToTheirSourcesWithTransformations() throws Exception {
        JsonNode fields = json(revenueView("run-42")).path("outputs").get(0).path("facets").path("columnLineage")
                .path("fields");
        assertEquals(List.of("order_id", "customername", "total"), names(fields));

        JsonNode orderId = fields.path("order_id").path("inputFields").get(0);
        assertEquals("arn:aws:glue:eu-central-1:123456789012", orderId.path("namespace").asText());
        assertEquals("table/datasphere_sales/orders", orderId.path("name").asText());
        assertEquals("order_id", orderId.path("field").asText(), "a synced source column by its Glue name");
        assertEquals("DIRECT", orderId.path("transformations").get(0).path("type").asText());
        assertEquals("IDENTITY", orderId.path("transformations").get(0).path("subtype").asText());

        JsonNode name = fields.path("customername").path("inputFields").get(0);
        assertEquals("datasphere://acme.eu10.hcs.cloud.sap", name.path("namespace").asText());
        assertEquals("SALES.CUSTOMERS", name.path("name").asText());
        assertEquals("NAME", name.path("field").asText(), "an unsynced source column by its Datasphere name");
        assertEquals("IDENTITY", name.path("transformations").get(0).path("subtype").asText());

        JsonNode total = fields.path("total").path("inputFields").get(0).path("transformations").get(0);
        assertEquals("amount", fields.path("total").path("inputFields").get(0).path("field").asText());
        assertEquals("AGGREGATION", total.path("subtype").asText());
        assertEquals("SUM", total.path("description").asText());
    }

    @Test
    void runIdIsTheSameForARetryAndDiffersPerRun() throws Exception {
        String first = json(revenueView("run-42")).path("run").path("runId").asText();
        assertEquals(first, json(revenueView("run-42")).path("run").path("runId").asText());
        assertFalse(first.equals(json(revenueView("run-43")).path("run").path("runId").asText()));
    }

    @Test
    void tableWithoutLineageHasNoInputsAndNoColumnLineage() throws Exception {
        SyncedTable view = revenueView("run-42");
        SyncedTable plain = new SyncedTable(view.runId(), view.syncedAt(), view.tenantHost(), view.space(),
                view.asset(), "remoteTable", view.catalogId(), view.region(), view.database(), view.table(),
                view.columns(), Lineage.NONE, Map.of());
        JsonNode event = json(plain);
        assertEquals(0, event.path("inputs").size());
        assertFalse(event.path("outputs").get(0).path("facets").has("columnLineage"));
        assertFalse(event.path("job").path("facets").has("sql"));
        assertEquals("REMOTETABLE", event.path("job").path("facets").path("jobType").path("jobType").asText());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
