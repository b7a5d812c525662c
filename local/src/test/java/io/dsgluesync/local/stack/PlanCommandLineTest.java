package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.model.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plan command lines over the real peers: {@code LocalMain plan --format json} on a fresh stack (the sample
 * tenant: 9 tables to create, I_SUPPLIER skipped) and {@code results.jar plan} reading the same run back. They assert
 * what the commands print, not how discovery treats the plan operation.
 */
class PlanCommandLineTest {
    private static TestStack stack;
    private static String runId;
    private static String stdout;
    private static String stderr;

    @BeforeAll
    static void planOnAFreshStack() throws Exception {
        stack = TestStack.start("plan-command-line", SimulatorOptions.defaults());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        runId = LocalPlan.run(stack.runner(), stack.endpoints, LocalPlan.Options.parse(List.of("--format", "json")),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theScheduledEventCarriesThePlanOperationInItsDetail() throws Exception {
        JsonNode event = JsonCodec.mapper().readTree(Events.scheduled(Instant.parse("2026-11-25T14:57:00Z"),
                LocalAws.REGION, LocalAws.ACCOUNT, Map.of("operation", "plan")));
        assertEquals("plan", event.get("detail").get("operation").asText());
        assertEquals("Scheduled Event", event.get("detail-type").asText());
    }

    @Test
    void jsonOutputIsTheDocumentAloneWithTheRunAndItsTotals() throws Exception {
        JsonNode plan = JsonCodec.mapper().readTree(stdout);

        assertEquals(runId, plan.get("runId").asText());
        assertTrue(plan.get("finished").asBoolean(), stdout);
        assertEquals(9, plan.get("totals").get("create").asInt(), stdout);
        assertEquals(1, plan.get("totals").get("skipped").asInt(), stdout);
        assertEquals(List.of("default"), names(plan.get("targets")));
        assertEquals(List.of("datasphere_sap_content", "datasphere_space_a"),
                names(plan.get("targets").get(0).get("databases")));
        assertTrue(stderr.contains("Glue writes made by the run's workers: "), stderr);
    }

    @Test
    void resultsJarPrintsThePlanOfTheSameRun() throws Exception {
        JsonNode plan = JsonCodec.mapper().readTree(stack.results("plan", runId, "--format", "json", "--wait", "30"));
        assertEquals(runId, plan.get("runId").asText());
        assertEquals(JsonCodec.mapper().readTree(stdout).get("totals"), plan.get("totals"));

        String text = stack.results("plan", "--verbose");
        assertTrue(text.contains(runId), "the latest run by default: " + text);
        assertTrue(text.contains("\nTarget default\n  Database datasphere_sap_content\n"), text);
        assertTrue(text.contains("SPACE_A/I_SUPPLIER"), "the skipped asset is listed: " + text);
        assertTrue(text.contains("\nTotals        create 9  update 0"), text);
    }

    private static List<String> names(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get("name").asText()).toList();
    }
}
