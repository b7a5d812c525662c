package io.dsgluesync.audit;

import io.dsgluesync.model.JsonCodec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A run's audit items for auditors, as plain data: JSON ({@code {"summary": {...}, "assets": [...]}}) with the
 * DynamoDB types unwrapped, or CSV with one row per asset. The table's keys ({@code pk}, {@code sk}) are left out:
 * they only repeat the run, space and asset.
 */
public final class RunExport {
    /** The CSV's leading columns, in this order; attributes beyond them follow sorted by name. */
    static final List<String> COLUMNS = List.of("runId", "space", "asset", "kind", "action", "database", "table",
            "columnCount", "fingerprintBefore", "fingerprintAfter", "changedFields", "errorClass", "errorKind",
            "errorField", "error", "note", "warnings", "calls", "targetAccount", "targetActions", "durationMs",
            "finishedAt");
    private static final Set<String> KEYS = Set.of("pk", "sk");

    private RunExport() {
    }

    public static String json(Map<String, AttributeValue> summary, List<Map<String, AttributeValue>> assets) {
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("summary", plain(summary));
        export.put("assets", assets.stream().map(RunExport::plain).toList());
        return JsonCodec.write(export) + "\n";
    }

    /**
     * One header line and one line per asset, as RFC 4180 describes CSV (https://www.rfc-editor.org/rfc/rfc4180):
     * CRLF line ends, and a field with a comma, quote or line break in double quotes, its quotes doubled. A list or
     * map is written as JSON text in its cell.
     */
    public static String csv(List<Map<String, AttributeValue>> assets) {
        List<String> columns = columns(assets);
        StringBuilder out = new StringBuilder();
        appendRow(out, columns);
        for (Map<String, AttributeValue> asset : assets) {
            List<String> cells = new ArrayList<>(columns.size());
            for (String column : columns) {
                cells.add(cell(asset.get(column)));
            }
            appendRow(out, cells);
        }
        return out.toString();
    }

    /** The fixed columns, then every other attribute any asset has, by name. */
    static List<String> columns(List<Map<String, AttributeValue>> assets) {
        Set<String> others = new TreeSet<>();
        assets.forEach(a -> a.keySet().stream().filter(k -> !KEYS.contains(k) && !COLUMNS.contains(k))
                .forEach(others::add));
        Set<String> all = new LinkedHashSet<>(COLUMNS);
        all.addAll(others);
        return List.copyOf(all);
    }

    /** A cell's text: strings and numbers as stored, booleans as true/false, lists and maps as JSON. */
    static String cell(AttributeValue value) {
        if (value == null || Boolean.TRUE.equals(value.nul())) {
            return "";
        }
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return value.n();
        }
        if (value.bool() != null) {
            return value.bool().toString();
        }
        return JsonCodec.write(plain(value));
    }

    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private static void appendRow(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(fields.get(i)));
        }
        out.append("\r\n");
    }

    private static Map<String, Object> plain(Map<String, AttributeValue> item) {
        Map<String, Object> values = new LinkedHashMap<>();
        item.keySet().stream().filter(k -> !KEYS.contains(k)).sorted()
                .forEach(k -> values.put(k, plain(item.get(k))));
        return values;
    }

    /** An attribute value as the plain value it holds (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html). */
    static Object plain(AttributeValue value) {
        return switch (value.type()) {
            case S -> value.s();
            case N -> new BigDecimal(value.n());
            case BOOL -> value.bool();
            case NUL -> null;
            case L -> value.l().stream().map(RunExport::plain).toList();
            case M -> {
                Map<String, Object> map = new LinkedHashMap<>();
                value.m().keySet().stream().sorted().forEach(k -> map.put(k, plain(value.m().get(k))));
                yield map;
            }
            case SS -> List.copyOf(new TreeSet<>(value.ss()));
            case NS -> value.ns().stream().map(BigDecimal::new).sorted().toList();
            case B -> java.util.Base64.getEncoder().encodeToString(value.b().asByteArray());
            case BS -> value.bs().stream().map(b -> java.util.Base64.getEncoder().encodeToString(b.asByteArray()))
                    .toList();
            case UNKNOWN_TO_SDK_VERSION -> String.valueOf(value);
        };
    }
}
