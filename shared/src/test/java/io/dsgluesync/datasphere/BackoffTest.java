package io.dsgluesync.datasphere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How long the client waits before retrying a throttled or failed call. */
class BackoffTest {
    private static final int SAMPLES = 500;
    private final Backoff backoff = Backoff.standard();

    @Test
    void theServersRetryAfterIsHonoured() {
        assertEquals(Duration.ofSeconds(7), backoff.delay(1, Duration.ofSeconds(7)));
        assertEquals(Duration.ofSeconds(7), backoff.delay(3, Duration.ofSeconds(7)));
        assertEquals(Duration.ZERO, backoff.delay(1, Duration.ZERO));
    }

    @Test
    void retryAfterIsCappedAtSixtySeconds() {
        assertEquals(Duration.ofSeconds(60), backoff.delay(1, Duration.ofSeconds(60)));
        assertEquals(Duration.ofSeconds(60), backoff.delay(1, Duration.ofSeconds(61)));
        assertEquals(Duration.ofSeconds(60), backoff.delay(1, Duration.ofHours(2)));
    }

    @Test
    void withoutRetryAfterTheDelayStaysWithinTheExponentialCeiling() {
        for (int attempt = 1; attempt <= 6; attempt++) {
            long ceiling = Math.min(5000, 200L << (attempt - 1));
            for (int i = 0; i < SAMPLES; i++) {
                long millis = backoff.delay(attempt, null).toMillis();
                assertTrue(millis >= 0 && millis <= ceiling, "attempt " + attempt + ": " + millis + " ms");
            }
        }
    }

    @Test
    void theCeilingStopsAtTheCapHoweverManyAttempts() {
        for (int attempt : new int[] {7, 20, 64, Integer.MAX_VALUE}) {
            for (int i = 0; i < SAMPLES; i++) {
                long millis = backoff.delay(attempt, null).toMillis();
                assertTrue(millis >= 0 && millis <= 5000, "attempt " + attempt + ": " + millis + " ms");
            }
        }
    }

    @Test
    void theDelayIsJitteredAcrossTheWholeRange() {
        Set<Long> seen = new HashSet<>();
        long longest = 0;
        for (int i = 0; i < SAMPLES; i++) {
            long millis = backoff.delay(5, null).toMillis();
            seen.add(millis);
            longest = Math.max(longest, millis);
        }

        assertTrue(seen.size() > 50, "only " + seen.size() + " distinct delays");
        assertTrue(longest > 3200 / 2, "longest of " + SAMPLES + " delays was " + longest + " ms");
    }

    @Test
    void pauseSleepsForTheDelay() {
        List<Duration> slept = new ArrayList<>();
        Backoff recording = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5)) {
            @Override
            protected void sleep(Duration duration) {
                slept.add(duration);
            }
        };

        recording.pause(2, Duration.ofSeconds(3));

        assertEquals(List.of(Duration.ofSeconds(3)), slept);
    }
}
