package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.local.simulator.SimulatorOptions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Glue permission check before a sync is remembered in the audit table: a re-sync within its validity makes no
 * probe and so no Glue write call at all (counted at the wire by the fault proxy), and with the interval at 0 every
 * sync probes again. Over the real peers: the three functions under the emulator, moto, the simulator.
 */
class PermissionCheckMemoryTest {
    private static final List<String> WRITES = List.of("glue.CreateDatabase", "glue.UpdateDatabase",
            "glue.DeleteDatabase", "glue.CreateTable", "glue.UpdateTable", "glue.DeleteTable");
    private static TestStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.start("permission-memory", SimulatorOptions.defaults(), true);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aPassedCheckIsRememberedSoThatAnUnchangedResyncMakesNoGlueWrite() throws Exception {
        SyncReport first = stack.runner().run();
        assertEquals("COMPLETE", first.summary().get("status"), first.summary().toString());
        assertTrue(probes() > 0, "the first sync probes: " + stack.proxy.stats().forwardedByCall());
        List<Map<String, AttributeValue>> remembered = stack.aws.dynamo().query(r -> r
                .tableName(stack.endpoints.resources().auditTable()).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("PERMISSIONS")))).items();
        assertEquals(1, remembered.size(), remembered.toString());
        assertTrue(Long.parseLong(remembered.get(0).get("expiresAt").n()) > System.currentTimeMillis() / 1000);

        stack.proxy.stats().reset();
        SyncReport second = stack.runner().run();
        assertEquals("COMPLETE", second.summary().get("status"), second.summary().toString());
        assertEquals("0", second.summary().get("created"), second.summary().toString());
        assertEquals("0", second.summary().get("updated"), second.summary().toString());
        assertEquals(first.summary().get("created"), second.summary().get("unchanged"), second.summary().toString());
        assertEquals(Map.of(), writes(), "no Glue write call, probes included");
        assertEquals(0, probes());

        stack.proxy.stats().reset();
        SyncReport third = stack.runner().withEnvironment("DiscoveryFunction",
                Map.of("GLUE_VALIDATE_INTERVAL_MINUTES", "0")).run();
        assertEquals("COMPLETE", third.summary().get("status"), third.summary().toString());
        assertTrue(probes() > 0, "with the interval at 0 every sync probes: " + stack.proxy.stats().forwardedByCall());
    }

    /** The probe's calls: its refused UpdateTable of the probe table is one per space database. */
    private static long probes() {
        return stack.proxy.stats().forwarded("glue", "UpdateTable") + stack.proxy.stats().forwarded("glue",
                "CreateTable");
    }

    private static Map<String, Long> writes() {
        return stack.proxy.stats().forwardedByCall().entrySet().stream().filter(e -> WRITES.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, TreeMap::new));
    }
}
