package io.dsgluesync.mapping;

import io.dsgluesync.csdl.CsdlColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Edm type + facets → Hive type string, in canonical form (lower case, no spaces, as Athena writes them:
 * https://docs.aws.amazon.com/athena/latest/ug/data-types.html). The README's mapping table lists every row; each has
 * a test. Where Hive cannot hold a value exactly, the column becomes {@code string} with a note, never a silently
 * narrower type.
 *
 * <p>A complex type may hold itself, several times over: expanded ten levels deep, six such properties make 6^10
 * leaves from a document of a kilobyte. The expansion therefore stops, failing the column, as soon as its type
 * passes Glue's {@value HiveTypeSyntax#MAX_LENGTH} characters for a column type or its notes pass Glue's
 * {@value GlueLimits#PARAMETER_VALUE} characters for the parameter that carries them; either would be refused later
 * anyway.
 */
public final class EdmTypes {
    private static final int MAX_NESTING = 10;

    private EdmTypes() {
    }

    /** @throws MappingException when the type nests too deep or expands past what Glue stores */
    public static HiveType toHive(CsdlColumn column, Map<String, List<CsdlColumn>> complexTypes) {
        return new Expansion(column.name(), column.edmType(), complexTypes)
                .map(column.edmType(), column.maxLength(), column.precision(), column.scale(), 0);
    }

    private static HiveType string(Integer maxLength) {
        if (maxLength != null && maxLength >= 1 && maxLength <= GlueLimits.VARCHAR_LENGTH) {
            return HiveType.exact("varchar(" + maxLength + ")");
        }
        return HiveType.exact("string");
    }

    /**
     * Decimal rule: precision 1..38 with a numeric scale 0..precision keeps {@code decimal(p,s)}; no Scale means 0
     * (OData V4 default). {@code Scale="variable"} (DecimalFloat), no precision, or precision over 38 cannot be held
     * by Hive's decimal without losing digits, so they become {@code string} with a note.
     */
    private static HiveType decimal(Integer precision, String scale) {
        if (precision == null) {
            return HiveType.approximate("string", "Edm.Decimal without Precision: arbitrary precision kept as text");
        }
        if ("variable".equalsIgnoreCase(scale == null ? "" : scale.trim())) {
            return HiveType.approximate("string", "Edm.Decimal Scale=variable (floating decimal): kept as text");
        }
        if (precision < 1 || precision > GlueLimits.DECIMAL_PRECISION) {
            return HiveType.approximate("string", "Edm.Decimal Precision=" + precision
                    + " exceeds Hive's 38 digits: kept as text");
        }
        int s;
        try {
            s = scale == null || scale.isBlank() ? 0 : Integer.parseInt(scale.trim());
        } catch (NumberFormatException e) {
            return HiveType.approximate("string", "Edm.Decimal Scale='" + scale + "' is not a number: kept as text");
        }
        if (s < 0 || s > precision) {
            return HiveType.approximate("string", "Edm.Decimal Scale=" + s + " outside 0.." + precision
                    + ": kept as text");
        }
        return HiveType.exact("decimal(" + precision + "," + s + ")");
    }

    /** One column's type being expanded: {@code column} and {@code edmType} name it in errors. */
    private record Expansion(String column, String edmType, Map<String, List<CsdlColumn>> complexTypes) {

        HiveType map(String type, Integer maxLength, Integer precision, String scale, int depth) {
            if (depth > HiveTypeSyntax.MAX_DEPTH) {
                throw new MappingException(field(), "column " + column + ": type " + abbreviate(edmType)
                        + " nests deeper than " + HiveTypeSyntax.MAX_DEPTH
                        + " levels, more than Athena and Trino read");
            }
            if (type.startsWith("Collection(") && type.endsWith(")")) {
                HiveType element = map(type.substring(11, type.length() - 1), maxLength, precision, scale, depth + 1);
                return new HiveType(checkedLength("array<" + element.type() + ">"), element.note());
            }
            return switch (type) {
                case "Edm.String" -> string(maxLength);
                case "Edm.Boolean" -> HiveType.exact("boolean");
                case "Edm.SByte" -> HiveType.exact("tinyint");
                // Edm.Byte is unsigned (0..255): it does not fit Hive's signed tinyint.
                case "Edm.Byte", "Edm.Int16" -> HiveType.exact("smallint");
                case "Edm.Int32" -> HiveType.exact("int");
                case "Edm.Int64" -> HiveType.exact("bigint");
                case "Edm.Single" -> HiveType.exact("float");
                case "Edm.Double" -> HiveType.exact("double");
                case "Edm.Decimal" -> decimal(precision, scale);
                case "Edm.Date" -> HiveType.exact("date");
                case "Edm.DateTimeOffset" -> HiveType.exact("timestamp");
                case "Edm.TimeOfDay" -> HiveType.approximate("string",
                        "Edm.TimeOfDay: Hive has no time type; ISO-8601 text");
                case "Edm.Duration" -> HiveType.approximate("string",
                        "Edm.Duration: Hive has no duration type; ISO-8601 text");
                case "Edm.Guid" -> HiveType.approximate("string",
                        "Edm.Guid: Hive has no uuid type; 36-character text");
                case "Edm.Binary", "Edm.Stream" -> HiveType.exact("binary");
                default -> other(type, depth);
            };
        }

        private HiveType other(String type, int depth) {
            String lower = type.toLowerCase(Locale.ROOT);
            if (lower.startsWith("edm.geography") || lower.startsWith("edm.geometry")) {
                return HiveType.approximate("string", type + ": spatial value as text (WKT/GeoJSON)");
            }
            List<CsdlColumn> fields = complexTypes.get(type);
            if (fields != null && depth < MAX_NESTING) {
                List<String> parts = new ArrayList<>();
                List<String> notes = new ArrayList<>();
                int length = "struct<>".length() - 1;
                int notesLength = -"; ".length();
                for (CsdlColumn field : fields) {
                    HiveType mapped = map(field.edmType(), field.maxLength(), field.precision(), field.scale(),
                            depth + 1);
                    String part = GlueNames.column(field.name()) + ":" + mapped.type();
                    length += part.length() + 1;
                    checkLength(length);
                    parts.add(part);
                    if (mapped.note() != null) {
                        String note = field.name() + ": " + mapped.note();
                        notesLength += note.length() + "; ".length();
                        checkNotesLength(notesLength);
                        notes.add(note);
                    }
                }
                if (!parts.isEmpty()) {
                    return new HiveType("struct<" + String.join(",", parts) + ">",
                            notes.isEmpty() ? null : String.join("; ", notes));
                }
            }
            return HiveType.approximate("string", "unknown type " + type + ": mapped to string");
        }

        private String checkedLength(String type) {
            checkLength(type.length());
            return type;
        }

        private void checkLength(int length) {
            if (length > HiveTypeSyntax.MAX_LENGTH) {
                throw new MappingException(field(), "column " + column + ": type " + abbreviate(edmType)
                        + " expands to more than " + HiveTypeSyntax.MAX_LENGTH
                        + " characters, the most Glue stores for a column type");
            }
        }

        private void checkNotesLength(int length) {
            if (length > GlueLimits.PARAMETER_VALUE) {
                throw new MappingException(field(), "column " + column + ": the notes on type " + abbreviate(edmType)
                        + " come to more than " + GlueLimits.PARAMETER_VALUE
                        + " characters, the most Glue stores in a parameter value");
            }
        }

        private String field() {
            return "columns." + column + ".type";
        }

        private static String abbreviate(String type) {
            return type.length() <= 80 ? type : type.substring(0, 77) + "...";
        }
    }
}
