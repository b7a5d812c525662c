package io.dsgluesync.local.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Live request counters of a running simulator; safe to read from any thread while requests are served. */
public final class SimulatorStats {

    /** What a request path addresses, decided before authentication. */
    enum PathKind { TOKEN, CATALOG, METADATA, DESIGN_TIME, OTHER }

    private final AtomicLong total = new AtomicLong();
    private final AtomicLong token = new AtomicLong();
    private final AtomicLong catalog = new AtomicLong();
    private final AtomicLong metadata = new AtomicLong();
    private final AtomicLong designTime = new AtomicLong();
    private final AtomicLong other = new AtomicLong();
    private final AtomicLong unauthorized = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong injectedErrors = new AtomicLong();
    private final AtomicLong injectedHtmlPages = new AtomicLong();
    private final AtomicLong injectedMetadataFaults = new AtomicLong();
    private final AtomicLong delayedResponses = new AtomicLong();
    private final List<Long> admittedNanos = new ArrayList<>();

    void countRequest(PathKind kind) {
        total.incrementAndGet();
        switch (kind) {
            case TOKEN -> token.incrementAndGet();
            case CATALOG -> catalog.incrementAndGet();
            case METADATA -> metadata.incrementAndGet();
            case DESIGN_TIME -> designTime.incrementAndGet();
            case OTHER -> other.incrementAndGet();
        }
    }

    void countUnauthorized() {
        unauthorized.incrementAndGet();
    }

    void countRateLimited() {
        rateLimited.incrementAndGet();
    }

    void countInjectedError() {
        injectedErrors.incrementAndGet();
    }

    void countInjectedHtmlPage() {
        injectedHtmlPages.incrementAndGet();
    }

    void countInjectedMetadataFault() {
        injectedMetadataFaults.incrementAndGet();
    }

    /** An authenticated request the rate limit let through, at {@code nanoTime} ({@link System#nanoTime()}). */
    synchronized void countAdmitted(long nanoTime) {
        admittedNanos.add(nanoTime);
    }

    void countDelayed() {
        delayedResponses.incrementAndGet();
    }

    /** Every request received, whatever its outcome. */
    public long requestsTotal() {
        return total.get();
    }

    /** Requests to {@code /oauth/token}. */
    public long tokenRequests() {
        return token.get();
    }

    /** Requests under either catalog prefix. */
    public long catalogRequests() {
        return catalog.get();
    }

    /** Requests under either consumption prefix ({@code $metadata} and service documents). */
    public long metadataRequests() {
        return metadata.get();
    }

    /** Requests under {@code /dwaas-core} (the design-time CSN API, {@link DesignTimeEndpoint}). */
    public long designTimeRequests() {
        return designTime.get();
    }

    /** Requests to any other path. */
    public long otherRequests() {
        return other.get();
    }

    /** 401 answers: bad client credentials at the token endpoint or a missing/invalid/expired bearer token. */
    public long unauthorizedResponses() {
        return unauthorized.get();
    }

    /** 429 answers of the rate limit (injected 429s count as {@link #injectedErrors()}). */
    public long rateLimitedResponses() {
        return rateLimited.get();
    }

    /** Error answers caused by {@link Faults}: failNext, serverErrorRate and failSpaceListing. */
    public long injectedErrors() {
        return injectedErrors.get();
    }

    /** HTML login pages served by {@link Faults#htmlLoginPage(boolean)}. */
    public long injectedHtmlPages() {
        return injectedHtmlPages.get();
    }

    /** Malformed or hostile {@code $metadata} documents served. */
    public long injectedMetadataFaults() {
        return injectedMetadataFaults.get();
    }

    /** Requests held back by {@link Faults#latency(java.time.Duration)}. */
    public long delayedResponses() {
        return delayedResponses.get();
    }

    /** Authenticated requests the rate limit let through (token requests are not among them). */
    public synchronized long admittedRequests() {
        return admittedNanos.size();
    }

    /**
     * The most admitted requests within any sliding {@code window} (a half-open interval from one admitted request
     * on): what the rate limit counts, whether or not a limit is set.
     */
    public synchronized int mostAdmittedWithin(Duration window) {
        List<Long> times = new ArrayList<>(admittedNanos);
        times.sort(null);
        long width = window.toNanos();
        int most = 0;
        int last = 0;
        for (int first = 0; first < times.size(); first++) {
            while (last < times.size() && times.get(last) - times.get(first) < width) {
                last++;
            }
            most = Math.max(most, last - first);
        }
        return most;
    }

    @Override
    public String toString() {
        return "SimulatorStats[total=" + total + ", token=" + token + ", catalog=" + catalog + ", metadata="
                + metadata + ", designTime=" + designTime + ", other=" + other + ", 401=" + unauthorized
                + ", 429=" + rateLimited + ", injectedErrors=" + injectedErrors + ", htmlPages=" + injectedHtmlPages
                + ", metadataFaults=" + injectedMetadataFaults + ", delayed=" + delayedResponses + "]";
    }
}
