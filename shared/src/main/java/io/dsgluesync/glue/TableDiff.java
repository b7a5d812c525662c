package io.dsgluesync.glue;

import io.dsgluesync.mapping.SyncParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * The column-level difference between the table Glue holds and the input the sync writes: what a plan shows and an
 * audit record keeps. Keys: {@code added}, {@code removed}, {@code retyped}, {@code renamed} (a removed and an added
 * column of the same type at the same position), {@code partitionKeys}, {@code parameters}, {@code storage},
 * {@code description}. Pure.
 */
public final class TableDiff {
    /** Parameters that change on every write and say nothing about the table. */
    private static final Set<String> VOLATILE = Set.of(SyncParameters.RUN_ID, SyncParameters.SYNCED_AT,
            SyncParameters.FINGERPRINT, SyncParameters.WRITTEN, SyncParameters.COLUMNS, SyncParameters.METADATA_ETAGS,
            SyncParameters.CONFIG_HASH);
    private static final int VALUE_TEXT = 80;

    private TableDiff() {
    }

    public static Map<String, List<String>> between(Table before, TableInput after) {
        Map<String, List<String>> diff = new LinkedHashMap<>();
        if (before == null) {
            return diff;
        }
        StorageDescriptor oldSd = sd(before.storageDescriptor());
        StorageDescriptor newSd = sd(after.storageDescriptor());
        columns(oldSd.columns(), newSd.columns(), diff);
        String oldKeys = signature(before.partitionKeys());
        String newKeys = signature(after.partitionKeys());
        if (!oldKeys.equals(newKeys)) {
            put(diff, "partitionKeys", "[" + oldKeys + "] -> [" + newKeys + "]");
        }
        storage(oldSd, newSd, diff);
        parameters(before.parameters(), after.parameters(), diff);
        if (!Objects.equals(blank(before.description()), blank(after.description()))) {
            put(diff, "description", cut(before.description()) + " -> " + cut(after.description()));
        }
        return diff;
    }

    private static void columns(List<Column> before, List<Column> after, Map<String, List<String>> diff) {
        Map<String, String> old = new LinkedHashMap<>();
        before.forEach(c -> old.put(c.name(), c.type()));
        Map<String, String> now = new LinkedHashMap<>();
        after.forEach(c -> now.put(c.name(), c.type()));
        List<String> oldNames = List.copyOf(old.keySet());
        List<String> newNames = List.copyOf(now.keySet());
        Set<String> renamedFrom = new TreeSet<>();
        Set<String> renamedTo = new TreeSet<>();
        for (int i = 0; i < Math.min(oldNames.size(), newNames.size()); i++) {
            String o = oldNames.get(i);
            String n = newNames.get(i);
            if (!now.containsKey(o) && !old.containsKey(n) && Objects.equals(old.get(o), now.get(n))) {
                put(diff, "renamed", o + " -> " + n);
                renamedFrom.add(o);
                renamedTo.add(n);
            }
        }
        now.forEach((name, type) -> {
            if (!old.containsKey(name) && !renamedTo.contains(name)) {
                put(diff, "added", name + " " + type);
            } else if (old.containsKey(name) && !old.get(name).equals(type)) {
                put(diff, "retyped", name + ": " + old.get(name) + " -> " + type);
            }
        });
        old.forEach((name, type) -> {
            if (!now.containsKey(name) && !renamedFrom.contains(name)) {
                put(diff, "removed", name + " " + type);
            }
        });
    }

    private static void storage(StorageDescriptor before, StorageDescriptor after, Map<String, List<String>> diff) {
        compare(diff, "storage", "location", before.location(), after.location());
        compare(diff, "storage", "input format", before.inputFormat(), after.inputFormat());
        compare(diff, "storage", "output format", before.outputFormat(), after.outputFormat());
        compare(diff, "storage", "SerDe", before.serdeInfo() == null ? null : before.serdeInfo().serializationLibrary(),
                after.serdeInfo() == null ? null : after.serdeInfo().serializationLibrary());
        Map<String, String> oldSerde = before.serdeInfo() == null ? Map.of() : before.serdeInfo().parameters();
        Map<String, String> newSerde = after.serdeInfo() == null ? Map.of() : after.serdeInfo().parameters();
        new TreeMap<>(newSerde).forEach((k, v) -> compare(diff, "storage", "SerDe parameter " + k, oldSerde.get(k), v));
    }

    /** The sync's parameters whose values change (the sync's bookkeeping left out); others' are never touched. */
    private static void parameters(Map<String, String> before, Map<String, String> after,
                                   Map<String, List<String>> diff) {
        Map<String, String> old = before == null ? Map.of() : before;
        Map<String, String> now = after == null ? Map.of() : after;
        Set<String> keys = new TreeSet<>(now.keySet());
        old.keySet().stream().filter(SyncParameters::ownedBySync).forEach(keys::add);
        for (String key : keys) {
            if (VOLATILE.contains(key)) {
                continue;
            }
            String o = old.get(key);
            String n = now.get(key);
            if (o == null && n != null) {
                put(diff, "parameters", key + ": added");
            } else if (o != null && n == null) {
                put(diff, "parameters", key + ": removed");
            } else if (!Objects.equals(o, n)) {
                put(diff, "parameters", key + ": " + cut(o) + " -> " + cut(n));
            }
        }
    }

    /** {@code name:type,...} as the sync records its columns ({@link SyncParameters#COLUMNS}); null when absent. */
    static Map<String, String> signatureColumns(String signature) {
        if (signature == null) {
            return null;
        }
        Map<String, String> columns = new LinkedHashMap<>();
        for (String part : signature.isEmpty() ? new String[0] : signature.split(",(?![^<(]*[>)])")) {
            int colon = part.indexOf(':');
            if (colon > 0) {
                columns.put(part.substring(0, colon), part.substring(colon + 1));
            }
        }
        return columns;
    }

    /** Added, removed and retyped columns between two name → type maps, as short lines. */
    static List<String> columnChanges(Map<String, String> before, Map<String, String> after) {
        List<String> changes = new ArrayList<>();
        after.forEach((name, type) -> {
            if (!before.containsKey(name)) {
                changes.add("added " + name + " " + type);
            } else if (!before.get(name).equals(type)) {
                changes.add("retyped " + name + " " + before.get(name) + " -> " + type);
            }
        });
        before.forEach((name, type) -> {
            if (!after.containsKey(name)) {
                changes.add("removed " + name);
            }
        });
        return changes;
    }

    private static void compare(Map<String, List<String>> diff, String key, String what, String before, String after) {
        if (!Objects.equals(before, after)) {
            put(diff, key, what + ": " + before + " -> " + after);
        }
    }

    private static String signature(List<Column> columns) {
        StringBuilder out = new StringBuilder();
        (columns == null ? List.<Column>of() : columns).forEach(c -> out.append(out.isEmpty() ? "" : ", ")
                .append(c.name()).append(' ').append(c.type()));
        return out.toString();
    }

    private static StorageDescriptor sd(StorageDescriptor sd) {
        return sd == null ? StorageDescriptor.builder().build() : sd;
    }

    private static String blank(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static String cut(String text) {
        if (text == null) {
            return "(none)";
        }
        return text.length() <= VALUE_TEXT ? text : text.substring(0, VALUE_TEXT) + "…";
    }

    private static void put(Map<String, List<String>> diff, String key, String line) {
        diff.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
    }
}
