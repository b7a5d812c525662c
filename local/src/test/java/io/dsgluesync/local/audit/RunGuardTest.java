package io.dsgluesync.local.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.audit.RunGuard;
import io.dsgluesync.local.stack.LambdaEmulator;
import io.dsgluesync.local.stack.LocalAws;
import io.dsgluesync.local.stack.MotoServer;
import io.dsgluesync.local.stack.StackPaths;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The run guard's arithmetic over a real DynamoDB API (moto): the early failure window and the halt itself. */
class RunGuardTest {
    private static final String TABLE = "run-guard-test";
    private static long motoPid;
    private static LocalAws aws;

    @BeforeAll
    static void startMoto() throws Exception {
        StackPaths paths = StackPaths.discover();
        int port = LambdaEmulator.freePort();
        motoPid = MotoServer.start(paths, port, paths.projectDir().resolve("local/target/test-stacks/run-guard/moto.log"));
        aws = new LocalAws(port);
        aws.dynamo().createTable(r -> r.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
    }

    @AfterAll
    static void stopMoto() {
        if (aws != null) {
            aws.close();
        }
        ProcessHandle.of(motoPid).ifPresent(ProcessHandle::destroy);
    }

    @Test
    void aRunIsHaltedOnceTheMinimumSampleFailsAtTheThreshold() {
        RunGuard guard = guard(new RunGuard.FailureWindow(10, 4, 75));
        String run = run();

        assertFalse(guard.observe(run, true), "1 of 1: below the minimum sample");
        assertFalse(guard.observe(run, true));
        assertFalse(guard.observe(run, false));
        assertTrue(guard.observe(run, true), "3 of 4 = 75 %: at the threshold");

        assertEquals(Optional.of("3 of the first 4 assets failed (threshold 75%)"), guard.haltedReason(run));
        assertEquals("3 of the first 4 assets failed (threshold 75%)", guardItem(run).get("haltedReason").s());
    }

    @Test
    void failuresBelowTheThresholdHaltNothingAndPastTheWindowNothingIsCountedAnyMore() {
        RunGuard guard = guard(new RunGuard.FailureWindow(5, 2, 80));
        String run = run();
        for (boolean failed : new boolean[] {true, false, true, true, false}) {
            assertFalse(guard.observe(run, failed), "3 of 5 = 60 %");
        }
        for (int i = 0; i < 5; i++) {
            assertFalse(guard.observe(run, true), "past the window of 5: late failures do not halt");
        }

        assertEquals(Optional.empty(), guard.haltedReason(run));
        assertEquals("5", guardItem(run).get("seen").n(), "the guard stopped writing after the window");
        assertEquals("3", guardItem(run).get("failed").n());
    }

    @Test
    void theFirstHaltWinsAndEveryWorkerSeesIt() {
        String run = run();
        RunGuard first = guard(RunGuard.FailureWindow.OFF);
        RunGuard second = guard(RunGuard.FailureWindow.OFF);
        assertEquals(Optional.empty(), second.haltedReason(run), "not halted: asked again next batch");

        assertTrue(first.halt(run, "Datasphere refused the client"));
        assertFalse(second.halt(run, "Glue denied access"));

        assertEquals(Optional.of("Datasphere refused the client"), second.haltedReason(run));
        assertEquals(Optional.of("Datasphere refused the client"), guard(RunGuard.FailureWindow.OFF).haltedReason(run));
    }

    @Test
    void aWindowSwitchedOffWritesNothing() {
        RunGuard guard = guard(RunGuard.FailureWindow.fromEnvironment(Map.of("HALT_FAILURE_PERCENT", "off")));
        String run = run();
        for (int i = 0; i < 30; i++) {
            assertFalse(guard.observe(run, true));
        }
        assertTrue(guardItem(run).isEmpty());
    }

    @Test
    void theWindowsDefaultsAreFiftyAssetsTwentyAtLeastAndEightyPercent() {
        assertEquals(new RunGuard.FailureWindow(50, 20, 80), RunGuard.FailureWindow.fromEnvironment(Map.of()));
        assertEquals(RunGuard.FailureWindow.OFF,
                RunGuard.FailureWindow.fromEnvironment(Map.of("HALT_FAILURE_PERCENT", "0")));
    }

    private static RunGuard guard(RunGuard.FailureWindow window) {
        return new RunGuard(aws.dynamo(), TABLE, Clock.systemUTC(), window);
    }

    private static String run() {
        return "20261202T000000Z-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, AttributeValue> guardItem(String run) {
        return aws.dynamo().getItem(r -> r.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("RUN#" + run),
                "sk", AttributeValue.fromS(RunGuard.GUARD))).consistentRead(true)).item();
    }
}
