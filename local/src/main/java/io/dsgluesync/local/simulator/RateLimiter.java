package io.dsgluesync.local.simulator;

import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/** Sliding 60-second window over admitted requests (reference §5.1: 429 with {@code Retry-After}). */
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
