package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.model.JsonCodec;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Each function invoked once with its {@code events/} file, as {@code sam local invoke FUNCTION -e EVENT} would:
 * same handler string and environment variable names as template.yaml, under the Runtime Interface Emulator.
 */
class FunctionInvokeTest {
    private static TestStack stack;
    private static SamTemplate template;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TestStack.start("function-invoke", SimulatorOptions.defaults());
        template = SamTemplate.read(stack.paths.template());
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @AfterEach
    void emptyQueues() throws Exception {
        // PurgeQueue may run once a minute per queue; receiving and deleting has no such limit.
        receiveAll(stack.endpoints.resources().assetQueueUrl());
        receiveAll(stack.endpoints.resources().priorityQueueUrl());
        receiveAll(stack.endpoints.resources().resultsQueueUrl());
    }

    @Test
    void discoveryEnqueuesEveryAssetInPriorityOrderAndAnnouncesTheRun() throws Exception {
        JsonNode response = invoke("DiscoveryFunction", event("discovery-schedule.json"));
        assertEquals("20261125T020000Z-53dc4d37", response.get("runId").asText());
        // The sample tenant's 7 catalog assets plus what its replication flows add: the local table
        // SAP.TIME.M_TIME_DIMENSION and the S/4HANA objects I_CUSTOMER and I_SUPPLIER.
        assertEquals(10, response.get("assetsEnqueued").asInt());
        assertEquals(1, response.get("priorityEnqueued").asInt());
        assertTrue(response.get("listingComplete").asBoolean());
        // local/sync-rules.json certifies SALES_* in SAP_CONTENT: priority 20, at the priority queue's threshold.
        List<JsonNode> urgent = receiveAll(stack.endpoints.resources().priorityQueueUrl());
        assertEquals(List.of("SALES_AM_ORDER_ITEMS"), urgent.stream().map(a -> a.get("asset").asText()).toList());
        assertEquals(20, urgent.get(0).get("priority").asInt());
        List<JsonNode> assets = receiveAll(stack.endpoints.resources().assetQueueUrl());
        assertEquals(9, assets.size());
        assertEquals(List.of("ENROLLMENT_AM", "CollegeEnrollment"),
                assets.subList(0, 2).stream().map(a -> a.get("asset").asText()).toList());
        assertEquals(List.of(10, 5, 0, 0, 0, 0, 0, 0, 0), assets.stream().map(a -> a.get("priority").asInt()).toList());
        assertTrue(assets.stream().allMatch(a -> a.get("runId").asText().equals("20261125T020000Z-53dc4d37")
                && a.get("schemaVersion").asInt() == 1));
        List<JsonNode> results = receiveAll(stack.endpoints.resources().resultsQueueUrl());
        assertEquals("run", results.get(0).get("type").asText());
        assertEquals(10, results.get(0).get("expectedAssets").asInt());
    }

    @Test
    void workerSyncsTheSampleEventsAssetsAndReportsNoFailure() throws Exception {
        String event = event("worker-sqs.json").replace("http://127.0.0.1:7070", stack.simulator.baseUrl().toString());
        JsonNode response = invoke("WorkerFunction", event);
        assertEquals(0, response.path("batchItemFailures").size());
        List<JsonNode> audits = receiveAll(stack.endpoints.resources().resultsQueueUrl());
        assertEquals(List.of("CREATED", "CREATED"), audits.stream().map(a -> a.get("action").asText()).sorted().toList());
    }

    @Test
    void badRecordsGetAFailedAuditRecordNamingTheFieldAndDoNotFailTheBatch() throws Exception {
        String good = event("worker-sqs.json").replace("http://127.0.0.1:7070", stack.simulator.baseUrl().toString());
        JsonNode parsed = JsonCodec.mapper().readTree(good);
        var records = (com.fasterxml.jackson.databind.node.ArrayNode) parsed.get("Records");
        var noSpace = records.get(0).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) noSpace).put("messageId", "bad-1")
                .put("body", "{\"schemaVersion\":1,\"runId\":\"r1\",\"asset\":\"X\",\"kind\":\"VIEW\"}");
        var foreign = records.get(1).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) foreign).put("messageId", "bad-2").put("body",
                records.get(1).get("body").asText().replace(stack.simulator.baseUrl().toString(), "http://127.0.0.2:9"));
        records.add(noSpace);
        records.add(foreign);
        JsonNode response = invoke("WorkerFunction", parsed.toString());
        assertEquals(0, response.path("batchItemFailures").size(), response.toString());
        List<JsonNode> audits = receiveAll(stack.endpoints.resources().resultsQueueUrl());
        assertEquals(4, audits.size());
        JsonNode missing = audits.stream().filter(a -> a.get("asset").asText().equals("X")).findFirst().orElseThrow();
        assertEquals("FAILED", missing.get("action").asText());
        assertEquals("space", missing.get("errorField").asText());
        JsonNode refused = audits.stream().filter(a -> "FAILED".equals(a.get("action").asText())
                && !a.get("asset").asText().equals("X")).findFirst().orElseThrow();
        assertTrue(refused.get("error").asText().contains("not on the tenant's origin"), refused.toString());
    }

    @Test
    void resultsCountADuplicatedDeliveryOnce() throws Exception {
        String event = event("results-sqs.json");
        assertEquals(0, invoke("ResultsFunction", event).path("batchItemFailures").size());
        assertEquals(0, invoke("ResultsFunction", event).path("batchItemFailures").size());
        Map<String, AttributeValue> summary = stack.aws.dynamo().getItem(r -> r
                .tableName(stack.endpoints.resources().auditTable())
                .key(Map.of("pk", AttributeValue.fromS("RUN#20261125T020000Z-53dc4d37"),
                        "sk", AttributeValue.fromS("SUMMARY")))).item();
        assertEquals("2", summary.get("processed").n());
        assertEquals("1", summary.get("created").n());
        assertEquals("1", summary.get("failed").n());
        assertEquals("COMPLETE_WITH_ERRORS", summary.get("status").s());
    }

    private static String event(String file) throws Exception {
        return Files.readString(stack.paths.eventsDir().resolve(file));
    }

    private static JsonNode invoke(String function, String event) throws Exception {
        try (LambdaEmulator emulator = stack.runner().start(template, function, stack.endpoints.physicalIds())) {
            return JsonCodec.mapper().readTree(emulator.invoke(event));
        }
    }

    private static List<JsonNode> receiveAll(String queueUrl) throws Exception {
        return stack.receiveAll(queueUrl);
    }
}
