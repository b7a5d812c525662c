package io.dsgluesync.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsgluesync.audit.AuditAction;
import io.dsgluesync.audit.AuditRecord;
import io.dsgluesync.audit.AuditStore;
import io.dsgluesync.audit.RunStarted;
import io.dsgluesync.audit.RunStatus;
import io.dsgluesync.model.JsonCodec;
import io.dsgluesync.model.MessageFormatException;

/** Applies one results-queue message (a run announcement or an asset's audit record) to the audit table. */
public class ResultsRecorder {
    private final AuditStore store;

    public ResultsRecorder(AuditStore store) {
        this.store = store;
    }

    /** The outcome of one message: the run's state afterwards, whether it was a duplicate, whether it finished it. */
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
                return new Outcome(type, run.runId(), status, false, finishIfDone(status), null);
            }
            if (AuditRecord.TYPE.equals(type)) {
                JsonCodec.requiredText(node, "space");
                JsonCodec.requiredText(node, "asset");
                JsonCodec.requiredText(node, "action");
                AuditRecord record = JsonCodec.mapper().treeToValue(node, AuditRecord.class);
                // Completion is evaluated on every delivery, duplicates included: the delivery that committed the
                // record may have died before it could mark the run finished.
                AuditStore.Recorded recorded = store.recordAsset(record);
                return new Outcome(type, record.runId(), recorded.status(), recorded.duplicate(),
                        finishIfDone(recorded.status()), record.action());
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MessageFormatException("body", "results message of type '" + type + "' is malformed: "
                    + e.getOriginalMessage(), e);
        }
        throw new MessageFormatException("type", "unknown results message type '" + type + "'");
    }

    private boolean finishIfDone(RunStatus status) {
        return status.allAccountedFor() && status.status() == null && store.markFinished(status);
    }
}
