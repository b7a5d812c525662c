package io.dsgluesync.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The arithmetic of the shared budget's time buckets: no 60-second window above the budget, whatever it is. */
class BudgetBucketsTest {

    @Test
    void theTemplateDefaultOf240AMinuteIsFourSecondBucketsOfFifteen() {
        BudgetBuckets buckets = BudgetBuckets.forBudget(240).orElseThrow();
        assertEquals(Duration.ofSeconds(4), buckets.length());
        assertEquals(15, buckets.capacity());
        assertEquals(225.0, buckets.guaranteedPerMinute(), 1e-9); // 93.75 %
        assertEquals(240, buckets.mostInAnyWindow());
    }

    @Test
    void aWindowTouchesOneBucketMoreWhenTheLengthDoesNotDivideSixty() {
        assertEquals(16, BudgetBuckets.bucketsPerWindow(4));
        assertEquals(13, BudgetBuckets.bucketsPerWindow(5));
        // 60 / 7 + 1 = 9.6 would allow 25 a bucket at 240 a minute: 10 buckets of 25 fit in one window.
        assertEquals(10, BudgetBuckets.bucketsPerWindow(7));
    }

    @Test
    void budgetsTooSmallForTenSecondBucketsAreNotShared() {
        assertTrue(BudgetBuckets.forBudget(6).isEmpty());
        assertTrue(BudgetBuckets.forBudget(0).isEmpty());
        BudgetBuckets seven = BudgetBuckets.forBudget(7).orElseThrow();
        assertEquals(Duration.ofSeconds(10), seven.length());
        assertEquals(1, seven.capacity());
    }

    @Test
    void noBudgetPutsMoreThanItselfIntoAnySixtySecondWindow() {
        for (int budget = 7; budget <= 3000; budget++) {
            BudgetBuckets buckets = BudgetBuckets.forBudget(budget).orElseThrow();
            assertTrue(buckets.mostInAnyWindow() <= budget, () -> buckets.toString());
            assertTrue(buckets.guaranteedPerMinute() <= budget, () -> buckets.toString());
        }
    }

    @Test
    void everyWindowPositionCountsAtMostTheBudgetWhenEachBucketIsFullAtItsEdges() {
        for (int budget : new int[] {7, 30, 60, 100, 120, 240, 300, 1000}) {
            BudgetBuckets buckets = BudgetBuckets.forBudget(budget).orElseThrow();
            long length = buckets.length().toMillis();
            long usable = length - buckets.margin().toMillis();
            for (long start = 0; start < 2 * length; start++) {
                long end = start + 60_000; // [start, end)
                int touched = 0;
                for (long b = -1; b * length < end; b++) {
                    long first = b * length;
                    long last = first + usable - 1; // the last millisecond a token of bucket b can be taken
                    if (last >= start && first < end) {
                        touched++;
                    }
                }
                int inWindow = touched * buckets.capacity();
                int budgetFinal = budget;
                long startFinal = start;
                assertTrue(inWindow <= budget, () -> budgetFinal + "/min, window at " + startFinal + " ms: "
                        + inWindow);
            }
        }
    }

    @Test
    void theGuaranteedShareIsAtLeastNinetyPercentForTypicalBudgets() {
        for (int budget : new int[] {100, 120, 240, 300, 600}) {
            BudgetBuckets buckets = BudgetBuckets.forBudget(budget).orElseThrow();
            assertTrue(buckets.guaranteedPerMinute() >= 0.9 * budget, buckets::toString);
        }
    }

    @Test
    void noTokenIsTakenInTheLastQuarterOfABucket() {
        BudgetBuckets buckets = BudgetBuckets.forBudget(240).orElseThrow();
        Instant start = buckets.startOf(buckets.bucketAt(Instant.parse("2026-12-02T10:36:05.300Z")));
        assertEquals(Instant.parse("2026-12-02T10:36:04Z"), start);
        assertTrue(buckets.takesTokensAt(start));
        assertEquals(java.time.Duration.ofSeconds(1), buckets.margin());
        assertTrue(buckets.takesTokensAt(start.plusMillis(2999)));
        assertFalse(buckets.takesTokensAt(start.plusMillis(3000)));
        assertFalse(buckets.takesTokensAt(start.plusMillis(3999)));
    }
}
