package io.dsgluesync.governance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One LF-Tag the sync assigns: its {@code key}, where its value comes from, and which resources get it.
 *
 * @param property the property's name for {@link Source#PROPERTY}; null otherwise
 * @param values   for {@link Source#TAG}: rules-file tag → LF-Tag value, in the listed order (the first tag the
 *                 asset has wins, since a resource holds one value per key); empty otherwise
 * @param value    the constant of {@link Source#VALUE}; null otherwise
 */
public record LfTagRule(String key, Source source, Level level, String property, Map<String, String> values,
                        String value) {

    public LfTagRule {
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Which resource gets the tag. */
    public enum Level { DATABASE, TABLE, COLUMN }

    /** Where the value comes from; {@link #levels} says where each source can apply. */
    public enum Source {
        SPACE("space", Level.DATABASE, Level.TABLE),
        VALUE("value", Level.DATABASE, Level.TABLE, Level.COLUMN),
        KIND("kind", Level.TABLE),
        OWNER("owner", Level.TABLE),
        STEWARD("steward", Level.TABLE),
        CERTIFICATION("certification", Level.TABLE),
        SEMANTIC_USAGE("semanticUsage", Level.TABLE),
        PROPERTY("property", Level.TABLE),
        TAG("tag", Level.TABLE),
        COLUMN_ROLE("columnRole", Level.COLUMN),
        COLUMN_SEMANTICS("columnSemantics", Level.COLUMN);

        private final String json;
        private final java.util.Set<Level> levels;

        Source(String json, Level first, Level... more) {
            this.json = json;
            this.levels = java.util.EnumSet.of(first, more);
        }

        public String json() {
            return json;
        }

        /**
         * Where this source's value is defined: a database holds the tables of one space, so only what depends on
         * the space alone (the space, a constant) can tag it; business context is matched per asset.
         */
        public java.util.Set<Level> levels() {
            return levels;
        }

        public static java.util.Optional<Source> of(String json) {
            for (Source source : values()) {
                if (source.json.equals(json)) {
                    return java.util.Optional.of(source);
                }
            }
            return java.util.Optional.empty();
        }

        /** The level a rule without {@code on} applies to. */
        public Level defaultLevel() {
            return levels.contains(Level.TABLE) ? Level.TABLE : Level.COLUMN;
        }
    }

    /** A deterministic text of the rule, for the configuration hash. */
    public String canonical() {
        return key + "<-" + source.json() + "@" + level.name().toLowerCase(java.util.Locale.ROOT)
                + (property == null ? "" : ":" + property) + (values.isEmpty() ? "" : values.toString())
                + (value == null ? "" : "=" + value);
    }
}
