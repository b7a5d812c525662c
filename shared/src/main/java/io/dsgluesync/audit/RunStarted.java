package io.dsgluesync.audit;

import java.util.List;

/**
 * Discovery's announcement of a run on the results queue: how many assets to expect and whether the listing was
 * complete, so that the results function can tell when the run is done. A retried discovery announces the same run
 * again: {@code announcedAt} orders the announcements, so a late older one never overwrites a newer one.
 */
public record RunStarted(
        String type,
        int schemaVersion,
        String runId,
        String startedAt,
        int expectedAssets,
        boolean listingComplete,
        List<String> spaces,
        List<String> listingErrors,
        int datasphereRequests,
        String announcedAt,
        String operation,
        String haltedReason,
        String skippedReason,
        StaleSummary stale,
        Coverage coverage) {

    public static final String TYPE = "run";
    public static final String SYNC = "sync";
    public static final String PLAN = "plan";
    /** A pass over the priority assets only, started by a schedule tick while a sync is still active. */
    public static final String PRIORITY = "priority";

    public RunStarted {
        // Announcements from before coverage existed carry none.
        coverage = coverage == null ? Coverage.NONE : coverage;
    }

    /** Announcements from before these fields existed. */
    public RunStarted(String type, int schemaVersion, String runId, String startedAt, int expectedAssets,
                      boolean listingComplete, List<String> spaces, List<String> listingErrors, int datasphereRequests,
                      String announcedAt) {
        this(type, schemaVersion, runId, startedAt, expectedAssets, listingComplete, spaces, listingErrors,
                datasphereRequests, announcedAt, SYNC, null, null, null, Coverage.NONE);
    }

    /** A run stopped before anything was enqueued: nothing to expect, and why. */
    public static RunStarted halted(String runId, String startedAt, List<String> spaces, int datasphereRequests,
                                    String announcedAt, String operation, String reason) {
        return new RunStarted(TYPE, 1, runId, startedAt, 0, false, spaces, List.of(), datasphereRequests,
                announcedAt, operation, reason, null, null, Coverage.NONE);
    }

    /** A run not started because another one is still active. */
    public static RunStarted skipped(String runId, String startedAt, String announcedAt, String operation,
                                     String reason) {
        return new RunStarted(TYPE, 1, runId, startedAt, 0, true, List.of(), List.of(), 0, announcedAt, operation,
                null, reason, null, Coverage.NONE);
    }

    public boolean plan() {
        return PLAN.equals(operation);
    }
}
