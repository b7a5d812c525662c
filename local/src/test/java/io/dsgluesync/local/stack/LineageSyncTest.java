package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.local.lineage.OpenLineageReceiver;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.local.trino.QueryResult;
import io.dsgluesync.local.trino.SharedTrino;
import io.dsgluesync.model.JsonCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * The demo run's lineage over the real peers: the sample tenant's design-time definitions (views with a union, a
 * sub-query, a mixin association and an expression; an SQL view; analytic models; a remote entity replicated to S3)
 * become the tables' and columns' lineage parameters in moto's Glue, and each created table is reported as an
 * OpenLineage event to a receiver that validates it against the OpenLineage JSON schema.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LineageSyncTest {
    private static TestStack stack;
    private static OpenLineageReceiver receiver;
    private static SyncReport first;
    private static SyncRunner runner;

    @BeforeAll
    static void sync() throws Exception {
        stack = TestStack.start("lineage", SimulatorOptions.defaults());
        receiver = OpenLineageReceiver.start();
        runner = new SyncRunner(stack.paths, stack.endpoints.withParameters(Map.of("OpenLineageUrl",
                receiver.url().toString())), stack.logDir);
        first = runner.run();
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aViewNamesItsSourcesAndTheGlueTableOfTheOnesTheSyncKeeps() {
        assertEquals("COMPLETE", first.summary().get("status"), first.summary().toString());
        Table day = table("datasphere_sap_content", "sap_time_view_dimension_day");
        // The local table is synced (a replication flow reads it), so it is named by its Glue table too.
        assertEquals("[{\"space\":\"SAP_CONTENT\",\"object\":\"SAP.TIME.M_TIME_DIMENSION\","
                        + "\"glue\":\"datasphere_sap_content.sap_time_m_time_dimension\",\"via\":\"from\"}]",
                day.parameters().get("datasphere.lineage.upstream"));
        Map<String, String> calmonth = column(day, "calmonth").parameters();
        assertEquals("identity", calmonth.get("datasphere.lineage.transform"));
        assertEquals("[{\"glue\":\"datasphere_sap_content.sap_time_m_time_dimension\",\"space\":\"SAP_CONTENT\","
                        + "\"object\":\"SAP.TIME.M_TIME_DIMENSION\",\"column\":\"CALMONTH\"}]",
                calmonth.get("datasphere.lineage.source"));

        // The sales orders read a local table the catalog does not expose (not synced: no Glue name) and use a
        // mixin association for the partner's company name; the gross amount is an expression.
        Table orders = table("datasphere_sap_content", "sap_sc_sales_v_salesorders");
        assertEquals("[{\"space\":\"SAP_CONTENT\",\"object\":\"SAP_SC_SALES_SalesOrders\",\"via\":\"from\"},"
                        + "{\"space\":\"SAP_CONTENT\",\"object\":\"SAP_SC_SALES_BusinessPartners\","
                        + "\"via\":\"association\"}]",
                orders.parameters().get("datasphere.lineage.upstream"));
        assertEquals("expression", column(orders, "grossamount").parameters().get("datasphere.lineage.transform"));
        assertEquals(Set.of("NETAMOUNT", "TAXAMOUNT"), sourceColumns(column(orders, "grossamount")));
        assertEquals(Set.of("SAP_SC_SALES_BusinessPartners.COMPANYNAME"),
                sourceObjectColumns(column(orders, "companyname")));
        assertEquals("csn", orders.parameters().get("datasphere.view.definition_language"));
        JsonNode query = read(orders.parameters().get("datasphere.view.definition"));
        assertEquals("SAP_SC_SALES_SalesOrders", query.at("/SELECT/from/ref/0").asText());

        // A union of a join and a sub-query.
        JsonNode products = upstream(table("datasphere_sap_content", "sap_sc_fi_v_productsdim"));
        Set<String> vias = new TreeSet<>();
        products.forEach(u -> vias.add(u.path("via").asText()));
        assertTrue(vias.containsAll(Set.of("union", "subquery")), products.toString());
    }

    @Test
    @Order(2)
    void anAnalyticModelNamesItsFactAndDimensionSourcesAndAnSqlViewCarriesItsSql() {
        JsonNode model = upstream(table("datasphere_sap_content", "sales_am_order_items"));
        Map<String, String> byVia = new java.util.TreeMap<>();
        model.forEach(u -> byVia.merge(u.path("via").asText(), u.path("object").asText()
                + (u.has("glue") ? "=" + u.path("glue").asText() : ""), (a, b) -> a + "," + b));
        assertEquals("SAP_SC_SALES_V_SalesOrderItems", byVia.get("fact"));
        assertEquals("SAP_SC_FI_V_ProductsDim=datasphere_sap_content.sap_sc_fi_v_productsdim", byVia.get("dimension"));
        Table enrollment = table("datasphere_space_a", "enrollment_am");
        assertEquals("[{\"space\":\"SPACE_A\",\"object\":\"CollegeEnrollment\","
                + "\"glue\":\"datasphere_space_a.collegeenrollment\",\"via\":\"fact\"}]",
                enrollment.parameters().get("datasphere.lineage.upstream"));

        Table college = table("datasphere_space_a", "collegeenrollment");
        assertEquals("sql", college.parameters().get("datasphere.view.definition_language"));
        assertTrue(college.parameters().get("datasphere.view.definition").toUpperCase().startsWith("SELECT"),
                college.parameters().get("datasphere.view.definition"));
    }

    @Test
    @Order(3)
    void aReplicatedObjectNamesTheConnectionAndEntityItsFlowReads() {
        JsonNode customer = upstream(table("datasphere_space_a", "i_customer"));
        assertEquals(1, customer.size(), customer.toString());
        assertEquals("S4H_CDS", customer.get(0).path("connection").asText());
        assertEquals("replication", customer.get(0).path("via").asText());
        assertEquals("RF_S4_MASTER_DATA/replicationtask1", customer.get(0).path("flow").asText());
        assertNull(customer.get(0).get("glue"));
    }

    /**
     * Trino (Athena's engine) shows a table's parameters in its hidden {@code $properties} table
     * (https://trino.io/docs/current/connector/hive.html#table-properties-table), so an engine user reads the lineage
     * with SQL, and the parameters' sizes do not keep Trino from opening the table.
     */
    @Test
    @Order(4)
    void aTrinoUserReadsTheLineageFromTheTablesProperties() throws Exception {
        String catalog = SharedTrino.catalogFor(stack.endpoints.motoPort());
        QueryResult result = SharedTrino.client().execute("SELECT \"datasphere.lineage.upstream\", "
                + "\"datasphere.view.definition_language\" FROM " + catalog
                + ".datasphere_space_a.\"enrollment_am$properties\"");
        assertEquals(List.of(List.of("[{\"space\":\"SPACE_A\",\"object\":\"CollegeEnrollment\","
                + "\"glue\":\"datasphere_space_a.collegeenrollment\",\"via\":\"fact\"}]", "csn")), result.rows());
        assertEquals(List.of(), SharedTrino.client().execute("SELECT * FROM " + catalog
                + ".datasphere_sap_content.sap_sc_sales_v_salesorders LIMIT 0").rows());
    }

    @Test
    @Order(5)
    void everyCreatedTableIsReportedAsAValidOpenLineageEvent() {
        assertEquals(List.of(), receiver.rejected());
        int created = Integer.parseInt(first.summary().get("created"));
        assertEquals(created, receiver.events().size());
        JsonNode model = receiver.events().stream()
                .filter(e -> e.at("/job/name").asText().equals("SAP_CONTENT.SALES_AM_ORDER_ITEMS")).findFirst()
                .orElseThrow();
        assertEquals("COMPLETE", model.path("eventType").asText());
        assertEquals("table/datasphere_sap_content/sales_am_order_items", model.at("/outputs/0/name").asText());
        List<String> inputs = new ArrayList<>();
        model.path("inputs").forEach(i -> inputs.add(i.path("name").asText()));
        assertTrue(inputs.contains("table/datasphere_sap_content/sap_sc_fi_v_productsdim"), inputs.toString());
        assertTrue(inputs.contains("SAP_CONTENT.SAP_SC_SALES_V_SalesOrderItems"), inputs.toString());
        assertTrue(model.at("/outputs/0/facets/columnLineage/fields").has("grossamount"), model.toString());
    }

    @Test
    @Order(6)
    void aSecondRunWritesNothingAndReportsNothing() throws Exception {
        int before = receiver.events().size();
        SyncReport second = runner.run();
        assertEquals("COMPLETE", second.summary().get("status"));
        assertEquals("0", second.summary().get("created"));
        assertEquals("0", second.summary().get("updated"));
        assertEquals(before, receiver.events().size());
    }

    private static Table table(String database, String name) {
        return stack.aws.glue().getTable(r -> r.databaseName(database).name(name)).table();
    }

    private static Column column(Table table, String name) {
        return table.storageDescriptor().columns().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(table.name() + " has no column " + name));
    }

    private static JsonNode upstream(Table table) {
        String value = table.parameters().get("datasphere.lineage.upstream");
        assertTrue(value != null, table.name() + " has no datasphere.lineage.upstream");
        return read(value);
    }

    private static JsonNode read(String json) {
        try {
            return JsonCodec.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(json, e);
        }
    }

    private static Set<String> sourceColumns(Column column) {
        Set<String> names = new TreeSet<>();
        read(column.parameters().get("datasphere.lineage.source")).forEach(s -> names.add(s.path("column").asText()));
        return names;
    }

    private static Set<String> sourceObjectColumns(Column column) {
        Set<String> names = new TreeSet<>();
        read(column.parameters().get("datasphere.lineage.source"))
                .forEach(s -> names.add(s.path("object").asText() + "." + s.path("column").asText()));
        return names;
    }
}
