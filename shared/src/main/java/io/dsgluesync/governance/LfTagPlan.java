package io.dsgluesync.governance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What to change in Lake Formation for one table: from the LF-Tags the rules want (desired), those the sync attached
 * before (its marker, {@link LfTags#PARAMETER}) and those the resources hold now (current), the tags to remove and to
 * add, the tag values that must exist first, and the marker to store once it is done. Pure.
 *
 * <p>The sync removes or replaces only a tag it attached itself and that still has the value it attached: a tag
 * someone attached by hand is never removed or overwritten, even when it has the key of one of the rules (a resource
 * holds one value per key); that case is left as it is and noted.
 *
 * @param removes  tags to detach, each with the value the resource holds
 * @param adds     tags to attach
 * @param required key → values that must exist as LF-Tags before {@code adds} can be attached
 * @param attached the marker once every change succeeded: what the sync attached and still holds
 * @param notes    what was left as it is, and why
 */
public record LfTagPlan(List<Change> removes, List<Change> adds, Map<String, Set<String>> required, LfTags attached,
                        List<String> notes) {

    public LfTagPlan {
        removes = List.copyOf(removes);
        adds = List.copyOf(adds);
        required = java.util.Collections.unmodifiableMap(new TreeMap<>(required));
        notes = List.copyOf(notes);
    }

    /** One resource of the table: its database, itself, or one of its columns. */
    public record Resource(LfTagRule.Level level, String column) {
        public static final Resource DATABASE = new Resource(LfTagRule.Level.DATABASE, null);
        public static final Resource TABLE = new Resource(LfTagRule.Level.TABLE, null);

        public static Resource column(String name) {
            return new Resource(LfTagRule.Level.COLUMN, name);
        }

        @Override
        public String toString() {
            return switch (level) {
                case DATABASE -> "database";
                case TABLE -> "table";
                case COLUMN -> "column " + column;
            };
        }
    }

    /** One tag on one resource. */
    public record Change(Resource resource, String key, String value) {
        @Override
        public String toString() {
            return key + "=" + value + " on " + resource;
        }
    }

    public boolean isEmpty() {
        return removes.isEmpty() && adds.isEmpty();
    }

    /** The levels whose desired tags differ from the marker: only those need reading and writing. */
    public static Set<LfTagRule.Level> changedLevels(LfTags desired, LfTags previous) {
        Set<LfTagRule.Level> levels = java.util.EnumSet.noneOf(LfTagRule.Level.class);
        if (!desired.database().equals(previous.database())) {
            levels.add(LfTagRule.Level.DATABASE);
        }
        if (!desired.table().equals(previous.table())) {
            levels.add(LfTagRule.Level.TABLE);
        }
        if (!desired.columns().equals(previous.columns())) {
            levels.add(LfTagRule.Level.COLUMN);
        }
        return levels;
    }

    /**
     * The plan from {@code desired} (what the rules want), {@code previous} (the marker) and {@code current} (what
     * Lake Formation holds, as far as it was read; a plan run passes the marker: it reads nothing).
     */
    public static LfTagPlan of(LfTags desired, LfTags previous, LfTags current) {
        List<Change> removes = new ArrayList<>();
        List<Change> adds = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, String> database = resource(Resource.DATABASE, desired.database(), previous.database(),
                current.database(), removes, adds, notes);
        Map<String, String> table = resource(Resource.TABLE, desired.table(), previous.table(), current.table(),
                removes, adds, notes);
        Set<String> columnNames = new TreeSet<>(desired.columns().keySet());
        columnNames.addAll(previous.columns().keySet());
        Map<String, Map<String, String>> columns = new TreeMap<>();
        for (String column : columnNames) {
            columns.put(column, resource(Resource.column(column), desired.column(column), previous.column(column),
                    current.column(column), removes, adds, notes));
        }
        Map<String, Set<String>> required = new TreeMap<>();
        adds.forEach(add -> required.computeIfAbsent(add.key(), k -> new TreeSet<>()).add(add.value()));
        return new LfTagPlan(removes, adds, required, new LfTags(database, table, columns), notes);
    }

    /** One resource's changes; answers the tags the sync holds on it afterwards. */
    private static Map<String, String> resource(Resource resource, Map<String, String> desired,
                                                Map<String, String> previous, Map<String, String> current,
                                                List<Change> removes, List<Change> adds, List<String> notes) {
        Map<String, String> attached = new TreeMap<>();
        Map<String, String> newKeys = new LinkedHashMap<>();
        int removed = 0;
        for (Map.Entry<String, String> tag : new TreeMap<>(desired).entrySet()) {
            String key = tag.getKey();
            String want = tag.getValue();
            String holds = current.get(key);
            String ours = previous.get(key);
            if (holds == null) {
                newKeys.put(key, want);
            } else if (holds.equals(want)) {
                if (want.equals(ours)) {
                    attached.put(key, want);
                }
            } else if (holds.equals(ours)) {
                removes.add(new Change(resource, key, holds));
                adds.add(new Change(resource, key, want));
                attached.put(key, want);
            } else {
                notes.add("LF-Tag " + key + "=" + holds + " on " + resource + " was not attached by the sync; left as"
                        + " it is (the rules give " + want + ")");
            }
        }
        for (Map.Entry<String, String> tag : new TreeMap<>(previous).entrySet()) {
            if (!desired.containsKey(tag.getKey()) && tag.getValue().equals(current.get(tag.getKey()))) {
                removes.add(new Change(resource, tag.getKey(), tag.getValue()));
                removed++;
            }
        }
        // A resource carries at most 50 LF-Tags: new keys beyond that are left out (the resource's other tags,
        // the user's among them, are not ours to drop).
        int room = LfTagLimits.MAX_TAGS_PER_RESOURCE - (current.size() - removed);
        for (Map.Entry<String, String> tag : newKeys.entrySet()) {
            if (room > 0) {
                adds.add(new Change(resource, tag.getKey(), tag.getValue()));
                attached.put(tag.getKey(), tag.getValue());
                room--;
            } else {
                notes.add("LF-Tag " + tag.getKey() + "=" + tag.getValue() + " left off " + resource + ": it already"
                        + " carries " + LfTagLimits.MAX_TAGS_PER_RESOURCE + " LF-Tags, Lake Formation's limit");
            }
        }
        return attached;
    }
}
