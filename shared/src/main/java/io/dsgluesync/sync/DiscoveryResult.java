package io.dsgluesync.sync;

import java.util.List;
import java.util.Map;

/** What one discovery run found and enqueued. */
public record DiscoveryResult(String runId, int spaces, int assetsEnqueued, int priorityEnqueued,
                              boolean listingComplete,
                              Map<String, Integer> assetsPerSpace, List<String> listingErrors,
                              int datasphereRequests, long durationMs, String operation,
                              io.dsgluesync.audit.StaleSummary stale) {
}
