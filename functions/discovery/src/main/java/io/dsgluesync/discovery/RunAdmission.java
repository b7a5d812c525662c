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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One run at a time: a schedule tick while a sync or plan is still active starts a priority pass instead (when the
 * rules send assets to the priority queue and no other pass is active), or records a skipped run. A run is active
 * while it has no final status and started less than the active limit ago; an older unfinished run is taken for dead
 * (its messages lost or its results never recorded) and blocks nothing. A retried discovery (same run id,
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html) continues its own run. When the
 * audit table cannot be read, the run goes ahead: this check must not stop syncing on its own.
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

    /** A run with no final status yet, started within the active limit. */
    record ActiveRun(String runId, String operation, String since) {
        boolean priorityPass() {
            return RunStarted.PRIORITY.equals(operation);
        }

        String describe() {
            return (priorityPass() ? "priority pass " : "run ") + runId + " still active since " + since;
        }
    }

    /**
     * Why a run of {@code operation} must not start: another one of its kind still active, if there is one. Syncs
     * and plans block each other; a priority pass blocks only the next priority pass.
     */
    Optional<String> blockingRun(String runId, String operation) {
        boolean pass = RunStarted.PRIORITY.equals(operation);
        return activeRuns(runId).stream().filter(r -> r.priorityPass() == pass).findFirst().map(ActiveRun::describe);
    }

    private List<ActiveRun> activeRuns(String runId) {
        if (store.isEmpty()) {
            return List.of();
        }
        Instant oldestActive = clock.instant().minus(activeLimit);
        List<ActiveRun> active = new ArrayList<>();
        try {
            for (String other : store.get().runsSince(RunIds.since(oldestActive))) {
                if (other.equals(runId)) {
                    continue;
                }
                store.get().summaryItem(other).flatMap(summary -> activeRun(other, summary, oldestActive))
                        .ifPresent(active::add);
            }
        } catch (RuntimeException e) {
            LOG.warn("run index unreadable, the run starts without the one-at-a-time check", e);
        }
        return active;
    }

    /** Announces the skipped run, so that it is listed and reported like any other; enqueues nothing. */
    Map<String, Object> skip(String runId, String operation, String reason) {
        String now = clock.instant().toString();
        publisher.send(resultsQueueUrl, JsonCodec.write(RunStarted.skipped(runId, now, now, operation, reason)));
        LOG.warn("run skipped", entry("skippedReason", reason));
        return Map.of("runId", runId, "operation", operation, "status", RunStatus.SKIPPED, "skippedReason", reason,
                "assetsEnqueued", 0);
    }

    /** The run {@code runId} if it has no final status and started after {@code oldestActive}. */
    private static Optional<ActiveRun> activeRun(String runId, Map<String, AttributeValue> summary,
                                                 Instant oldestActive) {
        if (summary.containsKey("status") || summary.containsKey("skippedReason")
                || !summary.containsKey("startedAt")) {
            return Optional.empty();
        }
        String startedAt = summary.get("startedAt").s();
        String operation = summary.containsKey("operation") ? summary.get("operation").s() : RunStarted.SYNC;
        try {
            return Instant.parse(startedAt).isAfter(oldestActive)
                    ? Optional.of(new ActiveRun(runId, operation, startedAt)) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
