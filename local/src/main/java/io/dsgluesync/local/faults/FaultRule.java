package io.dsgluesync.local.faults;

import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which requests get a fault and how often: a service as named in the SigV4 credential scope ({@code glue},
 * {@code dynamodb}, {@code sqs}, {@code s3}), optionally one operation ({@code CreateTable}), and either "the next N
 * matching requests" (deterministic) or a probability drawn from a seeded {@link Random} (reproducible for one
 * sequence of requests). Counts the requests it saw and the faults it injected; safe to use from any thread.
 */
public final class FaultRule {
    private final String service;
    private final Optional<String> operation;
    private final Fault fault;
    private final Trigger trigger;
    private final AtomicLong matched = new AtomicLong();
    private final AtomicLong injected = new AtomicLong();

    private FaultRule(String service, Optional<String> operation, Fault fault, Trigger trigger) {
        this.service = Objects.requireNonNull(service, "service");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.fault = Objects.requireNonNull(fault, "fault");
        this.trigger = trigger;
    }

    /** The next {@code count} calls of {@code service}'s {@code operation} get {@code fault}; later ones pass. */
    public static FaultRule nextN(String service, String operation, Fault fault, int count) {
        return new FaultRule(service, Optional.of(operation), fault, new NextN(count));
    }

    /** The next {@code count} calls of any operation of {@code service} (e.g. S3, which has no operation name). */
    public static FaultRule nextN(String service, Fault fault, int count) {
        return new FaultRule(service, Optional.empty(), fault, new NextN(count));
    }

    /** Each call of {@code service}'s {@code operation} gets {@code fault} with {@code probability}. */
    public static FaultRule rate(String service, String operation, Fault fault, double probability, long seed) {
        return new FaultRule(service, Optional.of(operation), fault, new Rate(probability, seed));
    }

    /** Each call of any operation of {@code service} gets {@code fault} with {@code probability}. */
    public static FaultRule rate(String service, Fault fault, double probability, long seed) {
        return new FaultRule(service, Optional.empty(), fault, new Rate(probability, seed));
    }

    public String service() {
        return service;
    }

    /** Empty when the rule applies to every operation of its service. */
    public Optional<String> operation() {
        return operation;
    }

    public Fault fault() {
        return fault;
    }

    /** Requests this rule was asked about: of its service and operation, and not taken by an earlier rule. */
    public long matched() {
        return matched.get();
    }

    /** Requests this rule gave its fault. */
    public long injected() {
        return injected.get();
    }

    boolean matches(AwsCall call) {
        return call.isService(service) && (operation.isEmpty() || call.operation().equals(operation));
    }

    /** Counts a matching request and decides whether it gets the fault. */
    boolean fires() {
        matched.incrementAndGet();
        boolean fires = trigger.fires();
        if (fires) {
            injected.incrementAndGet();
        }
        return fires;
    }

    @Override
    public String toString() {
        return service + operation.map(o -> "." + o).orElse(".*") + " " + fault.kind() + " " + trigger
                + " (matched " + matched + ", injected " + injected + ")";
    }

    private interface Trigger {
        boolean fires();
    }

    private static final class NextN implements Trigger {
        private final AtomicInteger remaining;

        NextN(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative: " + count);
            }
            this.remaining = new AtomicInteger(count);
        }

        @Override
        public boolean fires() {
            return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        }

        @Override
        public String toString() {
            return "next " + remaining.get();
        }
    }

    private static final class Rate implements Trigger {
        private final double probability;
        private final Random random;

        Rate(double probability, long seed) {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("probability must be within 0..1: " + probability);
            }
            this.probability = probability;
            this.random = new Random(seed);
        }

        @Override
        public synchronized boolean fires() {
            return random.nextDouble() < probability;
        }

        @Override
        public String toString() {
            return "rate " + probability;
        }
    }
}
