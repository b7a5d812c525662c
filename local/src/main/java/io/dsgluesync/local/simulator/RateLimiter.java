package io.dsgluesync.local.simulator;

import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Sliding 60-second window over admitted requests. Over the limit a request gets 429 (SAP's "OData API Reference", API
 * Rate Limiting,
 * https://help.sap.com/docs/SAP_DATASPHERE/43509d67b8b84e66a30851e832f66911/b9098c3a706640189bc1d4eb7d5d5c52.html) with
 * {@code Retry-After} ("HTTP 429 throttling" in https://github.com/datahub-project/datahub,
 * {@code metadata-ingestion/docs/sources/sap-datasphere/sap-datasphere_post.md}).
 */
final class RateLimiter {

    private static final long WINDOW_NANOS = 60_000_000_000L;

    private final int limit;
    private final LongSupplier nanoClock;
    private final ArrayDeque<Long> admitted = new ArrayDeque<>();

    RateLimiter(int limit, LongSupplier nanoClock) {
        this.limit = limit;
        this.nanoClock = nanoClock;
    }

    /**
     * Admits the request and returns 0, or refuses it and returns the whole seconds (at least 1) until the oldest
     * admitted request leaves the window. Refused requests take no slot.
     */
    synchronized long tryAcquire() {
        if (limit <= 0) {
            return 0;
        }
        long now = nanoClock.getAsLong();
        while (!admitted.isEmpty() && now - admitted.peekFirst() >= WINDOW_NANOS) {
            admitted.pollFirst();
        }
        if (admitted.size() < limit) {
            admitted.addLast(now);
            return 0;
        }
        long waitNanos = admitted.peekFirst() + WINDOW_NANOS - now;
        return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }
}
