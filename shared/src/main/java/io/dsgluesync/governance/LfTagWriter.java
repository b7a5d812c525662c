package io.dsgluesync.governance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brings one target's LF-Tags on a table just written to what the rules give ({@link LfTagPlan}): reads only the
 * levels whose tags change (a new table's own tags and its columns' need no read: nothing is attached to them yet),
 * creates missing keys and values, removes, then adds. Known tag values and the database tags the sync attached are
 * cached per container, so a space's tables tag their database once. A refused call is reported, never thrown: the
 * table stays written, and the marker leaves out what failed so that the next run tries again.
 */
public class LfTagWriter {
    private final LakeFormationCatalog lakeFormation;
    private final Map<String, Set<String>> knownValues = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> databaseTags = new ConcurrentHashMap<>();

    public LfTagWriter(LakeFormationCatalog lakeFormation) {
        this.lakeFormation = lakeFormation;
    }

    /**
     * What was done (or, in a plan, would be done).
     *
     * @param attached the marker to keep: what the sync attached and holds
     * @param changes  the tags added and removed, as {@code +key=value on table}
     * @param notes    tags left as they were, and why
     * @param errors   refused calls, each naming the tag and the resource
     * @param calls    Lake Formation calls made
     */
    public record Result(LfTags attached, List<String> changes, List<String> notes, List<String> errors, int calls) {
        public boolean failed() {
            return !errors.isEmpty();
        }
    }

    public Result apply(String database, String table, List<String> columns, LfTags desired, LfTags previous,
                        boolean newTable, boolean plan) {
        Map<String, String> knownDatabase = databaseTags.get(database);
        LfTags before = knownDatabase != null && knownDatabase.equals(desired.database())
                ? new LfTags(knownDatabase, previous.table(), previous.columns()) : previous;
        Set<LfTagRule.Level> changed = LfTagPlan.changedLevels(desired, before);
        if (changed.isEmpty()) {
            return new Result(before, List.of(), List.of(), List.of(), 0);
        }
        if (plan) {
            LfTagPlan wouldDo = LfTagPlan.of(desired, before, before);
            return new Result(wouldDo.attached(), describe(wouldDo), wouldDo.notes(), List.of(), 0);
        }
        int[] calls = {0};
        List<String> errors = new ArrayList<>();
        LfTags current;
        try {
            current = current(database, table, columns, before, changed, newTable, calls);
        } catch (LfTagException e) {
            return new Result(previous, List.of(), List.of(), List.of("LF-Tags " + describe(LfTagPlan.of(desired,
                    before, before)) + " of " + database + "." + table + " not applied, reading the resources' tags"
                    + " failed: " + e.getMessage()), calls[0]);
        }
        LfTagPlan todo = LfTagPlan.of(desired, before, current);
        Set<String> unusableKeys = ensureTags(todo.required(), errors, calls);
        Map<LfTagPlan.Resource, Map<String, String>> failed = new LinkedHashMap<>();
        Map<LfTagPlan.Resource, Map<String, String>> keptOld = new LinkedHashMap<>();
        for (List<LfTagPlan.Change> group : grouped(todo.removes())) {
            LfTagPlan.Change first = group.get(0);
            if (!call(() -> lakeFormation.remove(database, table, first.resource(), columnsOf(group), first.key(),
                    first.value()), "removed", group, database, table, errors, calls)) {
                group.forEach(c -> keptOld.computeIfAbsent(c.resource(), r -> new TreeMap<>()).put(c.key(), c.value()));
            }
        }
        for (List<LfTagPlan.Change> group : grouped(todo.adds())) {
            LfTagPlan.Change first = group.get(0);
            List<LfTagPlan.Change> ready = group.stream().filter(c -> !unusableKeys.contains(c.key())
                    && !keptOld.getOrDefault(c.resource(), Map.of()).containsKey(c.key())).toList();
            if (ready.size() < group.size() && !unusableKeys.contains(first.key())) {
                errors.add("LF-Tag " + first.key() + " of " + database + "." + table + " not replaced where the old"
                        + " value could not be removed");
            }
            boolean done = !ready.isEmpty() && call(() -> lakeFormation.add(database, table, first.resource(),
                    columnsOf(ready), first.key(), first.value()), "attached", ready, database, table, errors, calls);
            group.stream().filter(c -> !done || !ready.contains(c)).forEach(c -> failed
                    .computeIfAbsent(c.resource(), r -> new TreeMap<>()).put(c.key(), c.value()));
        }
        LfTags attached = settle(todo.attached(), failed, keptOld);
        if (failed.getOrDefault(LfTagPlan.Resource.DATABASE, Map.of()).isEmpty()
                && keptOld.getOrDefault(LfTagPlan.Resource.DATABASE, Map.of()).isEmpty()) {
            databaseTags.put(database, attached.database());
        }
        return new Result(attached, describe(todo), todo.notes(), errors, calls[0]);
    }

