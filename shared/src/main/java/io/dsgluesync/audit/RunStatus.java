package io.dsgluesync.audit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A run summary as stored: expected and processed counts, counters per action, final status if any, and what
 * discovery announced about it: its operation, why it was halted or skipped, what it found about removed assets.
 */
public record RunStatus(String runId, String status, Integer expectedAssets, Boolean listingComplete, int processed,
                        Map<String, Integer> counts, long durationTotalMs, String operation, String haltedReason,
                        String skippedReason, StaleSummary stale) {
    public static final String HALTED = "HALTED";
    public static final String SKIPPED = "SKIPPED";

    public RunStatus {
        counts = Map.copyOf(counts);
    }

    static RunStatus from(Map<String, AttributeValue> item) {
        Map<String, Integer> counts = new TreeMap<>();
        for (AuditAction action : AuditAction.values()) {
            AttributeValue v = item.get(action.counter());
            counts.put(action.counter(), v == null || v.n() == null ? 0 : Integer.parseInt(v.n()));
        }
        return new RunStatus(text(item, "runId"), text(item, "status"),
                item.containsKey("expectedAssets") ? Integer.valueOf(item.get("expectedAssets").n()) : null,
                item.containsKey("listingComplete") ? item.get("listingComplete").bool() : null,
                item.containsKey("processed") ? Integer.parseInt(item.get("processed").n()) : 0,
                counts, item.containsKey("durationTotalMs") ? Long.parseLong(item.get("durationTotalMs").n()) : 0,
                text(item, "operation"), text(item, "haltedReason"), text(item, "skippedReason"),
                item.containsKey("removedAssets") && item.get("removedAssets").hasM() ? stale(item.get("removedAssets").m()) : null);
    }

    /** The same status with the run halted for {@code reason}. */
    public RunStatus halted(String reason) {
        return new RunStatus(runId, status, expectedAssets, listingComplete, processed, counts, durationTotalMs,
                operation, reason, skippedReason, stale);
    }

    static StaleSummary stale(Map<String, AttributeValue> m) {
        return new StaleSummary(bool(m, "evaluated"), number(m, "managedTables"), number(m, "staleTables"),
                bool(m, "failSafeTripped"), texts(m, "reasons"), texts(m, "databases"));
    }

    private static boolean bool(Map<String, AttributeValue> m, String key) {
        return m.containsKey(key) && Boolean.TRUE.equals(m.get(key).bool());
    }

    private static int number(Map<String, AttributeValue> m, String key) {
        return m.containsKey(key) && m.get(key).n() != null ? Integer.parseInt(m.get(key).n()) : 0;
    }

    private static List<String> texts(Map<String, AttributeValue> m, String key) {
        return m.containsKey(key) && m.get(key).hasL() ? m.get(key).l().stream().map(AttributeValue::s).toList()
                : List.of();
    }

    private static String text(Map<String, AttributeValue> item, String key) {
        return item.containsKey(key) ? item.get(key).s() : null;
    }

    /** Every expected asset has an audit record (only known once discovery's announcement has arrived). */
    public boolean allAccountedFor() {
        return expectedAssets != null && processed >= expectedAssets;
    }

    /** A skipped run started nothing; a halted one stopped early; otherwise what the assets' outcomes say. */
    public String finalStatus() {
        if (skippedReason != null) {
            return SKIPPED;
        }
        if (haltedReason != null) {
            return HALTED;
        }
        if (Boolean.FALSE.equals(listingComplete)) {
            return "INCOMPLETE";
        }
        return counts.getOrDefault("failed", 0) + counts.getOrDefault("conflict", 0) > 0
                ? "COMPLETE_WITH_ERRORS" : "COMPLETE";
    }
}
