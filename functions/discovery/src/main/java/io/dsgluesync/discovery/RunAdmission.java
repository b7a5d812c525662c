package io.dsgluesync.discovery;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import io.dsgluesync.audit.AuditStore;
import io.dsgluesync.audit.RunStarted;
import io.dsgluesync.audit.RunStatus;
import io.dsgluesync.model.JsonCodec;
import io.dsgluesync.queue.QueuePublisher;
import io.dsgluesync.sync.RunIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One run at a time: a schedule tick while a run is still active records a skipped run instead of starting a second
 * one. A run is active while it has no final status and started less than the active limit ago; an older unfinished
 * run is taken for dead (its messages lost or its results never recorded) and blocks nothing. A retried discovery
 * (same run id, https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html) continues its
 * own run. When the audit table cannot be read, the run goes ahead: this check must not stop syncing on its own.
 */
final class RunAdmission {
    private static final Logger LOG = LoggerFactory.getLogger(RunAdmission.class);
    private final Optional<AuditStore> store;
    private final QueuePublisher publisher;
    private final String resultsQueueUrl;
    private final Duration activeLimit;
    private final Clock clock;

    RunAdmission(Optional<AuditStore> store, QueuePublisher publisher, String resultsQueueUrl, Duration activeLimit,
                 Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.resultsQueueUrl = resultsQueueUrl;
        this.activeLimit = activeLimit;
        this.clock = clock;
    }

    /** Why {@code runId} must not start: another run still active, if there is one. */
    Optional<String> blockingRun(String runId) {
        if (store.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant oldestActive = now.minus(activeLimit);
        try {
            for (String other : store.get().runsSince(RunIds.since(oldestActive))) {
                if (other.equals(runId)) {
                    continue;
                }
                Optional<String> active = store.get().summaryItem(other)
                        .flatMap(summary -> activeSince(summary, oldestActive));
                if (active.isPresent()) {
                    return Optional.of("run " + other + " still active since " + active.get());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("run index unreadable, the run starts without the one-at-a-time check", e);
        }
        return Optional.empty();
    }

    /** Announces the skipped run, so that it is listed and reported like any other; enqueues nothing. */
    Map<String, Object> skip(String runId, String operation, String reason) {
        String now = clock.instant().toString();
        publisher.send(resultsQueueUrl, JsonCodec.write(RunStarted.skipped(runId, now, now, operation, reason)));
        LOG.warn("run skipped", entry("skippedReason", reason));
        return Map.of("runId", runId, "operation", operation, "status", RunStatus.SKIPPED, "skippedReason", reason,
                "assetsEnqueued", 0);
    }

    /** The start of a run that has no final status and started after {@code oldestActive}. */
    private static Optional<String> activeSince(Map<String, AttributeValue> summary, Instant oldestActive) {
        if (summary.containsKey("status") || summary.containsKey("skippedReason")
                || !summary.containsKey("startedAt")) {
            return Optional.empty();
        }
        String startedAt = summary.get("startedAt").s();
        try {
            return Instant.parse(startedAt).isAfter(oldestActive) ? Optional.of(startedAt) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
