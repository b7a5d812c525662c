package io.dsgluesync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Run ids: the scheduled time in UTC, then the start of the EventBridge event id. */
class RunIdsTest {
    private static final Instant SCHEDULED = Instant.parse("2025-03-01T02:00:00Z");
    private static final String EVENT_ID = "7bf73129-1428-4cd3-a780-95db273d1602";

    @Test
    void aRunIdIsTheScheduledTimeAndTheStartOfTheEventId() {
        assertEquals("20250301T020000Z-7bf73129", RunIds.of(SCHEDULED, EVENT_ID));
    }

    @Test
    void aRetriedEventContinuesTheSameRun() {
        assertEquals(RunIds.of(SCHEDULED, EVENT_ID), RunIds.of(SCHEDULED, EVENT_ID));
    }

    @Test
    void anotherEventAtTheSameTimeIsAnotherRun() {
        assertNotEquals(RunIds.of(SCHEDULED, EVENT_ID), RunIds.of(SCHEDULED, "0c1d2e3f-aaaa-bbbb-cccc-dddddddddddd"));
    }

    @Test
    void theTimeIsWrittenInUtcToTheSecond() {
        assertEquals("20250301T020000Z-7bf73129",
                RunIds.of(Instant.parse("2025-03-01T03:00:00.987+01:00"), EVENT_ID));
    }

    @Test
    void runIdsSortByTime() {
        List<String> ids = new ArrayList<>(List.of(
                RunIds.of(Instant.parse("2025-12-31T23:59:59Z"), "ffffffff"),
                RunIds.of(Instant.parse("2025-01-02T00:00:00Z"), "00000000"),
                RunIds.of(Instant.parse("2025-01-01T10:00:00Z"), "99999999")));

        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);

        assertEquals(List.of(ids.get(2), ids.get(1), ids.get(0)), sorted);
    }

    @Test
    void aManualRunWithoutEventIdIsMarkedManual() {
        assertEquals("20250301T020000Z-manual", RunIds.of(SCHEDULED, null));
    }

    @Test
    void anEventIdWithoutLettersOrDigitsIsMarkedManual() {
        assertEquals("20250301T020000Z-manual", RunIds.of(SCHEDULED, "--"));
    }

    @Test
    void punctuationOfTheEventIdIsDropped() {
        String runId = RunIds.of(SCHEDULED, "ab-cd/ef:gh.ij");

        assertEquals("20250301T020000Z-abcdefgh", runId);
        assertTrue(runId.matches("[0-9]{8}T[0-9]{6}Z-[A-Za-z0-9]{1,8}"), runId);
    }

    @Test
    void aShortEventIdIsKeptWhole() {
        assertEquals("20250301T020000Z-abc", RunIds.of(SCHEDULED, "abc"));
    }
}
