package io.dsgluesync.local.simulator;

import java.util.concurrent.atomic.AtomicLong;

/** Live request counters of a running simulator; safe to read from any thread while requests are served. */
public final class SimulatorStats {

    /** What a request path addresses, decided before authentication. */
    enum PathKind { TOKEN, CATALOG, METADATA, OTHER }

    private final AtomicLong total = new AtomicLong();
    private final AtomicLong token = new AtomicLong();
    private final AtomicLong catalog = new AtomicLong();
    private final AtomicLong metadata = new AtomicLong();
    private final AtomicLong other = new AtomicLong();
    private final AtomicLong unauthorized = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();

    void countRequest(PathKind kind) {
        total.incrementAndGet();
        switch (kind) {
            case TOKEN -> token.incrementAndGet();
            case CATALOG -> catalog.incrementAndGet();
            case METADATA -> metadata.incrementAndGet();
            case OTHER -> other.incrementAndGet();
        }
    }

    void countUnauthorized() {
        unauthorized.incrementAndGet();
    }

    void countRateLimited() {
        rateLimited.incrementAndGet();
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

    /** Requests to any other path. */
    public long otherRequests() {
        return other.get();
    }

    /** 401 answers: bad client credentials at the token endpoint or a missing/invalid/expired bearer token. */
    public long unauthorizedResponses() {
        return unauthorized.get();
    }

    /** 429 answers. */
    public long rateLimitedResponses() {
        return rateLimited.get();
    }

    @Override
    public String toString() {
        return "SimulatorStats[total=" + total + ", token=" + token + ", catalog=" + catalog + ", metadata="
                + metadata + ", other=" + other + ", 401=" + unauthorized + ", 429=" + rateLimited + "]";
    }
}
