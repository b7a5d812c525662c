package io.dsgluesync.sync;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Run ids sort by time and are stable for one scheduled event: EventBridge retries an asynchronous invocation with
 * the same event id, so a retried discovery continues the same run instead of starting a second one.
 */
public final class RunIds {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private RunIds() {
    }

    /** The lowest id of a run scheduled at or after {@code time}: a bound for a key condition on the run index. */
    public static String since(Instant time) {
        return FORMAT.format(time);
    }

    public static String of(Instant scheduledTime, String eventId) {
        String suffix = eventId == null ? "manual" : eventId.replaceAll("[^A-Za-z0-9]", "");
        suffix = suffix.length() > 8 ? suffix.substring(0, 8) : suffix;
        return FORMAT.format(scheduledTime) + "-" + (suffix.isEmpty() ? "manual" : suffix);
    }
}
