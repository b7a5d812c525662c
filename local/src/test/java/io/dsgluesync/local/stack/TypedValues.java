package io.dsgluesync.local.stack;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sample value for each Hive column type, as the replica file writer takes it (JSON: strings for decimals, dates,
 * timestamps and base64 binary), and the text Trino's client protocol answers for it
 * (https://trino.io/docs/current/develop/client-protocol.html: decimals, dates and timestamps as strings, varbinary as
 * base64, timestamps at the Hive connector's default millisecond precision).
 */
final class TypedValues {
    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),(\\d+)\\)");
    private static final Pattern LENGTH = Pattern.compile("(?:var)?char\\((\\d+)\\)");

    private TypedValues() {
    }

    static Object sample(String type, int n) {
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            int precision = Integer.parseInt(decimal.group(1));
            int scale = Integer.parseInt(decimal.group(2));
            return (precision > scale ? Integer.toString(n) : "0") + (scale > 0 ? "." + "5".repeat(scale) : "");
        }
        Matcher length = LENGTH.matcher(type);
        if (length.matches()) {
            String text = "v" + n + "ü";
            return text.substring(0, Math.min(text.length(), Integer.parseInt(length.group(1))));
        }
        return switch (type) {
            case "string" -> "Text " + n + " ü";
            case "boolean" -> n % 2 == 0;
            case "tinyint" -> n;
            case "smallint" -> 100 + n;
            case "int" -> 1000 + n;
            case "bigint" -> 9_000_000_000L + n;
            case "float" -> n + 0.5;
            case "double" -> n + 0.25;
            case "date" -> "2026-11-" + (10 + n);
            case "timestamp" -> "2026-11-" + (10 + n) + " 08:15:00.123";
            case "binary" -> Base64.getEncoder().encodeToString(new byte[] {(byte) n, 0, (byte) 0xff});
            default -> null; // arrays, maps, structs: none in the demo's replicated tables
        };
    }

    /** Trino's rendering of {@code value} in a column of {@code type}, as text; null for NULL. */
    static String expected(String type, Object value) {
        if (value == null) {
            return null;
        }
        if (type.startsWith("char(")) {
            int n = Integer.parseInt(type.substring(5, type.length() - 1));
            return String.format("%-" + n + "s", value);
        }
        return String.valueOf(value);
    }
}
