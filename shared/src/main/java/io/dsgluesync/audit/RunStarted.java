package io.dsgluesync.audit;

import java.util.List;

/**
 * Discovery's announcement of a run on the results queue: how many assets to expect and whether the listing was
 * complete, so that the results function can tell when the run is done.
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
        int datasphereRequests) {

    public static final String TYPE = "run";
}
