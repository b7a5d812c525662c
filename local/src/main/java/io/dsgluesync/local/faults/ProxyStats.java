package io.dsgluesync.local.faults;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of a running proxy, by call ({@code glue.CreateTable}, {@code s3}); safe to read from any thread.
 * A request counts as forwarded when it reached moto (so the {@code *_AFTER_APPLY} faults and delays count both as
 * forwarded and as injected) and as injected when a rule gave it a fault.
 */
public final class ProxyStats {
    private final Map<String, LongAdder> forwarded = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> injected = new ConcurrentHashMap<>();
    private final Map<Fault.Kind, LongAdder> injectedByKind = new ConcurrentHashMap<>();

    void countForwarded(AwsCall call) {
        forwarded.computeIfAbsent(call.label(), k -> new LongAdder()).increment();
    }

    void countInjected(AwsCall call, Fault.Kind kind) {
        injected.computeIfAbsent(call.label(), k -> new LongAdder()).increment();
        injectedByKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /** Requests of {@code service}'s {@code operation} that reached moto. */
    public long forwarded(String service, String operation) {
        return count(forwarded, service + "." + operation);
    }

    /** Requests of any operation of {@code service} that reached moto (S3 requests have no operation name). */
    public long forwarded(String service) {
        return countService(forwarded, service);
    }

    /** Requests that reached moto, of every service. */
    public long forwarded() {
        return forwarded.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Faults given to {@code service}'s {@code operation}. */
    public long injected(String service, String operation) {
        return count(injected, service + "." + operation);
    }

    /** Faults given to any operation of {@code service}. */
    public long injected(String service) {
        return countService(injected, service);
    }

    /** Faults of {@code kind} given to any request. */
    public long injected(Fault.Kind kind) {
        LongAdder adder = injectedByKind.get(kind);
        return adder == null ? 0 : adder.sum();
    }

    /** Faults given to any request. */
    public long injected() {
        return injected.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Forwarded requests by call, e.g. {@code glue.CreateTable=3}, sorted. */
    public Map<String, Long> forwardedByCall() {
        return snapshot(forwarded);
    }

    /** Injected faults by call, sorted. */
    public Map<String, Long> injectedByCall() {
        return snapshot(injected);
    }

    /** Injected faults by kind. */
    public Map<Fault.Kind, Long> injectedByKind() {
        Map<Fault.Kind, Long> copy = new EnumMap<>(Fault.Kind.class);
        injectedByKind.forEach((kind, adder) -> copy.put(kind, adder.sum()));
        return Collections.unmodifiableMap(copy);
    }

    /** Sets every counter back to zero. */
    public void reset() {
        forwarded.clear();
        injected.clear();
        injectedByKind.clear();
    }

    @Override
    public String toString() {
        return "forwarded " + forwardedByCall() + ", injected " + injectedByCall();
    }

    private static long count(Map<String, LongAdder> counters, String label) {
        LongAdder adder = counters.get(label);
        return adder == null ? 0 : adder.sum();
    }

    private static long countService(Map<String, LongAdder> counters, String service) {
        return counters.entrySet().stream()
                .filter(e -> e.getKey().equals(service) || e.getKey().startsWith(service + "."))
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((label, adder) -> copy.put(label, adder.sum()));
        return Collections.unmodifiableMap(copy);
    }
}
