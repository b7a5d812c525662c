package io.dsgluesync.mapping;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a Glue column type string against the Hive type grammar that Athena and Trino parse (Trino's
 * {@code io.trino.metastore.HiveTypeName}/{@code TypeInfoUtils}; https://docs.aws.amazon.com/athena/latest/ug/data-types.html):
 * lower case, no spaces, {@code varchar(n)} with 1 ≤ n ≤ 65535, {@code char(n)} with 1 ≤ n ≤ 255, {@code decimal(p,s)}
 * with 1 ≤ p ≤ 38 and 0 ≤ s ≤ p, {@code array<T>}, {@code map<K,V>} with a primitive key, {@code struct<name:T,…>} with
 * unique field names. Glue and moto store any string; an engine that cannot parse a column's type cannot open the
 * table at all, so the mapper refuses such a type before any Glue call.
 */
public final class HiveTypeSyntax {
    /** Column.Type: up to 131,072 characters (https://docs.aws.amazon.com/glue/latest/webapi/API_Column.html). */
    static final int MAX_LENGTH = 131_072;
    /** Nesting deeper than this is refused rather than parsed (keeps the parser's stack bounded). */
    static final int MAX_DEPTH = 64;
    /** Hive's char limit (HiveChar.MAX_CHAR_LENGTH). */
    static final int CHAR_LENGTH = 255;
    private static final Set<String> PRIMITIVES = Set.of("boolean", "tinyint", "smallint", "int", "bigint", "float",
            "double", "string", "binary", "date", "timestamp");

    private final String text;
    private int pos;

    private HiveTypeSyntax(String text) {
        this.text = text;
    }

    /** Empty when {@code type} parses; otherwise why not. */
    public static Optional<String> problem(String type) {
        if (type == null || type.isEmpty()) {
            return Optional.of("empty type");
        }
        if (type.length() > MAX_LENGTH) {
            return Optional.of("type longer than " + MAX_LENGTH + " characters");
        }
        if (!type.equals(type.toLowerCase(Locale.ROOT)) || type.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("'" + abbreviate(type) + "' must be lower case without spaces");
        }
        HiveTypeSyntax parser = new HiveTypeSyntax(type);
        try {
            parser.type(0);
            if (parser.pos != type.length()) {
                throw parser.error("unexpected '" + type.substring(parser.pos, Math.min(type.length(), parser.pos + 20))
                        + "'");
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("'" + abbreviate(type) + "': " + e.getMessage());
        }
    }

    /** Whether {@code type} is one of the primitive types (partition keys and map keys must be). */
    public static boolean isPrimitive(String type) {
        return !(type.startsWith("array<") || type.startsWith("map<") || type.startsWith("struct<")
                || type.startsWith("uniontype<"));
    }

    private void type(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        String name = word();
        switch (name) {
            case "array" -> {
                expect('<');
                type(depth + 1);
                expect('>');
            }
            case "map" -> {
                expect('<');
                int keyStart = pos;
                type(depth + 1);
                if (!isPrimitive(text.substring(keyStart, pos))) {
                    throw error("a map key must be a primitive type");
                }
                expect(',');
                type(depth + 1);
                expect('>');
            }
            case "struct" -> struct(depth);
            case "varchar" -> length("varchar", GlueLimits.VARCHAR_LENGTH);
            case "char" -> length("char", CHAR_LENGTH);
            case "decimal" -> decimal();
            default -> {
                if (!PRIMITIVES.contains(name)) {
                    throw error("unknown type '" + name + "'" + (name.equals("integer") ? " (Hive spells it int)" : ""));
                }
            }
        }
    }

    private void struct(int depth) {
        expect('<');
        Set<String> fields = new HashSet<>();
        do {
            String field = word();
            if (field.isEmpty()) {
                throw error("a struct field needs a name");
            }
            if (!fields.add(field)) {
                throw error("struct field '" + field + "' appears twice");
            }
            expect(':');
            type(depth + 1);
        } while (accept(','));
        expect('>');
    }

    private void length(String name, int max) {
        if (!accept('(')) {
            throw error(name + " needs a length, e.g. " + name + "(10)");
        }
        int n = number();
        expect(')');
        if (n < 1 || n > max) {
            throw error(name + " length " + n + " outside 1.." + max);
        }
    }

    private void decimal() {
        if (!accept('(')) {
            return; // decimal alone is decimal(10,0) in Hive
        }
        int precision = number();
        int scale = accept(',') ? number() : 0;
        expect(')');
        if (precision < 1 || precision > GlueLimits.DECIMAL_PRECISION) {
            throw error("decimal precision " + precision + " outside 1.." + GlueLimits.DECIMAL_PRECISION);
        }
        if (scale > precision) {
            throw error("decimal scale " + scale + " greater than precision " + precision);
        }
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private int number() {
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos)) && pos - start < 9) {
            pos++;
        }
        if (start == pos) {
            throw error("a number was expected");
        }
        return Integer.parseInt(text.substring(start, pos));
    }

    private boolean accept(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error("'" + c + "' expected at position " + pos);
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message);
    }

    private static String abbreviate(String type) {
        return type.length() <= 80 ? type : type.substring(0, 77) + "...";
    }
}
