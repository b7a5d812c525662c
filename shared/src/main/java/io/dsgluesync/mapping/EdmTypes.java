package io.dsgluesync.mapping;

import io.dsgluesync.csdl.CsdlColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Edm type + facets → Hive type string, in canonical form (lower case, no spaces; reference glue-and-moto.md §1.4).
 * The README's mapping table lists every row; each has a test. Where Hive cannot hold a value exactly, the column
 * becomes {@code string} with a note, never a silently narrower type.
 */
public final class EdmTypes {
    private static final int MAX_NESTING = 10;

    private EdmTypes() {
    }

    public static HiveType toHive(CsdlColumn column, Map<String, List<CsdlColumn>> complexTypes) {
        return map(column.edmType(), column.maxLength(), column.precision(), column.scale(), complexTypes, 0);
    }

    private static HiveType map(String edmType, Integer maxLength, Integer precision, String scale,
                                Map<String, List<CsdlColumn>> complexTypes, int depth) {
        if (edmType.startsWith("Collection(") && edmType.endsWith(")")) {
            HiveType element = map(edmType.substring(11, edmType.length() - 1), maxLength, precision, scale,
                    complexTypes, depth + 1);
            return new HiveType("array<" + element.type() + ">", element.note());
        }
        return switch (edmType) {
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
            case "Edm.TimeOfDay" -> HiveType.approximate("string", "Edm.TimeOfDay: Hive has no time type; ISO-8601 text");
            case "Edm.Duration" -> HiveType.approximate("string", "Edm.Duration: Hive has no duration type; ISO-8601 text");
            case "Edm.Guid" -> HiveType.approximate("string", "Edm.Guid: Hive has no uuid type; 36-character text");
            case "Edm.Binary", "Edm.Stream" -> HiveType.exact("binary");
            default -> other(edmType, complexTypes, depth);
        };
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

    private static HiveType other(String edmType, Map<String, List<CsdlColumn>> complexTypes, int depth) {
        String lower = edmType.toLowerCase(Locale.ROOT);
        if (lower.startsWith("edm.geography") || lower.startsWith("edm.geometry")) {
            return HiveType.approximate("string", edmType + ": spatial value as text (WKT/GeoJSON)");
        }
        List<CsdlColumn> fields = complexTypes.get(edmType);
        if (fields != null && depth < MAX_NESTING) {
            List<String> parts = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            for (CsdlColumn field : fields) {
                HiveType type = map(field.edmType(), field.maxLength(), field.precision(), field.scale(),
                        complexTypes, depth + 1);
                parts.add(GlueNames.column(field.name()) + ":" + type.type());
                if (type.note() != null) {
                    notes.add(field.name() + ": " + type.note());
                }
            }
            if (!parts.isEmpty()) {
                return new HiveType("struct<" + String.join(",", parts) + ">",
                        notes.isEmpty() ? null : String.join("; ", notes));
            }
        }
        return HiveType.approximate("string", "unknown type " + edmType + ": mapped to string");
    }
}
