package io.dsgluesync.sync;

import java.util.List;
import java.util.Map;

/**
 * What one discovery run found and enqueued.
 *
 * @param status       {@code RUNNING} when assets were enqueued, {@code HALTED} when nothing was
 * @param haltedReason why nothing was enqueued (Datasphere refused the client, Glue permissions are missing)
 */
public record DiscoveryResult(String runId, int spaces, int assetsEnqueued, int priorityEnqueued,
                              boolean listingComplete,
                              Map<String, Integer> assetsPerSpace, List<String> listingErrors,
                              int datasphereRequests, long durationMs, String status, String haltedReason,
                              String operation, io.dsgluesync.audit.StaleSummary stale) {
    public static final String RUNNING = "RUNNING";
}
