package io.dsgluesync.audit;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** AuditRecord → DynamoDB item. */
final class AuditItems {
    private AuditItems() {
    }

    static Map<String, AttributeValue> assetItem(AuditRecord r, long expiresAtEpochSeconds) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AuditStore.s(AuditStore.runKey(r.runId())));
        item.put("sk", AuditStore.s("ASSET#" + r.space() + "/" + r.asset()));
        item.put("runId", AuditStore.s(r.runId()));
        item.put("space", AuditStore.s(r.space()));
        item.put("asset", AuditStore.s(r.asset()));
        item.put("action", AuditStore.s(r.action().name()));
        item.put("columnCount", AuditStore.n(r.columnCount()));
        item.put("durationMs", AuditStore.n(r.durationMs()));
        item.put("expiresAt", AuditStore.n(expiresAtEpochSeconds));
        putText(item, "kind", r.kind());
        putText(item, "database", r.database());
        putText(item, "table", r.table());
        putText(item, "fingerprintBefore", r.fingerprintBefore());
        putText(item, "fingerprintAfter", r.fingerprintAfter());
        putText(item, "errorClass", r.errorClass());
        putText(item, "errorField", r.errorField());
        putText(item, "error", r.error());
        putText(item, "note", r.note());
        putText(item, "targetAccount", r.targetAccount());
        putText(item, "finishedAt", r.finishedAt());
        putText(item, "errorKind", r.errorKind());
        if (r.changedFields() != null && !r.changedFields().isEmpty()) {
            item.put("changedFields", AttributeValue.fromL(r.changedFields().stream().map(AuditStore::s).toList()));
        }
        if (r.warnings() != null && !r.warnings().isEmpty()) {
            item.put("warnings", AttributeValue.fromL(r.warnings().stream().map(AuditStore::s).toList()));
        }
        if (r.targetActions() != null && !r.targetActions().isEmpty()) {
            Map<String, AttributeValue> actions = new HashMap<>();
            r.targetActions().forEach((k, v) -> actions.put(k, AuditStore.s(v)));
            item.put("targetActions", AttributeValue.fromM(actions));
        }
        if (r.diff() != null && !r.diff().isEmpty()) {
            Map<String, AttributeValue> diff = new HashMap<>();
            r.diff().forEach((k, v) -> diff.put(k, AttributeValue.fromL(v.stream().map(AuditStore::s).toList())));
            item.put("diff", AttributeValue.fromM(diff));
        }
        if (r.drift() != null && !r.drift().isEmpty()) {
            item.put("drift", AttributeValue.fromL(r.drift().stream().map(AuditStore::s).toList()));
        }
        if (r.calls() != null && !r.calls().isEmpty()) {
            Map<String, AttributeValue> calls = new HashMap<>();
            r.calls().forEach((k, v) -> calls.put(k, AuditStore.n(v)));
            item.put("calls", AttributeValue.fromM(calls));
        }
        return item;
    }

    private static void putText(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, AuditStore.s(value));
        }
    }
}
