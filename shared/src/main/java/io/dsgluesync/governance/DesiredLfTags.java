package io.dsgluesync.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The LF-Tags the rules give one table's resources, from what the mapping put on the table: its parameters
 * (space, kind, business context, semantic usage, properties), the business context's tags, and its columns'
 * parameters (role, key, semantics). Values are normalised ({@link LfTagLimits#normalised}); a value with nothing
 * usable left is left out with a note. Pure.
 *
 * @param tags  what each resource should carry
 * @param notes values left out
 */
public record DesiredLfTags(LfTags tags, List<String> notes) {

    /**
     * @param tableParameters  the mapped table's parameters ({@code datasphere.space}, {@code datasphere.owner}, …)
     * @param contextTags      the business context's tags, in the rules' order
     * @param columnParameters each column's parameters by Glue name
     */
    public static DesiredLfTags of(List<LfTagRule> rules, Map<String, String> tableParameters,
                                   List<String> contextTags, Map<String, Map<String, String>> columnParameters) {
        Map<String, String> database = new TreeMap<>();
        Map<String, String> table = new TreeMap<>();
        Map<String, Map<String, String>> columns = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        for (LfTagRule rule : rules) {
            switch (rule.level()) {
                case DATABASE -> value(rule, tableParameters, contextTags, "database", notes)
                        .ifPresent(v -> database.put(rule.key(), v));
                case TABLE -> value(rule, tableParameters, contextTags, "table", notes)
                        .ifPresent(v -> table.put(rule.key(), v));
                case COLUMN -> columnParameters.forEach((column, p) -> columnValue(rule, p, column, notes)
                        .ifPresent(v -> columns.computeIfAbsent(column, c -> new TreeMap<>()).put(rule.key(), v)));
            }
        }
        return new DesiredLfTags(new LfTags(database, table, columns), notes);
    }

    private static Optional<String> value(LfTagRule rule, Map<String, String> p, List<String> contextTags,
                                          String where, List<String> notes) {
        String raw = switch (rule.source()) {
            case VALUE -> rule.value();
            case SPACE -> p.get("datasphere.space");
            case KIND -> p.get("datasphere.kind");
            case OWNER -> p.get("datasphere.owner");
            case STEWARD -> p.get("datasphere.steward");
            case CERTIFICATION -> p.get("datasphere.certification");
            case SEMANTIC_USAGE -> p.get("datasphere.semantic_usage");
            case PROPERTY -> p.get("datasphere.property." + rule.property());
            case TAG -> firstTag(rule, contextTags);
            case COLUMN_ROLE, COLUMN_SEMANTICS -> null;
        };
        return normalised(rule, raw, where, notes);
    }

    /** The value of the first tag in the rule's map that the asset has: a resource holds one value per key. */
    private static String firstTag(LfTagRule rule, List<String> contextTags) {
        for (Map.Entry<String, String> mapping : rule.values().entrySet()) {
            if (contextTags.contains(mapping.getKey())) {
                return mapping.getValue();
            }
        }
        return null;
    }

    private static Optional<String> columnValue(LfTagRule rule, Map<String, String> p, String column,
                                                List<String> notes) {
        String raw = switch (rule.source()) {
            case VALUE -> rule.value();
            case COLUMN_ROLE -> role(p);
            case COLUMN_SEMANTICS -> semantics(p);
            default -> null;
        };
        return normalised(rule, raw, "column " + column, notes);
    }

    /** {@code measure}, {@code key} or {@code dimension}: a measure's role first, then whether it is a key. */
    static String role(Map<String, String> p) {
        if ("measure".equals(p.get("datasphere.role"))) {
            return "measure";
        }
        if ("true".equals(p.get("datasphere.key"))) {
            return "key";
        }
        return "dimension".equals(p.get("datasphere.role")) ? "dimension" : null;
    }

    /** {@code calendar} (a date semantics term), {@code amount} (has a currency), {@code quantity} (has a unit). */
    static String semantics(Map<String, String> p) {
        if (p.containsKey("datasphere.calendar")) {
            return "calendar";
        }
        if (p.containsKey("datasphere.currency_ref")) {
            return "amount";
        }
        return p.containsKey("datasphere.unit_ref") ? "quantity" : null;
    }

    private static Optional<String> normalised(LfTagRule rule, String raw, String where, List<String> notes) {
        if (raw == null) {
            return Optional.empty();
        }
        Optional<String> value = LfTagLimits.normalised(raw);
        if (value.isEmpty()) {
            notes.add("LF-Tag " + rule.key() + " left off the " + where + ": '" + raw + "' leaves no usable value");
        }
        return value;
    }
}
