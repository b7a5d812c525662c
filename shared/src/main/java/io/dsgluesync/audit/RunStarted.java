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
        String announcedAt) {

    public static final String TYPE = "run";
}
