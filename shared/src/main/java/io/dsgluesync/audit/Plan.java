package io.dsgluesync.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A run read back from the audit table as changes to the catalog: per Glue target and database, each table in one
 * {@link Category}. Built from the summary item and the asset items ({@link AuditItems#assetItem}); pure.
 *
 * @param operation {@code plan} or {@code sync} (a summary without the attribute is a sync's)
 * @param status    the summary's status; {@code RUNNING} until the results function marks it final
 * @param failSafe  the removed-asset evaluation, when the run recorded one
 * @param databaseOutcomes what was (or would be) done with the databases of removed spaces
 */
record Plan(String runId, String operation, String status, OptionalInt expectedAssets, int processed,
            Optional<FailSafe> failSafe, List<String> databaseOutcomes, List<String> notices, List<Target> targets) {

    /** The target of an asset item without {@code targetActions}: there is one Glue target. */
    static final String DEFAULT_TARGET = "default";
    static final String RUNNING = "RUNNING";

    Plan {
        databaseOutcomes = List.copyOf(databaseOutcomes);
        notices = List.copyOf(notices);
        targets = List.copyOf(targets);
    }

    /** What a table is in a plan; the JSON key is {@link #key()}. Declared in the order the report lists them. */
    enum Category {
        CREATE("would create", "created"),
        UPDATE("would update", "updated"),
        DRIFTED("drifted", "drifted"),
        STALE("stale", "stale"),
        CONFLICT("conflict", "conflict"),
        FAILED("failed", "failed"),
        SKIPPED("skipped", "skipped"),
        UNCHANGED("unchanged", "unchanged");

        private final String planHeading;
        private final String syncHeading;

        Category(String planHeading, String syncHeading) {
            this.planHeading = planHeading;
            this.syncHeading = syncHeading;
        }

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        String heading(boolean plan) {
            return plan ? planHeading : syncHeading;
        }
    }

    /**
     * Why a stale or drifted table is in its category: the removed-asset policy's outcome ({@code deprecate},
     * {@code delete}, {@code log}, or {@code held} when the fail-safe tripped) or the drift policy's
     * ({@code restore}, {@code report}).
     */
    enum Outcome {
        DEPRECATE("would deprecate", "deprecated"),
        DELETE("would delete", "deleted"),
        LOG("logged only", "logged only"),
        HELD("held by the fail-safe", "held by the fail-safe"),
        RESTORE("would be restored", "restored"),
        REPORT("reported, left as it is", "reported, left as it is");

        private final String planText;
        private final String syncText;

        Outcome(String planText, String syncText) {
            this.planText = planText;
            this.syncText = syncText;
        }

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        String text(boolean plan) {
            return plan ? planText : syncText;
        }
    }

    /** The summary's {@code stale} map ({@link StaleSummary}). */
    record FailSafe(boolean evaluated, int managedTables, int staleTables, boolean tripped, List<String> reasons) {
        FailSafe {
            reasons = List.copyOf(reasons);
        }
    }

    /** One asset's table in one target. {@code action} is the audit action's name as stored. */
    record Entry(String database, String table, String space, String asset, String kind, String action,
                 Category category, Optional<Outcome> outcome, Map<String, List<String>> diff, List<String> drift,
                 String error, String errorField, String note) {
        Entry {
            diff = Collections.unmodifiableMap(new LinkedHashMap<>(diff));
            drift = List.copyOf(drift);
        }
    }

    record Database(String name, List<Entry> entries) {
        Database {
            entries = List.copyOf(entries);
        }
    }

    record Target(String name, List<Database> databases) {
        Target {
            databases = List.copyOf(databases);
        }

        Map<Category, Integer> totals() {
            return count(databases.stream().flatMap(d -> d.entries().stream()).toList());
        }
    }

    boolean plan() {
        return RunStarted.PLAN.equals(operation);
    }

    boolean finished() {
        return !RUNNING.equals(status);
    }

    /** Tables per category over every target: an asset written to two targets counts in each. */
    Map<Category, Integer> totals() {
        return count(targets.stream().flatMap(t -> t.databases().stream()).flatMap(d -> d.entries().stream()).toList());
    }

    private static Map<Category, Integer> count(List<Entry> entries) {
        Map<Category, Integer> totals = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            totals.put(c, 0);
        }
        entries.forEach(e -> totals.merge(e.category(), 1, Integer::sum));
        return totals;
    }

    static Plan of(Map<String, AttributeValue> summary, List<Map<String, AttributeValue>> assets) {
        Optional<FailSafe> failSafe = failSafe(summary.get("removedAssets"));
        boolean held = failSafe.map(FailSafe::tripped).orElse(false);
        // target → database → entries, each level sorted by name
        Map<String, Map<String, List<Entry>>> byTarget = new TreeMap<>();
        // With several targets, a record without per-target actions (e.g. refused before any target was written)
        // holds for each of them; with one target, that target is "default".
        SortedSet<String> known = new TreeSet<>();
        assets.forEach(item -> known.addAll(targetActions(item, Set.of()).keySet()));
        known.remove(DEFAULT_TARGET);
        for (Map<String, AttributeValue> item : assets) {
            Map<String, String> actions = targetActions(item, known);
            actions.forEach((target, action) -> {
                Entry entry = entry(item, action, held);
                byTarget.computeIfAbsent(target, t -> new TreeMap<>())
                        .computeIfAbsent(entry.database(), d -> new ArrayList<>()).add(entry);
            });
        }
        List<Target> targets = new ArrayList<>();
        byTarget.forEach((target, databases) -> {
            List<Database> list = new ArrayList<>();
            databases.forEach((name, entries) -> {
                entries.sort(Comparator.comparing(Entry::table).thenComparing(Entry::space)
                        .thenComparing(Entry::asset));
                list.add(new Database(name, entries));
            });
            targets.add(new Target(target, list));
        });
        List<String> notices = new ArrayList<>();
        for (String key : List.of("haltedReason", "skippedReason")) {
            text(summary, key).ifPresent(reason -> notices.add((key.startsWith("halted") ? "halted: " : "skipped: ")
                    + reason));
        }
        strings(summary.get("listingErrors")).forEach(e -> notices.add("listing error: " + e));
        AttributeValue expected = summary.get("expectedAssets");
        return new Plan(text(summary, "runId").orElse(""), text(summary, "operation").orElse(RunStarted.SYNC),
                text(summary, "status").orElse(RUNNING),
                expected == null || expected.n() == null ? OptionalInt.empty()
                        : OptionalInt.of(Integer.parseInt(expected.n())),
                number(summary.get("processed")), failSafe,
                summary.containsKey("removedAssets") ? strings(summary.get("removedAssets").m().get("databases")) : List.of(),
                notices, targets);
    }

    /**
     * Per target, the action there: {@code targetActions} when the record has them, else the one action in each of
     * the {@code known} targets, or in {@link #DEFAULT_TARGET} when none is known.
     */
    private static Map<String, String> targetActions(Map<String, AttributeValue> item, Set<String> known) {
        AttributeValue perTarget = item.get("targetActions");
        if (perTarget != null && perTarget.hasM() && !perTarget.m().isEmpty()) {
            Map<String, String> actions = new TreeMap<>();
            perTarget.m().forEach((target, action) -> actions.put(target, action.s()));
            return actions;
        }
        String action = text(item, "action").orElse(AuditAction.FAILED.name());
        Map<String, String> actions = new TreeMap<>();
        (known.isEmpty() ? Set.of(DEFAULT_TARGET) : known).forEach(target -> actions.put(target, action));
        return actions;
    }

    private static Entry entry(Map<String, AttributeValue> item, String action, boolean held) {
        List<String> drift = strings(item.get("drift"));
        Map<String, List<String>> diff = new TreeMap<>();
        AttributeValue stored = item.get("diff");
        if (stored != null && stored.hasM()) {
            stored.m().forEach((key, lines) -> diff.put(key, strings(lines)));
        }
        String note = text(item, "note").orElse(null);
        Category category;
        Optional<Outcome> outcome = Optional.empty();
        switch (action) {
            case "CREATED" -> category = Category.CREATE;
            case "UPDATED" -> {
                category = drift.isEmpty() ? Category.UPDATE : Category.DRIFTED;
                outcome = drift.isEmpty() ? Optional.empty() : Optional.of(Outcome.RESTORE);
            }
            case "UNCHANGED" -> category = Category.UNCHANGED;
            case "CONFLICT" -> category = Category.CONFLICT;
            case "SKIPPED" -> category = Category.SKIPPED;
            case "DRIFTED" -> {
                category = Category.DRIFTED;
                outcome = Optional.of(Outcome.REPORT);
            }
            case "STALE" -> {
                category = Category.STALE;
                outcome = Optional.of(held ? Outcome.HELD : Outcome.LOG);
            }
            case "DEPRECATED" -> {
                category = Category.STALE;
                outcome = Optional.of(Outcome.DEPRECATE);
            }
            case "DELETED" -> {
                category = Category.STALE;
                outcome = Optional.of(Outcome.DELETE);
            }
            case "FAILED" -> category = Category.FAILED;
            default -> {
                // an action written by a newer worker than this reader
                category = Category.SKIPPED;
                note = "action " + action + " is not known to this version" + (note == null ? "" : "; " + note);
            }
        }
        // A record is per asset, its action per target: with several targets, its diff, drift and error belong to
        // the targets where the table is updated, drifted or failed, not to one where it is unchanged.
        boolean changes = category == Category.UPDATE || category == Category.DRIFTED;
        boolean broken = category == Category.FAILED || category == Category.CONFLICT;
        return new Entry(text(item, "database").orElse(""), text(item, "table").orElse(""),
                text(item, "space").orElse(""), text(item, "asset").orElse(""), text(item, "kind").orElse(null),
                action, category, outcome, changes ? diff : Map.of(),
                category == Category.DRIFTED ? drift : List.of(), broken ? text(item, "error").orElse(null) : null,
                broken ? text(item, "errorField").orElse(null) : null,
                broken || category == Category.SKIPPED || category == Category.STALE ? note : null);
    }

    private static Optional<FailSafe> failSafe(AttributeValue stale) {
        if (stale == null || !stale.hasM()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> m = stale.m();
        return Optional.of(new FailSafe(bool(m.get("evaluated")), number(m.get("managedTables")),
                number(m.get("staleTables")), bool(m.get("failSafeTripped")), strings(m.get("reasons"))));
    }

    private static Optional<String> text(Map<String, AttributeValue> item, String key) {
        AttributeValue v = item.get(key);
        return v == null || v.s() == null || v.s().isEmpty() ? Optional.empty() : Optional.of(v.s());
    }

    private static int number(AttributeValue v) {
        return v == null || v.n() == null ? 0 : Integer.parseInt(v.n());
    }

    private static boolean bool(AttributeValue v) {
        return v != null && Boolean.TRUE.equals(v.bool());
    }

    private static List<String> strings(AttributeValue v) {
        return v == null || !v.hasL() ? List.of() : v.l().stream().map(AttributeValue::s).toList();
    }
}
