package io.dsgluesync.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.governance.LfTagLimits;
import io.dsgluesync.governance.LfTagRule;
import io.dsgluesync.mapping.GlueNames;
import io.dsgluesync.mapping.HiveTypeSyntax;
import io.dsgluesync.mapping.TableLocation;
import io.dsgluesync.model.AssetKind;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reads and validates a rules file; every error names the source and the JSON path. Pure. */
public final class SyncRulesParser {
    public static final int SUPPORTED_VERSION = 1;
    private static final Set<String> TOP = Set.of("version", "businessContext", "priorities",
            "priorityQueueThreshold", "columns", "replication", "description", "lakeFormationTags");
    private static final Set<String> MATCH = Set.of("space", "asset", "kind", "certification");
    private static final Set<String> CONTEXT = Set.of("match", "steward", "owner", "certification", "tags",
            "properties");
    private static final Set<String> PRIORITY = Set.of("match", "priority");
    private static final Set<String> COLUMNS = Set.of("match", "rename", "types", "exclude", "partitionKeys");
    private static final Set<String> REPLICATION = Set.of("targets");
    private static final Set<String> REPLICATION_TARGET = Set.of("connection", "bucket");
    private static final Set<String> LF_TAG = Set.of("key", "from", "on", "property", "values", "value");

    private SyncRulesParser() {
    }

    public static SyncRules parse(String source, String json) {
        JsonNode root;
        try {
            root = JsonCodec.mapper().readTree(json);
        } catch (IOException e) {
            throw new RulesException(source + ": not valid JSON: " + e.getMessage());
        }
        Ctx ctx = new Ctx(source);
        if (root == null || !root.isObject()) {
            throw ctx.error("$", "must be a JSON object");
        }
        ctx.keys(root, "$", TOP);
        if (!root.path("version").isInt() || root.get("version").asInt() != SUPPORTED_VERSION) {
            throw ctx.error("$.version", "must be " + SUPPORTED_VERSION + " (this build reads version "
                    + SUPPORTED_VERSION + ")");
        }
        List<SyncRules.Rule<BusinessContext>> context = new ArrayList<>();
        List<SyncRules.Rule<Integer>> priorities = new ArrayList<>();
        List<SyncRules.Rule<ColumnRules>> columns = new ArrayList<>();
        ctx.each(root, "businessContext", (node, path) -> context.add(new SyncRules.Rule<>(
                match(ctx, node, path, CONTEXT, false), businessContext(ctx, node, path))));
        ctx.each(root, "priorities", (node, path) -> {
            if (!node.path("priority").isInt()) {
                throw ctx.error(path + ".priority", "must be an integer");
            }
            priorities.add(new SyncRules.Rule<>(match(ctx, node, path, PRIORITY, true), node.get("priority").asInt()));
        });
        ctx.each(root, "columns", (node, path) -> columns.add(new SyncRules.Rule<>(
                match(ctx, node, path, COLUMNS, false), columnRules(ctx, node, path))));
        int threshold = Integer.MAX_VALUE;
        if (root.has("priorityQueueThreshold")) {
            if (!root.get("priorityQueueThreshold").isInt()) {
                throw ctx.error("$.priorityQueueThreshold", "must be an integer");
            }
            threshold = root.get("priorityQueueThreshold").asInt();
        }
        return new SyncRules(SUPPORTED_VERSION, List.copyOf(context),
                root.has("priorities") ? List.copyOf(priorities) : SyncRules.DEFAULT_PRIORITIES, threshold,
                List.copyOf(columns), replication(ctx, root), lakeFormationTags(ctx, root));
    }

