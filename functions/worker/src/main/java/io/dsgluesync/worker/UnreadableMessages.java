package io.dsgluesync.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.audit.AuditAction;
import io.dsgluesync.audit.AuditRecord;
import io.dsgluesync.model.JsonCodec;
import io.dsgluesync.model.MessageFormatException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A failed audit record for a message the worker cannot read, with whatever identity the body still shows. */
final class UnreadableMessages {
    private UnreadableMessages() {
    }

    static AuditRecord auditRecord(String body, MessageFormatException error) {
        JsonNode node;
        try {
            node = JsonCodec.mapper().readTree(body == null ? "" : body);
        } catch (Exception e) {
            node = null;
        }
        String runId = text(node, "runId", "unknown-run");
        String space = text(node, "space", "unknown-space");
        String asset = text(node, "asset", "unknown-asset");
        return new AuditRecord(AuditRecord.TYPE, AuditRecord.SCHEMA_VERSION, runId, space, asset,
                text(node, "kind", null), null, null, AuditAction.FAILED, 0, null, null, List.of(),
                MessageFormatException.class.getSimpleName(), error.field(),
                error.getMessage().startsWith("asset ") ? error.getMessage()
                        : "asset " + space + "/" + asset + ": " + error.getMessage(), null, List.of(), Map.of(), null, Map.of(), 0,
                Instant.now().toString(), null);
    }

    private static String text(JsonNode node, String field, String fallback) {
        if (node == null || !node.hasNonNull(field) || !node.get(field).isTextual()) {
            return fallback;
        }
        return node.get(field).asText();
    }
}
