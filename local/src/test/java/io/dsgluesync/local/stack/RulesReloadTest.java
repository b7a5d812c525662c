package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.local.simulator.SimulatorOptions;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * A rules-file edit reaches a worker container that is already warm (as one restored from a SnapStart snapshot
 * is: its constructor ran long before): one worker process under the Runtime Interface Emulator serves two runs,
 * and the second run's tables carry the edited rules, re-mapped although their {@code $metadata} did not change.
 */
class RulesReloadTest {
    private static TestStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.start("rules-reload", SimulatorOptions.defaults());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void anEditedRulesFileTakesEffectOnTheNextRunInTheSameContainer() throws Exception {
        SamTemplate template = SamTemplate.read(stack.paths.template());
        String event = Files.readString(stack.paths.eventsDir().resolve("worker-sqs.json"))
                .replace("http://127.0.0.1:7070", stack.simulator.baseUrl().toString());
        String bucket = stack.endpoints.resources().rulesBucket();
        String rules = stack.aws.s3().getObjectAsBytes(r -> r.bucket(bucket).key(StackResources.RULES_KEY))
                .asUtf8String();
        try (LambdaEmulator worker = stack.runner()
                .withEnvironment("WorkerFunction", Map.of("SYNC_RULES_RELOAD_SECONDS", "0"))
                .start(template, "WorkerFunction", stack.endpoints.physicalIds())) {
            worker.invoke(event);
            assertEquals("Central BI team", table("sales_am_order_items").parameters().get("datasphere.owner"));
            drainResults();

            stack.aws.s3().putObject(r -> r.bucket(bucket).key(StackResources.RULES_KEY),
                    RequestBody.fromString(rules.replace("Central BI team", "Data Office")));
            worker.invoke(event.replace("20261125T020000Z-53dc4d37", "20261126T020000Z-0a1b2c3d"));

            Table after = table("sales_am_order_items");
            assertEquals("Data Office", after.parameters().get("datasphere.owner"));
            assertEquals("Data Office", table("sap_time_view_dimension_day").parameters().get("datasphere.owner"));
            List<JsonNode> audits = drainResults();
            assertEquals(List.of("UPDATED", "UPDATED"), audits.stream().map(a -> a.get("action").asText()).toList());
            assertTrue(audits.stream().allMatch(a -> a.get("diff").get("parameters").toString()
                    .contains("datasphere.owner: Central BI team -> Data Office")), audits.toString());
        }
    }

    private static Table table(String name) {
        return stack.aws.glue().getTable(r -> r.databaseName("datasphere_sap_content").name(name)).table();
    }

    private static List<JsonNode> drainResults() throws Exception {
        return stack.receiveAll(stack.endpoints.resources().resultsQueueUrl());
    }
}
