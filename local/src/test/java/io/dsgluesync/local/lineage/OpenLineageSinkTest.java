package io.dsgluesync.local.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsgluesync.lineage.ColumnLineage;
import io.dsgluesync.lineage.ColumnLineage.SourceColumn;
import io.dsgluesync.lineage.Lineage;
import io.dsgluesync.lineage.SyncedTable;
import io.dsgluesync.lineage.Upstream;
import io.dsgluesync.openlineage.OpenLineageEvents;
import io.dsgluesync.openlineage.OpenLineageSettings;
import io.dsgluesync.openlineage.OpenLineageSink;
import io.openlineage.client.OpenLineageClientUtils;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * The worker's real OpenLineage sink posts to the local receiver over HTTP, and what it sends is valid against the
 * OpenLineage JSON schema; the receiver rejects what is not; a dead endpoint only costs a note.
 */
class OpenLineageSinkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Upstream ORDERS = Upstream.object("SALES", "ORDERS", "from");
    private static final Upstream CUSTOMERS = Upstream.object("SALES", "CUSTOMERS", "join");
    private static final Upstream ERP = Upstream.external("SALES", "S4_CONN", "ERP.KNA1", "remote", null);

    private OpenLineageReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = OpenLineageReceiver.start();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void everyEventTheSinkSendsIsValidAndReceived() {
        OpenLineageSink sink = sink(receiver.url());
        SyncedTable view = view("V_REVENUE", "v_revenue", lineage(), Map.of(ORDERS, "datasphere_sales.orders"));
        SyncedTable remote = view("ORDERS", "orders", new Lineage(List.of(ERP), List.of(), null, null), Map.of());
        SyncedTable plain = view("CUSTOMERS", "customers", Lineage.NONE, Map.of());

        for (SyncedTable table : List.of(view, remote, plain)) {
            assertEquals(Optional.empty(), sink.synced(table), table.asset());
        }

        assertEquals(List.of(), receiver.rejected());
        List<JsonNode> events = receiver.events();
        assertEquals(3, events.size());
        System.out.println("received " + events.size() + " valid events; first:\n" + events.get(0).toPrettyString());
        JsonNode first = events.get(0);
        assertEquals("SALES.V_REVENUE", first.path("job").path("name").asText());
        assertEquals("table/datasphere_sales/v_revenue", first.path("outputs").get(0).path("name").asText());
        assertEquals(3, first.path("inputs").size());
        assertEquals(List.of("order_id", "customername", "total"),
                fieldNames(first.path("outputs").get(0).path("facets").path("columnLineage").path("fields")));
        assertEquals("connection/SALES.S4_CONN/ERP.KNA1", events.get(1).path("inputs").get(0).path("name").asText());
    }

    @Test
    void receiverRejectsAnInvalidEventWithTheValidationMessages() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(OpenLineageClientUtils.toJson(new OpenLineageEvents().event(
                view("V_REVENUE", "v_revenue", lineage(), Map.of(ORDERS, "datasphere_sales.orders")))));
        ((ObjectNode) event.path("run")).put("runId", "not-a-uuid");
        ((ObjectNode) event).put("eventType", "FINISHED");
        ObjectNode schemaFacet = (ObjectNode) event.path("outputs").get(0).path("facets").path("schema");
        ((ObjectNode) schemaFacet.path("fields").get(0)).remove("name");
        ObjectNode lineageField = (ObjectNode) event.path("outputs").get(0).path("facets").path("columnLineage")
                .path("fields").path("order_id").path("inputFields").get(0);
        lineageField.remove("field");

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(receiver.url() + OpenLineageReceiver.PATH))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(event.toString())).build(),
                HttpResponse.BodyHandlers.ofString());

        System.out.println("invalid event answered " + response.statusCode() + ": " + response.body());
        assertEquals(400, response.statusCode());
        assertEquals(List.of(), receiver.events());
        List<String> problems = receiver.rejected().get(0);
        assertTrue(problems.stream().anyMatch(p -> p.contains("runId") && p.contains("uuid")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("eventType")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("$.outputs[0].facets.schema") && p.contains("name")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("$.outputs[0].facets.columnLineage")
                && p.contains("field")), problems.toString());
    }

    @Test
    void receiverRejectsAFacetUnderAKeyItsSchemaDoesNotDeclare() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(OpenLineageClientUtils.toJson(new OpenLineageEvents().event(
                view("CUSTOMERS", "customers", Lineage.NONE, Map.of()))));
        ObjectNode facets = (ObjectNode) event.path("outputs").get(0).path("facets");
        facets.set("columns", facets.remove("schema"));

        List<String> problems = new OpenLineageSchema().validate(event);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("declares no facet named 'columns'"), problems.toString());
    }

    @Test
    void deadEndpointYieldsAProblemNoteAndNoException() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        OpenLineageSink sink = sink(URI.create("http://127.0.0.1:" + port));

        Optional<String> problem = sink.synced(view("CUSTOMERS", "customers", Lineage.NONE, Map.of()));

        System.out.println("dead endpoint: " + problem);
        assertTrue(problem.isPresent());
        assertTrue(problem.get().startsWith("OpenLineage event not sent: "), problem.get());
        assertTrue(problem.get().contains("refused"), problem.get());
    }

    @Test
    void rejectedEventYieldsTheHttpStatusAsAProblemNote() {
        OpenLineageSink sink = sink(URI.create(receiver.url() + "/elsewhere"));

        Optional<String> problem = sink.synced(view("CUSTOMERS", "customers", Lineage.NONE, Map.of()));

        assertTrue(problem.orElseThrow().startsWith("OpenLineage event not sent: HTTP 404"), problem.get());
    }

    private static OpenLineageSink sink(URI url) {
        OpenLineageSettings settings = OpenLineageSettings.fromEnvironment(Map.of("OPENLINEAGE_URL", url.toString(),
                "OPENLINEAGE_TIMEOUT_SECONDS", "2")).orElseThrow();
        return OpenLineageSink.http(settings, Optional.empty(), MetricsFactory.getMetricsInstance());
    }

    private static Lineage lineage() {
        return new Lineage(List.of(ORDERS, CUSTOMERS, ERP),
                List.of(new ColumnLineage("ORDER_ID", List.of(new SourceColumn("SALES", "ORDERS", "ORDER_ID")),
                                "identity", null),
                        new ColumnLineage("CustomerName", List.of(new SourceColumn("SALES", "CUSTOMERS", "NAME")),
                                "rename", null),
                        new ColumnLineage("TOTAL", List.of(new SourceColumn("SALES", "ORDERS", "AMOUNT"),
                                new SourceColumn("SALES", "ORDERS", "DISCOUNT")), "expression", null)),
                "SELECT o.ORDER_ID, c.NAME AS \"CustomerName\", o.AMOUNT - o.DISCOUNT AS TOTAL FROM ORDERS o"
                        + " JOIN CUSTOMERS c ON o.CUST = c.ID", "sql");
    }

    private static SyncedTable view(String asset, String table, Lineage lineage, Map<Upstream, String> synced) {
        return new SyncedTable("2026-03-01T10:15:00Z-7f3a", Instant.parse("2026-03-01T10:15:30Z"),
                "acme.eu10.hcs.cloud.sap", "SALES", asset, "view", "123456789012", "eu-central-1", "datasphere_sales",
                table, List.of(new SyncedTable.Column("order_id", "string", "Order"),
                        new SyncedTable.Column("customername", "string", null),
                        new SyncedTable.Column("total", "decimal(15,2)", "Revenue")),
                lineage, synced);
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
