package io.dsgluesync.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The operator's view of runs, as text: one run's summary with its failed and conflicting assets, or a run list. */
public final class RunReport {
    private RunReport() {
    }

    public static String render(Map<String, AttributeValue> summary, List<Map<String, AttributeValue>> assets) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Run %s  %s%s%n", text(summary, "runId"), text(summary, "status", "RUNNING"),
                RunStarted.PLAN.equals(text(summary, "operation")) ? "  (plan: nothing was changed)" : ""));
        if (summary.containsKey("haltedReason")) {
            out.append("  halted: ").append(text(summary, "haltedReason")).append('\n');
        }
        if (summary.containsKey("skippedReason")) {
            out.append("  skipped: ").append(text(summary, "skippedReason")).append('\n');
        }
        out.append(String.format("  started %s  finished %s  listing complete: %s%n", seconds(text(summary, "startedAt", "?")),
                seconds(text(summary, "finishedAt", "-")), bool(summary, "listingComplete")));
        out.append(String.format("  expected %s  processed %s  created %s  updated %s  unchanged %s  failed %s"
                        + "  conflict %s  skipped %s%n", num(summary, "expectedAssets"), num(summary, "processed"),
                num(summary, "created"), num(summary, "updated"), num(summary, "unchanged"), num(summary, "failed"),
                num(summary, "conflict"), num(summary, "skipped")));
        out.append(String.format("  asset time total %s ms, p95 %s ms; Glue calls %s; Datasphere requests %s;"
                        + " target accounts %s%n", num(summary, "durationTotalMs"), num(summary, "p95DurationMs"),
                num(summary, "glueCalls"), Long.parseLong(num(summary, "datasphereRequests"))
                        + Long.parseLong(num(summary, "discoveryRequests")),
                summary.containsKey("targetAccounts") ? String.join(",", summary.get("targetAccounts").ss()) : "-"));
        String lifecycle = lifecycleCounters(summary);
        if (!lifecycle.isEmpty()) {
            out.append(" ").append(lifecycle).append('\n');
        }
        if (summary.containsKey("removedAssets") && summary.get("removedAssets").hasM()) {
            appendStale(out, RunStatus.stale(summary.get("removedAssets").m()));
        }
        coverageLines(summary).forEach(line -> out.append(line).append('\n'));
        if (summary.containsKey("listingErrors") && !summary.get("listingErrors").l().isEmpty()) {
            out.append("  listing errors:\n");
            summary.get("listingErrors").l().forEach(e -> out.append("    ").append(e.s()).append('\n'));
        }
        List<Map<String, AttributeValue>> problems = new ArrayList<>(assets.stream()
                .filter(a -> List.of("FAILED", "CONFLICT").contains(text(a, "action"))).toList());
        problems.sort(Comparator.comparing((Map<String, AttributeValue> a) -> text(a, "space"))
                .thenComparing(a -> text(a, "asset")));
        if (problems.isEmpty()) {
            out.append("No failed or conflicting assets.\n");
        } else {
            out.append("Failed and conflicting assets:\n");
            out.append(String.format("  %-16s %-36s %-9s %s%n", "SPACE", "ASSET", "ACTION", "ERROR"));
            for (Map<String, AttributeValue> a : problems) {
                String error = text(a, "error", "");
                if (a.containsKey("errorField")) {
                    error = "[" + text(a, "errorField") + "] " + error;
                }
                out.append(String.format("  %-16s %-36s %-9s %s%n", text(a, "space"), text(a, "asset"),
                        text(a, "action"), error));
            }
        }
        List<Map<String, AttributeValue>> skipped = assets.stream().filter(a -> "SKIPPED".equals(text(a, "action")))
                .sorted(Comparator.comparing((Map<String, AttributeValue> a) -> text(a, "space"))
                        .thenComparing(a -> text(a, "asset"))).toList();
        if (!skipped.isEmpty()) {
            out.append("Skipped assets:\n");
            skipped.forEach(a -> out.append(String.format("  %-16s %-36s %s%n", text(a, "space"), text(a, "asset"),
                    text(a, "note"))));
        }
        return out.toString();
    }

    /**
     * The run's coverage as report lines: the unreadable spaces with their reasons, and the objects the catalog does
     * not expose per space (the first names and how many); none when the run could see everything.
     */
    public static List<String> coverageLines(Map<String, AttributeValue> summary) {
        AttributeValue value = summary.get("coverage");
        if (value == null || !value.hasM()) {
            return List.of();
        }
        Map<String, AttributeValue> coverage = value.m();
        List<String> lines = new ArrayList<>();
        String unreadable = num(coverage, "unreadableCount");
        String unexposed = num(coverage, "unexposedCount");
        lines.add(String.format("  coverage: %s unreadable space(s), %s object(s) the catalog does not expose",
                unreadable, unexposed));
        if (!"0".equals(unreadable)) {
            lines.add("  unreadable spaces (HTTP 403; their tables are kept, not evaluated for removal):");
            list(coverage, "unreadable").forEach(u -> lines.add("    " + text(u, "space") + ": "
                    + text(u, "reason")));
        }
        if (!"0".equals(unexposed)) {
            boolean synced = Boolean.TRUE.equals(coverage.containsKey("unexposedSynced")
                    ? coverage.get("unexposedSynced").bool() : null);
            lines.add("  objects the catalog does not expose (" + (synced ? "synced from their design-time CSN"
                    : "not synced: design-time enrichment is off; a replication flow's target is still synced as a"
                    + " replica") + "):");
            list(coverage, "unexposed").forEach(u -> {
                List<String> names = u.containsKey("names") && u.get("names").hasL()
                        ? u.get("names").l().stream().map(AttributeValue::s).toList() : List.of();
                int count = Integer.parseInt(num(u, "count"));
                lines.add("    " + text(u, "space") + " (" + count + "): " + String.join(", ", names)
                        + (count > names.size() ? ", … " + (count - names.size()) + " more" : ""));
            });
        }
        List<String> flows = coverage.containsKey("unreadableFlows") && coverage.get("unreadableFlows").hasL()
                ? coverage.get("unreadableFlows").l().stream().map(AttributeValue::s).toList() : List.of();
        if (!flows.isEmpty()) {
            lines.add("  flows not read for lineage (the objects they load show no upstream from them):");
            flows.forEach(f -> lines.add("    " + f));
        }
        return lines;
    }

    private static List<Map<String, AttributeValue>> list(Map<String, AttributeValue> m, String key) {
        return m.containsKey(key) && m.get(key).hasL()
                ? m.get(key).l().stream().filter(AttributeValue::hasM).map(AttributeValue::m).toList() : List.of();
    }

    /** The removed-asset counters, only those that are not zero: "  stale 3  deprecated 1", or "". */
    private static String lifecycleCounters(Map<String, AttributeValue> summary) {
        StringBuilder line = new StringBuilder();
        for (AuditAction action : List.of(AuditAction.STALE, AuditAction.DEPRECATED, AuditAction.DELETED,
                AuditAction.DRIFTED)) {
            String count = num(summary, action.counter());
            if (!"0".equals(count)) {
                line.append(' ').append(action.counter()).append(' ').append(count).append(' ');
            }
        }
        return line.toString().stripTrailing();
    }

    private static void appendStale(StringBuilder out, StaleSummary stale) {
        if (!stale.evaluated()) {
            out.append("  removed assets: not evaluated");
        } else {
            out.append(String.format("  removed assets: %d managed tables, %d stale", stale.managedTables(),
                    stale.staleTables()));
        }
        out.append(stale.failSafeTripped() ? "; FAIL-SAFE TRIPPED, nothing deprecated or deleted\n" : "\n");
        stale.reasons().forEach(r -> out.append("    ").append(r).append('\n'));
        if (!stale.databases().isEmpty()) {
            out.append("  databases of removed spaces:\n");
            stale.databases().forEach(d -> out.append("    ").append(d).append('\n'));
        }
    }

    public static String renderRuns(List<Map<String, AttributeValue>> summaries) {
        StringBuilder out = new StringBuilder(String.format("%-32s %-21s %-21s %8s %9s %7s %8s%n", "RUN", "STATUS",
                "STARTED", "EXPECTED", "PROCESSED", "FAILED", "CONFLICT"));
        for (Map<String, AttributeValue> s : summaries) {
            out.append(String.format("%-32s %-21s %-21s %8s %9s %7s %8s%n", text(s, "runId"),
                    text(s, "status", "RUNNING"), seconds(text(s, "startedAt", "?")), num(s, "expectedAssets"),
                    num(s, "processed"), num(s, "failed"), num(s, "conflict")));
        }
        return out.toString();
    }

    /** 2026-11-25T14:57:56.720996359Z → 2026-11-25T14:57:56Z. */
    private static String seconds(String instant) {
        return instant.length() > 20 && instant.charAt(19) == '.' ? instant.substring(0, 19) + "Z" : instant;
    }

    private static String text(Map<String, AttributeValue> item, String key) {
        return text(item, key, "");
    }

    private static String text(Map<String, AttributeValue> item, String key, String fallback) {
        AttributeValue v = item.get(key);
        return v == null || v.s() == null ? fallback : v.s();
    }

    private static String num(Map<String, AttributeValue> item, String key) {
        AttributeValue v = item.get(key);
        return v == null || v.n() == null ? "0" : v.n();
    }

    private static String bool(Map<String, AttributeValue> item, String key) {
        AttributeValue v = item.get(key);
        return v == null || v.bool() == null ? "?" : v.bool() ? "yes" : "NO";
    }
}
