package io.dsgluesync.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsgluesync.audit.Plan.Category;
import io.dsgluesync.audit.Plan.Entry;
import io.dsgluesync.model.JsonCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A run's plan — what a sync would do (operation {@code plan}) or what it did — from the same inputs as
 * {@link RunReport#render}: per Glue target and database, the tables by category, with each update's column-level
 * diff and each drifted table's drift, then totals, the fail-safe and the databases of removed spaces.
 *
 * <p>{@link #json} is the document for automation, stable within {@code schemaVersion} 1:
 * <pre>
 * {"schemaVersion": 1, "runId": "...", "operation": "plan"|"sync", "status": "COMPLETE"|"RUNNING"|...,
 *  "finished": bool, "expectedAssets": n|null, "processed": n,
 *  "totals": {"create": n, "update": n, "unchanged": n, "conflict": n, "stale": n, "drifted": n, "failed": n,
 *             "skipped": n},
 *  "failSafe": null | {"evaluated": bool, "tripped": bool, "managedTables": n, "staleTables": n, "reasons": [...]},
 *  "databases": ["what is done with the database of a removed space", ...],
 *  "notices": ["halted: ...", "listing error: ...", ...],
 *  "targets": [{"name": "default", "totals": {...},
 *               "databases": [{"name": "...", "tables": [{"table", "space", "asset", "kind", "category", "action",
 *                              "outcome", "diff": {"added": [...], ...}, "drift": [...], "error", "errorField",
 *                              "note"}]}]}]}
 * </pre>
 * {@code category} is a key of {@code totals}; {@code action} the audit action as stored ({@code CREATED}, ...);
 * {@code outcome} is set for stale tables ({@code deprecate}, {@code delete}, {@code log}, {@code held}) and drifted
 * ones ({@code restore}, {@code report}); {@code diff} (keys of {@link AuditRecord#diff()}) is set for updated and
 * drifted tables, {@code drift} for drifted ones, {@code error} for failed and conflicting ones, {@code note} for
 * those and skipped and stale ones. Totals count a table once per target. Absent values are {@code null}, empty
 * lists {@code []}, an empty diff <code>{}</code>.
 */
public final class PlanReport {
    public static final int SCHEMA_VERSION = 1;
    /** Diff keys in the order a reader wants them; any other key follows in alphabetical order. */
    private static final Map<String, String> DIFF_LABELS = labels();
    private static final int MAX_TABLE_WIDTH = 48;
    /** Operation-name prefixes of Glue's writes; {@code BatchGet...} and {@code Get...} are reads. */
    private static final List<String> WRITE_PREFIXES = List.of("Create", "Update", "Delete", "BatchCreate",
            "BatchDelete", "BatchUpdate", "BatchPut", "Put", "Tag", "Untag");

    private PlanReport() {
    }

    private static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("added", "added");
        labels.put("removed", "removed");
        labels.put("retyped", "retyped");
        labels.put("renamed", "renamed");
        labels.put("partitionKeys", "partition keys");
        labels.put("parameters", "parameters");
        labels.put("storage", "storage");
        labels.put("description", "description");
        return labels;
    }

    /** The plan for people; {@code verbose} also lists the unchanged tables (otherwise only counted). */
    public static String text(Map<String, AttributeValue> summary, List<Map<String, AttributeValue>> assets,
                              boolean verbose) {
        Plan plan = Plan.of(summary, assets);
        boolean would = plan.plan();
        StringBuilder out = new StringBuilder();
        out.append(String.format("%s %s  %s%n", would ? "Plan" : "Sync run", plan.runId(), plan.status()));
        out.append(would ? "  A plan changes nothing: each line says what a sync would do now.\n"
                : "  What this sync did: " + done(plan.totals()) + ".\n");
        if (!plan.finished()) {
            out.append(String.format("  NOT FINISHED: %d of %s assets recorded; what follows is partial.%n",
                    plan.processed(), plan.expectedAssets().isPresent()
                            ? Integer.toString(plan.expectedAssets().getAsInt()) : "?"));
        }
        plan.notices().forEach(n -> out.append("  ").append(n).append('\n'));
        for (Plan.Target target : plan.targets()) {
            out.append(String.format("%nTarget %s%n", target.name()));
            for (Plan.Database database : target.databases()) {
                out.append(String.format("  Database %s%n", database.name().isEmpty() ? "(none)" : database.name()));
                database(out, database, would, verbose);
            }
        }
        if (plan.targets().isEmpty()) {
            out.append("\nNo asset recorded.\n");
        }
        out.append('\n');
        out.append(String.format("%-13s %s%n", "Totals", totalsLine(plan.totals())));
        out.append(String.format("%-13s %s%n", "Stale check", plan.failSafe().map(f -> failSafeLine(f, would))
                .orElse("not recorded for this run")));
        plan.failSafe().ifPresent(f -> f.reasons().forEach(r -> out.append(String.format("%-13s %s%n", "", r))));
        for (int i = 0; i < plan.databaseOutcomes().size(); i++) {
            out.append(String.format("%-13s %s%n", i == 0 ? "Databases" : "", plan.databaseOutcomes().get(i)));
        }
        return out.toString();
    }

    private static void database(StringBuilder out, Plan.Database database, boolean would, boolean verbose) {
        int width = Math.min(MAX_TABLE_WIDTH, database.entries().stream()
                .mapToInt(e -> e.table().length()).max().orElse(0));
        for (Category category : Category.values()) {
            List<Entry> entries = database.entries().stream().filter(e -> e.category() == category).toList();
            if (entries.isEmpty()) {
                continue;
            }
            if (category == Category.UNCHANGED && !verbose) {
                out.append(String.format("    %s: %d table%s (--verbose lists them)%n", category.heading(would),
                        entries.size(), entries.size() == 1 ? "" : "s"));
                continue;
            }
            out.append(String.format("    %s (%d)%n", category.heading(would), entries.size()));
            for (Entry e : entries) {
                String table = e.table().isEmpty() ? "(no table)" : e.table();
                out.append(String.format("      %-" + width + "s  %s/%s", table, e.space(), e.asset()));
                String remark = remark(e, would);
                out.append(remark.isEmpty() ? "" : "  " + remark).append('\n');
                lines(e.diff()).forEach(l -> out.append("        ").append(l).append('\n'));
                e.drift().forEach(d -> out.append("        drift: ").append(d).append('\n'));
            }
        }
    }

    /** After the asset: the outcome of a stale or drifted table, the error of a failure, a skip's reason. */
    private static String remark(Entry e, boolean would) {
        List<String> parts = new ArrayList<>();
        e.outcome().ifPresent(o -> parts.add(o.text(would)));
        if (e.error() != null) {
            parts.add(e.errorField() == null ? e.error() : "[" + e.errorField() + "] " + e.error());
        }
        if (e.note() != null) {
            parts.add(e.note());
        }
        return String.join("; ", parts);
    }

    /** The diff as labelled, aligned lines: {@code retyped       amount: decimal(15,2) -> decimal(17,2)}. */
    static List<String> lines(Map<String, List<String>> diff) {
        List<String> keys = new ArrayList<>(DIFF_LABELS.keySet().stream().filter(diff::containsKey).toList());
        diff.keySet().stream().filter(k -> !DIFF_LABELS.containsKey(k)).sorted().forEach(keys::add);
        List<String> lines = new ArrayList<>();
        for (String key : keys) {
            String label = DIFF_LABELS.getOrDefault(key, key);
            diff.get(key).forEach(v -> lines.add(String.format("%-15s %s", label, v)));
        }
        return lines;
    }

    /** {@code created 9, skipped 1}: the categories with tables, in the report's order. */
    private static String done(Map<Category, Integer> totals) {
        List<String> parts = new ArrayList<>();
        totals.forEach((c, n) -> {
            if (n > 0) {
                parts.add(c.heading(false) + " " + n);
            }
        });
        return parts.isEmpty() ? "nothing recorded yet" : String.join(", ", parts);
    }

    private static String totalsLine(Map<Category, Integer> totals) {
        List<String> parts = new ArrayList<>();
        totals.forEach((c, n) -> parts.add(c.key() + " " + n));
        return String.join("  ", parts);
    }

    private static String failSafeLine(Plan.FailSafe f, boolean would) {
        if (!f.evaluated()) {
            return "not evaluated: nothing is stale in this run";
        }
        String counts = String.format("%d managed table%s, %d stale", f.managedTables(),
                f.managedTables() == 1 ? "" : "s", f.staleTables());
        return counts + (f.tripped()
                ? "; fail-safe TRIPPED: nothing " + (would ? "would be" : "was") + " deprecated or deleted"
                : "; fail-safe not tripped");
    }

    /** The plan for automation: the document described in the class comment, indented. */
    public static String json(Map<String, AttributeValue> summary, List<Map<String, AttributeValue>> assets) {
        Plan plan = Plan.of(summary, assets);
        ObjectNode root = JsonCodec.mapper().createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("runId", plan.runId());
        root.put("operation", plan.operation());
        root.put("status", plan.status());
        root.put("finished", plan.finished());
        if (plan.expectedAssets().isPresent()) {
            root.put("expectedAssets", plan.expectedAssets().getAsInt());
        } else {
            root.putNull("expectedAssets");
        }
        root.put("processed", plan.processed());
        totals(root.putObject("totals"), plan.totals());
        if (plan.failSafe().isPresent()) {
            Plan.FailSafe f = plan.failSafe().get();
            ObjectNode node = root.putObject("failSafe");
            node.put("evaluated", f.evaluated());
            node.put("tripped", f.tripped());
            node.put("managedTables", f.managedTables());
            node.put("staleTables", f.staleTables());
            strings(node.putArray("reasons"), f.reasons());
        } else {
            root.putNull("failSafe");
        }
        strings(root.putArray("databases"), plan.databaseOutcomes());
        strings(root.putArray("notices"), plan.notices());
        ArrayNode targets = root.putArray("targets");
        for (Plan.Target target : plan.targets()) {
            ObjectNode t = targets.addObject();
            t.put("name", target.name());
            totals(t.putObject("totals"), target.totals());
            ArrayNode databases = t.putArray("databases");
            for (Plan.Database database : target.databases()) {
                ObjectNode d = databases.addObject();
                d.put("name", database.name());
                ArrayNode tables = d.putArray("tables");
                database.entries().forEach(e -> table(tables.addObject(), e));
            }
        }
        try {
            return JsonCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the plan of run " + plan.runId(), e);
        }
    }

    private static void table(ObjectNode node, Entry e) {
        node.put("table", e.table());
        node.put("space", e.space());
        node.put("asset", e.asset());
        node.put("kind", e.kind());
        node.put("category", e.category().key());
        node.put("action", e.action());
        node.put("outcome", e.outcome().map(Plan.Outcome::key).orElse(null));
        ObjectNode diff = node.putObject("diff");
        e.diff().forEach((key, lines) -> strings(diff.putArray(key), lines));
        strings(node.putArray("drift"), e.drift());
        node.put("error", e.error());
        node.put("errorField", e.errorField());
        node.put("note", e.note());
    }

    private static void totals(ObjectNode node, Map<Category, Integer> totals) {
        // A fixed order, and every category present, zero or not: scripts read these without checking for them.
        for (Category c : List.of(Category.CREATE, Category.UPDATE, Category.UNCHANGED, Category.CONFLICT,
                Category.STALE, Category.DRIFTED, Category.FAILED, Category.SKIPPED)) {
            node.put(c.key(), totals.get(c));
        }
    }

    /**
     * The Glue writes the run's assets made, by operation, from the asset items' {@code calls} (counted per SDK
     * operation by {@link io.dsgluesync.glue.CallCounter}, kept as {@code glue.<Operation>}). Writes are the Glue API's
     * create, update, delete, put and tag actions (https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api.html);
     * a plan run should make none.
     */
    public static Map<String, Integer> glueWrites(List<Map<String, AttributeValue>> assets) {
        Map<String, Integer> writes = new TreeMap<>();
        for (Map<String, AttributeValue> item : assets) {
            AttributeValue calls = item.get("calls");
            if (calls == null || !calls.hasM()) {
                continue;
            }
            calls.m().forEach((key, count) -> {
                String operation = key.startsWith("glue.") ? key.substring("glue.".length()) : "";
                if (WRITE_PREFIXES.stream().anyMatch(operation::startsWith)) {
                    writes.merge(operation, Integer.parseInt(count.n()), Integer::sum);
                }
            });
        }
        return writes;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
