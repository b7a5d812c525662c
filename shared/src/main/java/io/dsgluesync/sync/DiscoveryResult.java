package io.dsgluesync.sync;

import io.dsgluesync.audit.Coverage;
import io.dsgluesync.audit.StaleSummary;
import java.util.List;
import java.util.Map;

/**
 * What one discovery run found and enqueued.
 *
 * @param status       {@code RUNNING} when assets were enqueued, {@code HALTED} when nothing was
 * @param haltedReason why nothing was enqueued (Datasphere refused the client, Glue permissions are missing)
 * @param coverage     unreadable spaces and objects the catalog does not expose
 */
public record DiscoveryResult(String runId, int spaces, int assetsEnqueued, int priorityEnqueued,
                              boolean listingComplete,
                              Map<String, Integer> assetsPerSpace, List<String> listingErrors,
                              int datasphereRequests, long durationMs, String status, String haltedReason,
                              String operation, StaleSummary stale, Coverage coverage) {
    public static final String RUNNING = "RUNNING";
}
