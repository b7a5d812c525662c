package io.dsgluesync.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Reads and writes {@link AssetMessage}s, checking every field so that a bad message names what is wrong. */
public final class AssetMessages {
    private AssetMessages() {
    }

    public static String toJson(AssetMessage message) {
        return JsonCodec.write(message);
    }

    /** Parses a queue body; the asset's identity, when readable, is kept in the exception's message. */
    public static AssetMessage fromJson(String body) {
        ObjectNode node = JsonCodec.readObject(body);
        int version = JsonCodec.requiredInt(node, "schemaVersion");
        if (version != AssetMessage.SCHEMA_VERSION) {
            throw new MessageFormatException("schemaVersion",
                    "unsupported schemaVersion " + version + " (this worker reads " + AssetMessage.SCHEMA_VERSION + ")");
        }
        String runId = JsonCodec.requiredText(node, "runId");
        String space = JsonCodec.requiredText(node, "space");
        String asset = JsonCodec.requiredText(node, "asset");
        String kindText = JsonCodec.requiredText(node, "kind");
        AssetKind kind;
        try {
            kind = AssetKind.valueOf(kindText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MessageFormatException("kind", "asset " + space + "/" + asset + ": unknown kind '" + kindText + "'");
        }
        String relational = url(node, "relationalMetadataUrl", space, asset);
        String analytical = url(node, "analyticalMetadataUrl", space, asset);
        boolean designTimeOnly = kind == AssetKind.LOCAL_TABLE || kind == AssetKind.REMOTE_TABLE
                || kind == AssetKind.REPLICATED_OBJECT || node.path("designTimeOnly").asBoolean(false);
        S3Replica replica = replica(node, space, asset);
        java.util.Map<String, String> retire = retire(node, space, asset);
        if (kind == AssetKind.REPLICATED_OBJECT && replica == null && retire == null) {
            throw new MessageFormatException("replica", "asset " + space + "/" + asset
                    + ": a replicated object needs the field 'replica'");
        }
        if (relational == null && analytical == null && !designTimeOnly && retire == null) {
            throw new MessageFormatException("relationalMetadataUrl",
                    "asset " + space + "/" + asset + ": neither relationalMetadataUrl nor analyticalMetadataUrl is set");
        }
        int priority = node.hasNonNull("priority") ? JsonCodec.requiredInt(node, "priority") : 0;
        return new AssetMessage(version, runId, space, JsonCodec.optionalText(node, "spaceLabel"), asset,
                JsonCodec.optionalText(node, "label"), kind, relational, analytical,
                node.path("hasParameters").asBoolean(false), priority, designTimeOnly, glue(node, space, asset),
                replica, node.path("plan").asBoolean(false), retire);
    }

    /** A removed asset's targets and policies ({@code DEPRECATE}, {@code LOG}, {@code DELETE}). */
    private static java.util.Map<String, String> retire(ObjectNode node, String space, String asset) {
        if (!node.hasNonNull("retire")) {
            return null;
        }
        java.util.Map<String, String> policies = new java.util.LinkedHashMap<>();
        if (!node.get("retire").isObject()) {
            throw new MessageFormatException("retire", "asset " + space + "/" + asset
                    + ": field 'retire' is not a map of target name to policy");
        }
        node.get("retire").fields().forEachRemaining(e -> {
            String policy = e.getValue().asText("");
            if (!policy.equals("DEPRECATE") && !policy.equals("DELETE") && !policy.equals("LOG")) {
                throw new MessageFormatException("retire." + e.getKey(), "asset " + space + "/" + asset
                        + ": unknown removed-asset policy '" + policy + "' (DEPRECATE, LOG or DELETE)");
            }
            policies.put(e.getKey(), policy);
        });
        return policies.isEmpty() ? null : policies;
    }

    private static S3Replica replica(ObjectNode node, String space, String asset) {
        if (!node.hasNonNull("replica")) {
            return null;
        }
        S3Replica replica;
        try {
            replica = JsonCodec.mapper().convertValue(node.get("replica"), S3Replica.class);
        } catch (IllegalArgumentException e) {
            throw new MessageFormatException("replica", "asset " + space + "/" + asset + ": field 'replica' is not a"
                    + " replication target: " + e.getMessage());
        }
        for (String[] field : new String[][] {{"flow", replica.flow()}, {"task", replica.task()},
                {"targetObject", replica.targetObject()}, {"fileType", replica.fileType()}}) {
            if (field[1] == null || field[1].isBlank()) {
                throw new MessageFormatException("replica." + field[0], "asset " + space + "/" + asset
                        + ": field 'replica." + field[0] + "' is missing");
            }
        }
        return replica;
    }

    private static java.util.Map<String, TableState> glue(ObjectNode node, String space, String asset) {
        if (!node.hasNonNull("glue")) {
            return null;
        }
        try {
            return JsonCodec.mapper().convertValue(node.get("glue"),
                    new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, TableState>>() { });
        } catch (IllegalArgumentException e) {
            throw new MessageFormatException("glue", "asset " + space + "/" + asset + ": field 'glue' is not a map of"
                    + " target name to table state");
        }
    }

    private static String url(ObjectNode node, String field, String space, String asset) {
        String text = JsonCodec.optionalText(node, field);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw new URISyntaxException(text, "not an absolute http(s) URL");
            }
            return text;
        } catch (URISyntaxException e) {
            throw new MessageFormatException(field, "asset " + space + "/" + asset + ": field '" + field
                    + "' is not an absolute URL: " + e.getReason());
        }
    }
}
