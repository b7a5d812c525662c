package io.dsgluesync.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsgluesync.audit.AuditAction;
import io.dsgluesync.audit.AuditRecord;
import io.dsgluesync.audit.AuditStore;
import io.dsgluesync.audit.RunStarted;
import io.dsgluesync.audit.RunStatus;
import io.dsgluesync.model.JsonCodec;
import io.dsgluesync.model.MessageFormatException;
import java.util.Optional;

/** Applies one results-queue message (a run announcement or an asset's audit record) to the audit table. */
public class ResultsRecorder {
    private final AuditStore store;

    public ResultsRecorder(AuditStore store) {
        this.store = store;
    }

    /**
     * The outcome of one message: the run's state afterwards (with its final status when this message finished it),
     * whether it was a duplicate, whether it finished the run.
     */
    public record Outcome(String type, String runId, RunStatus status, boolean duplicate, boolean finishedRun,
                          AuditAction action) {
    }

    public Outcome apply(String body) {
        ObjectNode node = JsonCodec.readObject(body);
        String type = JsonCodec.requiredText(node, "type");
        JsonCodec.requiredText(node, "runId");
        try {
            if (RunStarted.TYPE.equals(type)) {
                RunStarted run = JsonCodec.mapper().treeToValue(node, RunStarted.class);
                RunStatus status = store.recordRun(run);
                Optional<RunStatus> finished = finishIfDone(status);
                return new Outcome(type, run.runId(), finished.orElse(status), false, finished.isPresent(), null);
            }
            if (AuditRecord.TYPE.equals(type)) {
                JsonCodec.requiredText(node, "space");
                JsonCodec.requiredText(node, "asset");
                JsonCodec.requiredText(node, "action");
                AuditRecord record = JsonCodec.mapper().treeToValue(node, AuditRecord.class);
                // Completion is evaluated on every delivery, duplicates included: the delivery that committed the
                // record may have died before it could mark the run finished.
                AuditStore.Recorded recorded = store.recordAsset(record);
                Optional<RunStatus> finished = finishIfDone(recorded.status());
                return new Outcome(type, record.runId(), finished.orElse(recorded.status()), recorded.duplicate(),
                        finished.isPresent(), record.action());
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MessageFormatException("body", "results message of type '" + type + "' is malformed: "
                    + e.getOriginalMessage(), e);
        }
        throw new MessageFormatException("type", "unknown results message type '" + type + "'");
    }

    /** The run's final state when this message finished it. */
    private Optional<RunStatus> finishIfDone(RunStatus status) {
        return status.allAccountedFor() && status.status() == null ? store.markFinished(status) : Optional.empty();
    }
}
