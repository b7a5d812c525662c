package io.dsgluesync.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Fixed time buckets that keep every 60-second sliding window within a per-minute budget, whoever takes the tokens.
 * A window of 60 s touches at most {@code ceil(60 / L) + 1} buckets of {@code L} seconds (its first and last ones
 * partly, and a bucket's requests may all sit at the window's edge), so a capacity of
 * {@code floor(budget / (ceil(60 / L) + 1))} per bucket can never put more than the budget into any window. For
 * {@code L} dividing 60 that is {@code floor(budget * L / (60 + L))}; for other lengths the window may touch one
 * bucket more than {@code 60 / L + 1}, which that simpler formula misses.
 *
 * <p>The length is the whole number of seconds in 1..10 that gives the most requests a minute
 * ({@code 60 * capacity / L}; the shorter on a tie). At the template's default of 240 a minute that is
 * {@code L = 4 s} and 15 requests a bucket: 225 a minute, 93.75 % of the budget, guaranteed in any window.
 * Budgets under 7 a minute leave no capacity in any such bucket and are not shared ({@link #forBudget} is empty).
 *
 * <p>Tokens are taken only before the last {@link #margin()} of a bucket: a request sent on a token reaches the tenant
 * a little later, and containers' clocks differ a little. As long as those two spreads together stay within the
 * margin, each bucket's requests arrive within one bucket length of each other, the windows' arithmetic above
 * holds at the tenant, not only at the callers. The margin is a quarter of the bucket (at least
 * {@link #MIN_MARGIN}): a fixed 250 ms proved too short on a loaded two-core machine, where a request reached the
 * tenant more than 250 ms after its token. When containers compete, a bucket's capacity is taken in its first
 * three quarters anyway, so the wider margin costs no throughput; a lone slow caller waits at most a quarter bucket.
 */
public record BudgetBuckets(int requestsPerMinute, Duration length, int capacity) {

    /** The shortest end of a bucket in which no token is handed out. */
    public static final Duration MIN_MARGIN = Duration.ofMillis(250);
    static final int MAX_LENGTH_SECONDS = 10;

    public BudgetBuckets {
        if (length.isNegative() || length.compareTo(MIN_MARGIN.multipliedBy(4)) < 0 || capacity < 1) {
            throw new IllegalArgumentException("a bucket needs a length of " + MIN_MARGIN.multipliedBy(4)
                    + " or more and a capacity of 1 or"
                    + " more: " + length + ", " + capacity);
        }
    }

    /** The buckets for {@code requestsPerMinute}, or empty when the budget is too small to be split into buckets. */
    public static Optional<BudgetBuckets> forBudget(int requestsPerMinute) {
        BudgetBuckets best = null;
        for (int seconds = 1; seconds <= MAX_LENGTH_SECONDS; seconds++) {
            int capacity = requestsPerMinute / bucketsPerWindow(seconds);
            if (capacity < 1) {
                continue;
            }
            BudgetBuckets candidate = new BudgetBuckets(requestsPerMinute, Duration.ofSeconds(seconds), capacity);
            if (best == null || candidate.guaranteedPerMinute() > best.guaranteedPerMinute()) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The most buckets of {@code seconds} that one 60-second window can touch. */
    static int bucketsPerWindow(int seconds) {
        return (60 + seconds - 1) / seconds + 1;
    }

    /** The requests a minute the buckets hand out when every container asks all the time. */
    public double guaranteedPerMinute() {
        return 60_000.0 * capacity / length.toMillis();
    }

    /** The most tokens any 60-second window can hold: never above the budget. */
    public int mostInAnyWindow() {
        return capacity * bucketsPerWindow((int) length.toSeconds());
    }

    /** The bucket that {@code instant} falls in, counted from the epoch. */
    public long bucketAt(Instant instant) {
        return Math.floorDiv(instant.toEpochMilli(), length.toMillis());
    }

    public Instant startOf(long bucket) {
        return Instant.ofEpochMilli(bucket * length.toMillis());
    }

    /** The end of each bucket in which no token is handed out: a quarter of the bucket, at least {@link #MIN_MARGIN}. */
    public Duration margin() {
        Duration quarter = length.dividedBy(4);
        return quarter.compareTo(MIN_MARGIN) < 0 ? MIN_MARGIN : quarter;
    }

    /** Whether a token of the bucket {@code instant} falls in may still be taken then (it is before the margin). */
    public boolean takesTokensAt(Instant instant) {
        return instant.isBefore(startOf(bucketAt(instant) + 1).minus(margin()));
    }
}
