package io.dsgluesync.datasphere;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits between attempts: the server's {@code Retry-After} when it gave one (capped), otherwise exponential backoff
 * with full jitter.
 */
public class Backoff {
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
    private final Duration base;
    private final Duration cap;

    public Backoff(Duration base, Duration cap) {
        this.base = base;
        this.cap = cap;
    }

    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    /** How long to wait before attempt {@code attempt + 1} (attempts count from 1). */
    public Duration delay(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
        }
        long ceiling = Math.min(cap.toMillis(), base.toMillis() * (1L << Math.min(attempt - 1, 20)));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    public void pause(int attempt, Duration retryAfter) {
        sleep(delay(attempt, retryAfter));
    }

    protected void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasphereException(DatasphereException.Kind.UNAVAILABLE, "interrupted while backing off");
        }
    }
}
