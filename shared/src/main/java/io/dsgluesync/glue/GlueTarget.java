package io.dsgluesync.glue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.model.JsonCodec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One Data Catalog the sync writes to: this account's (no role) or another account's, reached by assuming
 * {@code roleArn} with an External ID (https://docs.aws.amazon.com/glue/latest/dg/cross-account-access.html). The
 * catalog id is set on every request.
 */
public record GlueTarget(String name, String roleArn, String externalId, String sessionName, int durationSeconds,
                         String catalogId, String region, CatalogWriter.StalePolicy stalePolicy) {

    public static final String DEFAULT_NAME = "default";

    public GlueTarget {
        stalePolicy = stalePolicy == null ? CatalogWriter.StalePolicy.DEPRECATE : stalePolicy;
    }

    public GlueTarget(String name, String roleArn, String externalId, String sessionName, int durationSeconds,
                      String catalogId, String region) {
        this(name, roleArn, externalId, sessionName, durationSeconds, catalogId, region, null);
    }

    /**
     * {@code GLUE_TARGETS}, a JSON list of {@code {"name", "roleArn", "externalId", "sessionName",
     * "durationSeconds", "catalogId", "region", "stalePolicy"}}; without it, one target: the execution role and
     * {@code GLUE_CATALOG_ID}. {@code stalePolicy} (what a table whose asset was removed gets: DEPRECATE, LOG or
     * DELETE) defaults to {@code STALE_TABLE_POLICY}, itself DEPRECATE by default.
     */
    public static List<GlueTarget> fromEnvironment(Map<String, String> env) {
        String json = env.get("GLUE_TARGETS");
        if (json == null || json.isBlank()) {
            return List.of(new GlueTarget(DEFAULT_NAME, null, null, null, 3600, blankToNull(env.get("GLUE_CATALOG_ID")),
                    null, stalePolicy("STALE_TABLE_POLICY", env.getOrDefault("STALE_TABLE_POLICY", ""), null)));
        }
        JsonNode list;
        try {
            list = JsonCodec.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("GLUE_TARGETS is not valid JSON: " + e.getMessage());
        }
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("GLUE_TARGETS must be a non-empty JSON list of targets");
        }
        CatalogWriter.StalePolicy fallback = stalePolicy("STALE_TABLE_POLICY",
                env.getOrDefault("STALE_TABLE_POLICY", ""), null);
        List<GlueTarget> targets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode t = list.get(i);
            String at = "GLUE_TARGETS[" + i + "]";
            String name = t.path("name").asText("");
            if (name.isBlank() || !names.add(name)) {
                throw new IllegalArgumentException(at + ".name must be a non-empty, unique name");
            }
            String role = blankToNull(t.path("roleArn").asText(null));
            if (role != null && !role.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
                throw new IllegalArgumentException(at + ".roleArn is not an IAM role ARN: " + role);
            }
            int duration = t.path("durationSeconds").asInt(3600);
            if (duration < 900 || duration > 43200) {
                throw new IllegalArgumentException(at + ".durationSeconds must be 900..43200 (STS limits)");
            }
            String session = t.path("sessionName").asText("datasphere-glue-sync");
            if (!session.matches("[\\w+=,.@-]{2,64}")) {
                throw new IllegalArgumentException(at + ".sessionName must be 2-64 characters of [\\w+=,.@-]");
            }
            String catalogId = blankToNull(t.path("catalogId").asText(null));
            if (catalogId == null && role != null) {
                catalogId = role.split(":")[4]; // the role's account owns the catalog
            }
            targets.add(new GlueTarget(name, role, blankToNull(t.path("externalId").asText(null)), session, duration,
                    catalogId, blankToNull(t.path("region").asText(null)),
                    stalePolicy(at + ".stalePolicy", t.path("stalePolicy").asText(""), fallback)));
        }
        return List.copyOf(targets);
    }

    private static CatalogWriter.StalePolicy stalePolicy(String setting, String value,
                                                         CatalogWriter.StalePolicy fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return CatalogWriter.StalePolicy.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " must be DEPRECATE, LOG or DELETE, not " + value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
