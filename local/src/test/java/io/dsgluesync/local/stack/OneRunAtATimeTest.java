package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.audit.AuditStore;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A schedule tick while a sync is still active runs a priority pass (only the assets bound for the priority queue),
 * and a tick while both are active records a skipped run and enqueues nothing; the active run then finishes normally, and its audit items are exported for auditors as CSV and JSON by the operator's command line
 * (the results jar), checked item by item against the audit table.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OneRunAtATimeTest {
    private static TestStack stack;
    private static String activeRun;

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.start("one-run-at-a-time", SimulatorOptions.defaults());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aTickWhileASyncIsActiveRunsAPriorityPassAndTheNextOneIsSkipped() throws Exception {
        try (SyncRunner.Steps steps = stack.runner().steps()) {
            JsonNode first = steps.discover();
            activeRun = first.get("runId").asText();
            int enqueued = first.get("assetsEnqueued").asInt();
            int priority = first.get("priorityEnqueued").asInt();
            assertTrue(enqueued > priority && priority > 0, "the demo rules send certified assets first: " + first);
            steps.drainResults();
            assertFalse(store().summaryItem(activeRun).orElseThrow().containsKey("status"), "the run is RUNNING");
            int waiting = waitingAssetMessages();

            // The sync is still active: the tick enqueues only the priority assets, on the priority queue.
            JsonNode second = steps.discover();
            String pass = second.get("runId").asText();
            assertEquals("priority", second.get("operation").asText(), second.toString());
            assertEquals(priority, second.get("assetsEnqueued").asInt(), second.toString());
            assertEquals(priority, second.get("priorityEnqueued").asInt(), second.toString());
            assertFalse(second.get("stale").get("evaluated").asBoolean(), "a pass judges nothing removed");
            assertEquals(waiting + priority, waitingAssetMessages(), "the priority assets once more, nothing else");
            steps.drainResults();

            // Both are active: the third tick is skipped, naming both.
            JsonNode third = steps.discover();
            String skippedRun = third.get("runId").asText();
            assertEquals("SKIPPED", third.get("status").asText(), third.toString());
            assertEquals(0, third.get("assetsEnqueued").asInt());
            String reason = third.get("skippedReason").asText();
            assertTrue(reason.startsWith("run " + activeRun + " still active since "), reason);
            assertTrue(reason.contains("priority pass " + pass + " still active since "), reason);
            assertEquals(waiting + priority, waitingAssetMessages(), "nothing enqueued by the skipped run");

            steps.drainResults();
            Map<String, AttributeValue> skipped = store().summaryItem(skippedRun).orElseThrow();
            assertEquals("SKIPPED", skipped.get("status").s());
            assertEquals(reason, skipped.get("skippedReason").s());
            assertEquals("0", skipped.get("expectedAssets").n());

            QueueDrainer.Drained workers = steps.drainAssets();
            SyncReport report = steps.report(activeRun, first.toString(), workers, steps.drainResults());
            assertEquals("COMPLETE", report.summary().get("status"), report.summary().toString());
            assertEquals(String.valueOf(enqueued), report.summary().get("processed"));
            Map<String, AttributeValue> passSummary = store().summaryItem(pass).orElseThrow();
            assertEquals("COMPLETE", passSummary.get("status").s(), passSummary.toString());
            assertEquals("priority", passSummary.get("operation").s());
            assertEquals(String.valueOf(priority), passSummary.get("processed").n());
            // The pass came after the sync had written the priority tables: they are unchanged, with no Glue write.
            for (Map<String, AttributeValue> item : store().assetItems(pass)) {
                assertEquals("UNCHANGED", item.get("action").s(), item.toString());
            }
            assertTrue(store().assetItems(skippedRun).isEmpty(), "nothing was synced for the skipped run");
        }
    }

    @Test
    @Order(2)
    void aFinishedRunIsExportedAsCsvOneRowPerAuditItem() throws Exception {
        List<Map<String, AttributeValue>> items = store().assetItems(activeRun);
        List<List<String>> rows = parseCsv(export("csv"));
        List<String> header = rows.get(0);
        assertEquals(List.of("runId", "space", "asset", "kind", "action"), header.subList(0, 5));
        assertEquals(items.size(), rows.size() - 1);
        for (int i = 0; i < items.size(); i++) {
            Map<String, AttributeValue> item = items.get(i);
            List<String> row = rows.get(i + 1);
            assertEquals(header.size(), row.size());
            for (int c = 0; c < header.size(); c++) {
                AttributeValue value = item.get(header.get(c));
                String cell = row.get(c);
                if (value == null) {
                    assertEquals("", cell, header.get(c));
                } else if (value.s() != null || value.n() != null) {
                    assertEquals(value.s() != null ? value.s() : value.n(), cell, header.get(c));
                } else {
                    assertEquals(plain(value), JsonCodec.mapper().readTree(cell), header.get(c));
                }
            }
            item.keySet().stream().filter(k -> !k.equals("pk") && !k.equals("sk"))
                    .forEach(k -> assertTrue(header.contains(k), k));
        }
    }

    @Test
    @Order(3)
    void aFinishedRunIsExportedAsJsonWithPlainValues() throws Exception {
        JsonNode export = JsonCodec.mapper().readTree(export("json"));
        Map<String, AttributeValue> summary = store().summaryItem(activeRun).orElseThrow();
        assertEquals(plainItem(summary), export.get("summary"));
        List<Map<String, AttributeValue>> items = store().assetItems(activeRun);
        assertEquals(items.size(), export.get("assets").size());
        for (int i = 0; i < items.size(); i++) {
            assertEquals(plainItem(items.get(i)), export.get("assets").get(i));
        }
    }

    /** {@code java -jar results.jar export RUN --format F --output FILE}, as an operator runs it against the stack. */
    private static String export(String format) throws IOException, InterruptedException {
        Path out = stack.logDir.resolve("export." + format);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-jar", stack.paths.projectDir().resolve("functions/results/target/results.jar")
                        .toString(), "export", activeRun, "--format", format, "--output", out.toString(),
                "--table", stack.endpoints.resources().auditTable()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(stack.logDir.resolve("export-" + format + ".log").toFile());
        builder.environment().putAll(stack.endpoints.runtimeEnvironment());
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), Files.readString(stack.logDir.resolve("export-" + format + ".log")));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static JsonNode plainItem(Map<String, AttributeValue> item) throws IOException {
        var object = JsonCodec.mapper().getNodeFactory().objectNode();
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            if (!e.getKey().equals("pk") && !e.getKey().equals("sk")) {
                object.set(e.getKey(), plain(e.getValue()));
            }
        }
        return object;
    }

    /** The test's own reading of an attribute value as plain JSON (a number as JSON reads its text). */
    private static JsonNode plain(AttributeValue v) throws IOException {
        var nodes = JsonCodec.mapper().getNodeFactory();
        if (v.s() != null) {
            return nodes.textNode(v.s());
        }
        if (v.n() != null) {
            return JsonCodec.mapper().readTree(v.n());
        }
        if (v.bool() != null) {
            return nodes.booleanNode(v.bool());
        }
        if (v.hasL()) {
            var array = nodes.arrayNode();
            for (AttributeValue e : v.l()) {
                array.add(plain(e));
            }
            return array;
        }
        if (v.hasM()) {
            var object = nodes.objectNode();
            for (Map.Entry<String, AttributeValue> e : v.m().entrySet()) {
                object.set(e.getKey(), plain(e.getValue()));
            }
            return object;
        }
        if (v.hasSs()) {
            var array = nodes.arrayNode();
            v.ss().stream().sorted().forEach(array::add);
            return array;
        }
        throw new AssertionError("unexpected attribute type " + v);
    }

    /** RFC 4180: fields split at commas, a quoted field may hold commas, doubled quotes and line breaks. */
    private static List<List<String>> parseCsv(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertTrue(row.isEmpty() && field.length() == 0, "the last record ends in CRLF");
        return rows;
    }

    private static int waitingAssetMessages() {
        int total = 0;
        for (String queue : List.of(stack.endpoints.resources().assetQueueUrl(),
                stack.endpoints.resources().priorityQueueUrl())) {
            Map<QueueAttributeName, String> attributes = stack.aws.sqs().getQueueAttributes(r -> r.queueUrl(queue)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            total += Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        }
        return total;
    }

    private static AuditStore store() {
        return new AuditStore(stack.aws.dynamo(), stack.endpoints.resources().auditTable(), Clock.systemUTC(),
                Duration.ofDays(1));
    }
}
