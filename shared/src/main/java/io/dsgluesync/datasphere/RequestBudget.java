package io.dsgluesync.datasphere;

import java.time.Duration;

/**
 * A token bucket that keeps this container's Datasphere requests within its share of the tenant-wide budget.
 * Datasphere answers 429 once a user or OAuth client passes its rate limit (SAP's "OData API Reference", section
 * "API Rate Limiting"); SAP publishes no number, and ~300 requests a minute is a third-party figure. The whole sync,
 * discovery and every concurrent worker together, stays under the configured budget when each container takes
 * {@code budget / shares}, shares being the most containers that can run at once.
 * (https://help.sap.com/docs/SAP_DATASPHERE/43509d67b8b84e66a30851e832f66911/b9098c3a706640189bc1d4eb7d5d5c52.html)
 */
public class RequestBudget implements RequestGate {
    private static final RequestBudget UNLIMITED = new RequestBudget(0, 1);
    private final double perSecond;
    private final double capacity;
    private double tokens;
    private long lastNanos;

    RequestBudget(double perMinute, int shares) {
        this.perSecond = perMinute / 60.0 / Math.max(1, shares);
        this.capacity = Math.max(1.0, Math.floor(perSecond));
        this.tokens = capacity;
        this.lastNanos = System.nanoTime();
    }

    public static RequestBudget unlimited() {
        return UNLIMITED;
    }

    /** {@code requestsPerMinute} for the whole sync, split evenly over {@code shares} concurrent containers. */
    public static RequestBudget share(int requestsPerMinute, int shares) {
        return requestsPerMinute <= 0 ? UNLIMITED : new RequestBudget(requestsPerMinute, shares);
    }

    public double requestsPerSecond() {
        return perSecond;
    }

    /** Blocks until a request may be sent. */
    @Override
    public void acquire() {
        if (perSecond <= 0) {
            return;
        }
        Duration wait;
        synchronized (this) {
            refill();
            if (tokens >= 1) {
                tokens -= 1;
                return;
            }
            wait = Duration.ofNanos((long) ((1 - tokens) / perSecond * 1e9));
            tokens -= 1; // reserve: the token that accrues during the wait is ours
        }
        sleep(wait);
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - lastNanos) / 1e9 * perSecond);
        lastNanos = now;
    }

    protected void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(0, duration.toMillis()), (int) (duration.toNanosPart() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasphereException(DatasphereException.Kind.UNAVAILABLE, "interrupted while waiting for budget");
        }
    }
}
