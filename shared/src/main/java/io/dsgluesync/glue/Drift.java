package io.dsgluesync.glue;

import io.dsgluesync.mapping.Fingerprints;
import io.dsgluesync.mapping.SyncParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Drift: a managed table edited outside the sync. When the sync writes a table it records short hashes of the parts
 * it owns ({@link SyncParameters#WRITTEN}); comparing them with what Glue holds now tells which parts someone else
 * changed, independently of the fingerprint parameter (which an edit through the console or an {@code ALTER TABLE}
 * leaves as it was). Storage is the sync's only when it did not adopt the table.
 */
public final class Drift {
    public static final String COLUMNS = "columns";
    public static final String PARTITION_KEYS = "partitionKeys";
    public static final String STORAGE = "storage";

    private Drift() {
    }

    /** The signature to store with what the sync is about to write. */
    public static String signature(TableInput input, boolean withStorage) {
        return signature(input.storageDescriptor(), input.partitionKeys(), withStorage);
    }

    /** The parts of {@code table} that differ from what the sync last wrote; empty without a recorded signature. */
    public static List<String> of(Table table) {
        Map<String, String> p = table.parameters() == null ? Map.of() : table.parameters();
        Map<String, String> written = parse(p.get(SyncParameters.WRITTEN));
        if (written.isEmpty()) {
            return List.of();
        }
        Map<String, String> now = parse(signature(table.storageDescriptor(), table.partitionKeys(),
                written.containsKey(STORAGE)));
        List<String> drifted = new ArrayList<>();
        written.forEach((part, hash) -> {
            if (!hash.equals(now.get(part))) {
                drifted.add(part);
            }
        });
        return List.copyOf(drifted);
    }

    /** What each drifted part holds now, for the audit record. */
    public static List<String> describe(Table table, List<String> parts) {
        List<String> lines = new ArrayList<>();
        Map<String, String> p = table.parameters() == null ? Map.of() : table.parameters();
        StorageDescriptor sd = table.storageDescriptor() == null ? StorageDescriptor.builder().build()
                : table.storageDescriptor();
        for (String part : parts) {
            switch (part) {
                case COLUMNS, PARTITION_KEYS -> {
                    Map<String, String> before = TableDiff.signatureColumns(p.get(SyncParameters.COLUMNS));
                    List<Column> all = new ArrayList<>(sd.columns());
                    all.addAll(table.partitionKeys() == null ? List.of() : table.partitionKeys());
                    Map<String, String> now = new LinkedHashMap<>();
                    all.forEach(c -> now.put(c.name(), c.type()));
                    String change = before == null ? "changed" : String.join("; ", TableDiff.columnChanges(before, now));
                    lines.add(part + ": " + (change.isEmpty() ? "reordered or moved between columns and partition keys"
                            : change));
                }
                case STORAGE -> lines.add("storage: now location " + sd.location() + ", input format "
                        + sd.inputFormat() + ", SerDe " + (sd.serdeInfo() == null ? null
                        : sd.serdeInfo().serializationLibrary()));
                default -> lines.add(part + ": changed");
            }
        }
        return lines;
    }

    private static String signature(StorageDescriptor sd, List<Column> partitionKeys, boolean withStorage) {
        StorageDescriptor s = sd == null ? StorageDescriptor.builder().build() : sd;
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put(COLUMNS, hash(columns(s.columns())));
        parts.put(PARTITION_KEYS, hash(columns(partitionKeys)));
        if (withStorage) {
            parts.put(STORAGE, hash(s.location() + "|" + s.inputFormat() + "|" + s.outputFormat() + "|"
                    + (s.serdeInfo() == null ? null : s.serdeInfo().serializationLibrary())));
        }
        StringBuilder out = new StringBuilder();
        parts.forEach((k, v) -> out.append(out.isEmpty() ? "" : ";").append(k).append('=').append(v));
        return out.toString();
    }

    private static String columns(List<Column> columns) {
        StringBuilder out = new StringBuilder();
        (columns == null ? List.<Column>of() : columns).forEach(c -> out.append(c.name()).append(':')
                .append(c.type()).append(','));
        return out.toString();
    }

    private static String hash(String text) {
        return Fingerprints.sha256(text).substring(0, 12);
    }

    private static Map<String, String> parse(String signature) {
        Map<String, String> parts = new LinkedHashMap<>();
        if (signature == null || signature.isBlank()) {
            return parts;
        }
        for (String part : signature.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return parts;
    }
}
