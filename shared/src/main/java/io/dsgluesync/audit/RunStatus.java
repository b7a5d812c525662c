package io.dsgluesync.audit;

import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A run summary as stored: expected and processed counts, counters per action, final status if any. */
public record RunStatus(String runId, String status, Integer expectedAssets, Boolean listingComplete, int processed,
                        Map<String, Integer> counts, long durationTotalMs) {

    static RunStatus from(Map<String, AttributeValue> item) {
        Map<String, Integer> counts = new TreeMap<>();
        for (AuditAction action : AuditAction.values()) {
            AttributeValue v = item.get(action.counter());
            counts.put(action.counter(), v == null ? 0 : Integer.parseInt(v.n()));
        }
        return new RunStatus(text(item, "runId"), text(item, "status"),
                item.containsKey("expectedAssets") ? Integer.valueOf(item.get("expectedAssets").n()) : null,
                item.containsKey("listingComplete") ? item.get("listingComplete").bool() : null,
                item.containsKey("processed") ? Integer.parseInt(item.get("processed").n()) : 0,
                counts, item.containsKey("durationTotalMs") ? Long.parseLong(item.get("durationTotalMs").n()) : 0);
    }

    private static String text(Map<String, AttributeValue> item, String key) {
        return item.containsKey(key) ? item.get(key).s() : null;
    }

    /** Every expected asset has an audit record (only known once discovery's announcement has arrived). */
    public boolean allAccountedFor() {
        return expectedAssets != null && processed >= expectedAssets;
    }

    public String finalStatus() {
        if (Boolean.FALSE.equals(listingComplete)) {
            return "INCOMPLETE";
        }
        return counts.getOrDefault("failed", 0) + counts.getOrDefault("conflict", 0) > 0
                ? "COMPLETE_WITH_ERRORS" : "COMPLETE";
    }
}