    /** What each changed level holds now; a level without changes is taken to hold what the marker says. */
    private LfTags current(String database, String table, List<String> columns, LfTags before,
                           Set<LfTagRule.Level> changed, boolean newTable, int[] calls) {
        Map<String, String> db = before.database();
        Map<String, String> own = before.table();
        Map<String, Map<String, String>> cols = before.columns();
        if (changed.contains(LfTagRule.Level.DATABASE)) {
            calls[0]++;
            db = lakeFormation.databaseTags(database);
        }
        if (changed.contains(LfTagRule.Level.TABLE)) {
            if (newTable) {
                own = Map.of();
            } else {
                calls[0]++;
                own = lakeFormation.tableTags(database, table);
            }
        }
        if (changed.contains(LfTagRule.Level.COLUMN)) {
            if (newTable || columns.isEmpty()) {
                cols = Map.of();
            } else {
                calls[0]++;
                cols = lakeFormation.columnTags(database, table, columns);
            }
        }
        return new LfTags(db, own, cols);
    }

    /** Creates missing keys and adds missing values; answers the keys that could not be made ready. */
    private Set<String> ensureTags(Map<String, Set<String>> required, List<String> errors, int[] calls) {
        Set<String> unusable = new TreeSet<>();
        required.forEach((key, values) -> {
            Set<String> known = knownValues.getOrDefault(key, Set.of());
            if (known.containsAll(values)) {
                return;
            }
            try {
                calls[0]++;
                var existing = lakeFormation.tagValues(key);
                Set<String> all = new TreeSet<>(existing.orElse(Set.of()));
                Set<String> missing = new TreeSet<>(values);
                missing.removeAll(all);
                if (existing.isEmpty()) {
                    calls[0]++;
                    lakeFormation.createTag(key, missing);
                } else if (!missing.isEmpty()) {
                    calls[0]++;
                    lakeFormation.addTagValues(key, missing);
                }
                all.addAll(missing);
                knownValues.put(key, Set.copyOf(all));
            } catch (LfTagException e) {
                unusable.add(key);
                errors.add("LF-Tag " + key + " with values " + values + " not created or extended: " + e.getMessage());
            }
        });
        return unusable;
    }

    private interface TagCall {
        List<String> run();
    }

    /** One call: its failure is an error naming the tag, the table and the resources. */
    private boolean call(TagCall call, String verb, List<LfTagPlan.Change> group, String database, String table,
                         List<String> errors, int[] calls) {
        LfTagPlan.Change first = group.get(0);
        String what = "LF-Tag " + first.key() + "=" + first.value() + " " + (first.resource().column() == null
                ? "on " + first.resource() : "on columns " + columnsOf(group)) + " of " + database + "." + table
                + " not " + verb + ": ";
        try {
            calls[0]++;
            List<String> failures = call.run();
            if (failures.isEmpty()) {
                return true;
            }
            errors.add(what + String.join("; ", failures));
        } catch (LfTagException e) {
            errors.add(what + e.getMessage());
        }
        return false;
    }

    /** The changes of one tag on one resource each, except that columns sharing a tag go in one call. */
    private static List<List<LfTagPlan.Change>> grouped(List<LfTagPlan.Change> changes) {
        Map<String, List<LfTagPlan.Change>> groups = new LinkedHashMap<>();
        for (LfTagPlan.Change c : changes) {
            String group = c.resource().level() + "\u0000" + c.key()
                    + "\u0000" + c.value();
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(c);
        }
        return List.copyOf(groups.values());
    }

    private static List<String> columnsOf(List<LfTagPlan.Change> group) {
        return group.stream().map(c -> c.resource().column()).filter(java.util.Objects::nonNull).toList();
    }

    /** The plan's marker without the adds that failed, with the tags a failed removal left in place. */
    private static LfTags settle(LfTags planned, Map<LfTagPlan.Resource, Map<String, String>> failed,
                                 Map<LfTagPlan.Resource, Map<String, String>> keptOld) {
        Map<String, String> db = adjust(planned.database(), LfTagPlan.Resource.DATABASE, failed, keptOld);
        Map<String, String> own = adjust(planned.table(), LfTagPlan.Resource.TABLE, failed, keptOld);
        Set<String> names = new TreeSet<>(planned.columns().keySet());
        keptOld.keySet().stream().filter(r -> r.column() != null).forEach(r -> names.add(r.column()));
        Map<String, Map<String, String>> cols = new TreeMap<>();
        names.forEach(c -> cols.put(c, adjust(planned.column(c), LfTagPlan.Resource.column(c), failed, keptOld)));
        return new LfTags(db, own, cols);
    }

    private static Map<String, String> adjust(Map<String, String> planned, LfTagPlan.Resource resource,
                                              Map<LfTagPlan.Resource, Map<String, String>> failed,
                                              Map<LfTagPlan.Resource, Map<String, String>> keptOld) {
        Map<String, String> tags = new TreeMap<>(planned);
        failed.getOrDefault(resource, Map.of()).keySet().forEach(tags::remove);
        tags.putAll(keptOld.getOrDefault(resource, Map.of()));
        return tags;
    }

    private static List<String> describe(LfTagPlan plan) {
        List<String> lines = new ArrayList<>();
        plan.removes().forEach(c -> lines.add("-" + c));
        plan.adds().forEach(c -> lines.add("+" + c));
        return lines;
    }
}
