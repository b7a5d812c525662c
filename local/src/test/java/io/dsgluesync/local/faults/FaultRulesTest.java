package io.dsgluesync.local.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.local.faults.AwsCall.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which requests a rule set picks, how often, and what it counts; no network. */
class FaultRulesTest {
    private static final AwsCall CREATE_TABLE = call("glue", "CreateTable");
    private static final AwsCall GET_TABLE = call("glue", "GetTable");

    @Test
    void nextNGivesItsFaultToExactlyTheNextNMatchingCalls() {
        FaultRules rules = new FaultRules();
        FaultRule rule = rules.add(FaultRule.nextN("glue", "CreateTable", Fault.THROTTLE, 2));

        assertEquals(Optional.empty(), rules.decide(GET_TABLE), "another operation of the same service");
        assertEquals(Optional.of(Fault.THROTTLE), rules.decide(CREATE_TABLE));
        assertEquals(Optional.of(Fault.THROTTLE), rules.decide(CREATE_TABLE));
        assertEquals(Optional.empty(), rules.decide(CREATE_TABLE));

        assertEquals(3, rule.matched());
        assertEquals(2, rule.injected());
    }

    @Test
    void aRuleWithoutOperationMatchesEveryCallOfItsServiceOnly() {
        FaultRules rules = new FaultRules();
        FaultRule rule = rules.add(FaultRule.nextN("s3", Fault.UNAVAILABLE, 5));

        assertTrue(rules.decide(new AwsCall(Optional.of("s3"), Optional.empty(), Protocol.REST_XML)).isPresent());
        assertTrue(rules.decide(call("dynamodb", "PutItem")).isEmpty());
        assertTrue(rules.decide(new AwsCall(Optional.empty(), Optional.empty(), Protocol.REST_JSON)).isEmpty(),
                "unsigned requests (moto's own API) belong to no service");
        assertEquals(1, rule.matched());
    }

    @Test
    void aSeededRateInjectsTheSameSequenceEveryTime() {
        List<Boolean> first = decisions(FaultRule.rate("dynamodb", "TransactWriteItems", Fault.DROP_AFTER_APPLY, 0.2,
                42L), 500);
        List<Boolean> second = decisions(FaultRule.rate("dynamodb", "TransactWriteItems", Fault.DROP_AFTER_APPLY, 0.2,
                42L), 500);

        assertEquals(first, second);
        long injected = first.stream().filter(b -> b).count();
        assertTrue(injected > 60 && injected < 140, "about a fifth of 500, was " + injected);
    }

    @Test
    void rateZeroNeverFiresAndRateOneAlwaysFires() {
        assertEquals(0, decisions(FaultRule.rate("glue", Fault.THROTTLE, 0.0, 1L), 100).stream().filter(b -> b).count());
        assertEquals(100, decisions(FaultRule.rate("glue", Fault.THROTTLE, 1.0, 1L), 100).stream().filter(b -> b)
                .count());
    }

    @Test
    void theFirstRuleThatFiresDecidesAndLaterRulesDoNotSeeTheRequest() {
        FaultRules rules = new FaultRules();
        FaultRule throttle = rules.add(FaultRule.nextN("glue", "CreateTable", Fault.THROTTLE, 1));
        FaultRule unavailable = rules.add(FaultRule.nextN("glue", Fault.UNAVAILABLE, 1));

        assertEquals(Optional.of(Fault.THROTTLE), rules.decide(CREATE_TABLE));
        assertEquals(Optional.of(Fault.UNAVAILABLE), rules.decide(CREATE_TABLE));
        assertEquals(Optional.empty(), rules.decide(CREATE_TABLE));

        assertEquals(3, throttle.matched());
        assertEquals(2, unavailable.matched(), "the first request was taken by the rule before it");
    }

    @Test
    void concurrentCallsGetExactlyNFaults() throws Exception {
        FaultRules rules = new FaultRules();
        FaultRule rule = rules.add(FaultRule.nextN("glue", "CreateTable", Fault.THROTTLE, 100));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> counts = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                counts.add(pool.submit(() -> IntStream.range(0, 1_000)
                        .filter(i -> rules.decide(CREATE_TABLE).isPresent()).count()));
            }
            long injected = 0;
            for (Future<Long> count : counts) {
                injected += count.get();
            }
            assertEquals(100, injected);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(8_000, rule.matched());
        assertEquals(100, rule.injected());
    }

    @Test
    void clearedRulesInjectNothing() {
        FaultRules rules = new FaultRules();
        rules.add(FaultRule.nextN("glue", "CreateTable", Fault.THROTTLE, 5));
        rules.clear();

        assertEquals(Optional.empty(), rules.decide(CREATE_TABLE));
        assertEquals(List.of(), rules.list());
    }

    @Test
    void impossibleRulesAndFaultsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> FaultRule.rate("glue", Fault.THROTTLE, 1.5, 1L));
        assertThrows(IllegalArgumentException.class, () -> FaultRule.nextN("glue", Fault.THROTTLE, -1));
        assertThrows(IllegalArgumentException.class, () -> Fault.delay(Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new Fault(Fault.Kind.DROP_AFTER_APPLY, Optional.of("ThrottlingException"), Duration.ZERO));
    }

    private static List<Boolean> decisions(FaultRule rule, int calls) {
        FaultRules rules = new FaultRules();
        rules.add(rule);
        AwsCall call = new AwsCall(Optional.of(rule.service()), rule.operation(), Protocol.AWS_JSON_1_0);
        return IntStream.range(0, calls).mapToObj(i -> rules.decide(call).isPresent()).toList();
    }

    private static AwsCall call(String service, String operation) {
        return new AwsCall(Optional.of(service), Optional.of(operation), Protocol.AWS_JSON_1_1);
    }
}