    /**
     * {@code lakeFormationTags}: {@code {"key", "from", "on", "property", "values", "value"}}, checked against Lake
     * Formation's rules for keys and values ({@link LfTagLimits}): one rule per key and level (a resource holds one
     * value per key), at most 50 rules per level (a resource holds at most 50 LF-Tags).
     */
    private static List<LfTagRule> lakeFormationTags(Ctx ctx, JsonNode root) {
        List<LfTagRule> rules = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        Map<LfTagRule.Level, Integer> perLevel = new java.util.EnumMap<>(LfTagRule.Level.class);
        ctx.each(root, "lakeFormationTags", (node, path) -> {
            ctx.keys(node, path, LF_TAG);
            String key = ctx.text(node, path + ".key", "key");
            LfTagLimits.problem(key, LfTagLimits.MAX_KEY).ifPresent(problem -> {
                throw ctx.error(path + ".key", problem);
            });
            String from = ctx.text(node, path + ".from", "from");
            LfTagRule.Source source = LfTagRule.Source.of(from).orElseThrow(() -> ctx.error(path + ".from",
                    "must be one of " + java.util.Arrays.stream(LfTagRule.Source.values()).map(LfTagRule.Source::json)
                            .toList() + ", not '" + from + "'"));
            LfTagRule.Level level = source.defaultLevel();
            if (node.has("on")) {
                String on = ctx.text(node, path + ".on", "on");
                try {
                    level = LfTagRule.Level.valueOf(on.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw ctx.error(path + ".on", "must be database, table or column, not '" + on + "'");
                }
            }
            if (!source.levels().contains(level)) {
                throw ctx.error(path + ".on", "'" + from + "' gives no value for a " + level.name()
                        .toLowerCase(Locale.ROOT) + " (it can tag: " + source.levels().stream()
                        .map(l -> l.name().toLowerCase(Locale.ROOT)).toList() + ")");
            }
            String property = null;
            if (source == LfTagRule.Source.PROPERTY) {
                property = ctx.text(node, path + ".property", "property");
            } else if (node.has("property")) {
                throw ctx.error(path + ".property", "applies only to \"from\": \"property\"");
            }
            Map<String, String> values = new LinkedHashMap<>();
            if (source == LfTagRule.Source.TAG) {
                JsonNode object = node.get("values");
                if (object == null || !object.isObject() || object.isEmpty()) {
                    throw ctx.error(path + ".values",
                            "must map the rules' tags to LF-Tag values, e.g. {\"gold\": \"gold\"}");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String at = path + ".values." + e.getKey();
                    if (!e.getValue().isTextual()) {
                        throw ctx.error(at, "must be a string");
                    }
                    LfTagLimits.problem(e.getValue().asText(), LfTagLimits.MAX_VALUE).ifPresent(problem -> {
                        throw ctx.error(at, problem);
                    });
                    values.put(e.getKey(), e.getValue().asText());
                }
            } else if (node.has("values")) {
                throw ctx.error(path + ".values", "applies only to \"from\": \"tag\"");
            }
            String value = null;
            if (source == LfTagRule.Source.VALUE) {
                value = ctx.text(node, path + ".value", "value");
                String constant = value;
                LfTagLimits.problem(constant, LfTagLimits.MAX_VALUE).ifPresent(problem -> {
                    throw ctx.error(path + ".value", problem);
                });
            } else if (node.has("value")) {
                throw ctx.error(path + ".value", "applies only to \"from\": \"value\"");
            }
            String other = seen.put(key + "@" + level, path);
            if (other != null) {
                throw ctx.error(path + ".key", "'" + key + "' is already given to each " + level.name()
                        .toLowerCase(Locale.ROOT) + " by " + other + " (a resource holds one value per key)");
            }
            if (perLevel.merge(level, 1, Integer::sum) > LfTagLimits.MAX_TAGS_PER_RESOURCE) {
                throw ctx.error(path, "is one LF-Tag too many for a " + level.name().toLowerCase(Locale.ROOT)
                        + " (Lake Formation allows " + LfTagLimits.MAX_TAGS_PER_RESOURCE + " per resource)");
            }
            rules.add(new LfTagRule(key, source, level, property, values, value));
        });
        return List.copyOf(rules);
    }

    private static ReplicationTargets replication(Ctx ctx, JsonNode root) {
        if (!root.has("replication")) {
            return ReplicationTargets.NONE;
        }
        JsonNode replication = root.get("replication");
        if (!replication.isObject()) {
            throw ctx.error("$.replication", "must be an object");
        }
        ctx.keys(replication, "$.replication", REPLICATION);
        Map<String, String> buckets = new LinkedHashMap<>();
        ctx.each(replication, "$.replication", "targets", (node, path) -> {
            ctx.keys(node, path, REPLICATION_TARGET);
            String connection = ctx.text(node, path + ".connection", "connection");
            String bucket = ctx.text(node, path + ".bucket", "bucket");
            if (!TableLocation.isBucketName(bucket)) {
                throw ctx.error(path + ".bucket", "'" + bucket + "' is not an S3 bucket name");
            }
            if (buckets.put(connection, bucket) != null) {
                throw ctx.error(path + ".connection", "'" + connection + "' is listed twice");
            }
        });
        return new ReplicationTargets(buckets);
    }

    private static AssetMatch match(Ctx ctx, JsonNode rule, String path, Set<String> allowed, boolean certification) {
        ctx.keys(rule, path, allowed);
        JsonNode match = rule.get("match");
        if (match == null) {
            return AssetMatch.ANY;
        }
        String at = path + ".match";
        if (!match.isObject()) {
            throw ctx.error(at, "must be an object with space, asset, kind"
                    + (certification ? " or certification" : ""));
        }
        ctx.keys(match, at, certification ? MATCH : Set.of("space", "asset", "kind"));
        AssetKind kind = null;
        if (match.has("kind")) {
            String text = ctx.text(match, at + ".kind", "kind");
            try {
                kind = AssetKind.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ctx.error(at + ".kind", "must be one of VIEW, ANALYTIC_MODEL, ANALYTICAL_DATASET, not '" + text + "'");
            }
        }
        return new AssetMatch(glob(ctx, match, at, "space"), glob(ctx, match, at, "asset"), kind,
                match.has("certification") ? ctx.text(match, at + ".certification", "certification") : null);
    }

    private static Glob glob(Ctx ctx, JsonNode node, String path, String field) {
        return node.has(field) ? Glob.of(ctx.text(node, path + "." + field, field)) : null;
    }

    private static BusinessContext businessContext(Ctx ctx, JsonNode node, String path) {
        List<String> tags = new ArrayList<>();
        if (node.has("tags")) {
            JsonNode array = node.get("tags");
            if (!array.isArray()) {
                throw ctx.error(path + ".tags", "must be a list of strings");
            }
            for (int i = 0; i < array.size(); i++) {
                if (!array.get(i).isTextual() || array.get(i).asText().isBlank()) {
                    throw ctx.error(path + ".tags[" + i + "]", "must be a non-empty string");
                }
                tags.add(array.get(i).asText());
            }
        }
        return new BusinessContext(optional(ctx, node, path, "steward"), optional(ctx, node, path, "owner"),
                optional(ctx, node, path, "certification"), List.copyOf(tags),
                Map.copyOf(stringMap(ctx, node, path, "properties")));
    }

    private static ColumnRules columnRules(Ctx ctx, JsonNode node, String path) {
        Map<String, String> renames = stringMap(ctx, node, path, "rename");
        renames.forEach((from, to) -> {
            if (!GlueNames.column(to).equals(to)) {
                throw ctx.error(path + ".rename." + from, "'" + to + "' is not a Glue column name (lower case [a-z0-9_])");
            }
        });
        Map<String, String> types = stringMap(ctx, node, path, "types");
        types.forEach((column, type) -> HiveTypeSyntax.problem(type).ifPresent(problem -> {
            throw ctx.error(path + ".types." + column, "is not a type Athena and Trino read: " + problem);
        }));
        Set<String> excluded = new LinkedHashSet<>(strings(ctx, node, path, "exclude"));
        List<Glob> partitionKeys = strings(ctx, node, path, "partitionKeys").stream().map(Glob::of).toList();
        return new ColumnRules(Map.copyOf(renames), Map.copyOf(types), Set.copyOf(excluded), partitionKeys);
    }

    private static String optional(Ctx ctx, JsonNode node, String path, String field) {
        return node.has(field) ? ctx.text(node, path + "." + field, field) : null;
    }

    private static Map<String, String> stringMap(Ctx ctx, JsonNode node, String path, String field) {
        Map<String, String> map = new TreeMap<>();
        if (!node.has(field)) {
            return map;
        }
        JsonNode object = node.get(field);
        if (!object.isObject()) {
            throw ctx.error(path + "." + field, "must be an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw ctx.error(path + "." + field + "." + e.getKey(), "must be a string");
            }
            map.put(e.getKey(), e.getValue().asText());
        }
        return map;
    }

    private static List<String> strings(Ctx ctx, JsonNode node, String path, String field) {
        List<String> values = new ArrayList<>();
        if (!node.has(field)) {
            return values;
        }
        JsonNode array = node.get(field);
        if (!array.isArray()) {
            throw ctx.error(path + "." + field, "must be a list of strings");
        }
        for (int i = 0; i < array.size(); i++) {
            if (!array.get(i).isTextual() || array.get(i).asText().isBlank()) {
                throw ctx.error(path + "." + field + "[" + i + "]", "must be a non-empty string");
            }
            values.add(array.get(i).asText());
        }
        return values;
    }

    /** The source name, for error messages. */
    private record Ctx(String source) {
        RulesException error(String path, String message) {
            return new RulesException(source + ": " + path + " " + message);
        }

        void keys(JsonNode node, String path, Set<String> allowed) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!allowed.contains(key)) {
                    throw error(path + "." + key, "is not a known setting (allowed: " + new java.util.TreeSet<>(allowed) + ")");
                }
            }
        }

        String text(JsonNode node, String path, String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                throw error(path, "must be a non-empty string");
            }
            return value.asText();
        }

        void each(JsonNode root, String field, java.util.function.BiConsumer<JsonNode, String> body) {
            each(root, "$", field, body);
        }

        void each(JsonNode parent, String parentPath, String field,
                  java.util.function.BiConsumer<JsonNode, String> body) {
            if (!parent.has(field)) {
                return;
            }
            JsonNode array = parent.get(field);
            if (!array.isArray()) {
                throw error(parentPath + "." + field, "must be a list");
            }
            for (int i = 0; i < array.size(); i++) {
                String path = parentPath + "." + field + "[" + i + "]";
                if (!array.get(i).isObject()) {
                    throw error(path, "must be an object");
                }
                body.accept(array.get(i), path);
            }
        }
    }
}
