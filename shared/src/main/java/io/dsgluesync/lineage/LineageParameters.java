package io.dsgluesync.lineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsgluesync.lineage.ColumnLineage.SourceColumn;
import io.dsgluesync.model.JsonCodec;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Renders a {@link Lineage} as Glue table and column parameters: compact JSON arrays cut by whole entries at a size
 * bound (so a value is always valid JSON), with what was cut recorded beside it. Same input, byte-identical output.
 * Pure.
 */
public final class LineageParameters {
    /** Table: JSON array of {@code {"space","object","glue"?,"via","connection"?,"remoteEntity"?,"flow"?}}. */
    public static final String UPSTREAM = "datasphere.lineage.upstream";
    /** Table: how many upstream entries did not fit {@link #MAX_UPSTREAM_CHARS}; absent when none was cut. */
    public static final String UPSTREAM_OMITTED = "datasphere.lineage.upstream_omitted";
    /** Table: a view's SQL or CSN query. */
    public static final String DEFINITION = "datasphere.view.definition";
    /** Table: {@code sql} or {@code csn}. */
    public static final String DEFINITION_LANGUAGE = "datasphere.view.definition_language";
    /** Table: the full length in characters of a definition cut at {@link #MAX_DEFINITION_CHARS}. */
    public static final String DEFINITION_TRUNCATED = "datasphere.view.definition_truncated";
    /** Column: JSON array of {@code {"glue"?,"space","object","column"}}, external sources as
     * {@code {"glue"?,"space","connection","remoteEntity","column"}}. */
    public static final String SOURCE = "datasphere.lineage.source";
    /** Column: how many source entries did not fit {@link #MAX_COLUMN_SOURCE_CHARS}; absent when none was cut. */
    public static final String SOURCE_OMITTED = "datasphere.lineage.source_omitted";
    /** Column: identity, rename, aggregation, function or expression. */
    public static final String TRANSFORM = "datasphere.lineage.transform";
    /** Column: the function of an aggregation or function transform. */
    public static final String FUNCTION = "datasphere.lineage.function";

    /** Every table parameter this class writes, for removing the ones a new rendering no longer sets. */
    public static final Set<String> TABLE_KEYS = Set.of(UPSTREAM, UPSTREAM_OMITTED, DEFINITION, DEFINITION_LANGUAGE,
            DEFINITION_TRUNCATED);
    /** Every column parameter this class writes. */
    public static final Set<String> COLUMN_KEYS = Set.of(SOURCE, SOURCE_OMITTED, TRANSFORM, FUNCTION);

    /*
     * Glue allows parameter values of up to 512,000 characters (TableInput.Parameters and Column.Parameters,
     * https://docs.aws.amazon.com/glue/latest/webapi/API_TableInput.html and
     * https://docs.aws.amazon.com/glue/latest/webapi/API_Column.html). These bounds are far smaller on purpose:
     * every GetTable returns the parameters, and the sync's queue messages and audit records carry them.
     */
    public static final int MAX_UPSTREAM_CHARS = 16_384;
    public static final int MAX_DEFINITION_CHARS = 65_536;
    public static final int MAX_COLUMN_SOURCE_CHARS = 2_048;

    private LineageParameters() {
    }

    /**
     * @param table   parameters of the table, sorted by key
     * @param columns per output column (in lineage order), its parameters sorted by key
     */
    public record Rendered(Map<String, String> table, Map<String, Map<String, String>> columns) {
        public Rendered {
            table = Collections.unmodifiableMap(new TreeMap<>(table));
            Map<String, Map<String, String>> copy = new LinkedHashMap<>();
            columns.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
            columns = Collections.unmodifiableMap(copy);
        }
    }

    /**
     * @param glueTable the synced Glue table of an upstream as {@code database.table}, or null when it is not synced
     */
    public static Rendered render(Lineage lineage, Function<Upstream, String> glueTable) {
        Map<Upstream, Optional<String>> resolved = new HashMap<>();
        Function<Upstream, String> glue = u -> resolved.computeIfAbsent(u,
                k -> Optional.ofNullable(glueTable.apply(k))).orElse(null);
        Map<String, String> table = new TreeMap<>();
        if (!lineage.upstreams().isEmpty()) {
            List<String> entries = new ArrayList<>();
            for (Upstream u : lineage.upstreams()) {
                ObjectNode entry = JsonCodec.mapper().createObjectNode();
                put(entry, "space", u.space());
                put(entry, "object", u.object());
                put(entry, "glue", glue.apply(u));
                put(entry, "via", u.via());
                put(entry, "connection", u.connection());
                put(entry, "remoteEntity", u.remoteEntity());
                put(entry, "flow", u.flow());
                entries.add(json(entry));
            }
            bounded(entries, MAX_UPSTREAM_CHARS, table, UPSTREAM, UPSTREAM_OMITTED);
        }
        String definition = lineage.definition();
        if (definition != null) {
            if (definition.length() > MAX_DEFINITION_CHARS) {
                int end = MAX_DEFINITION_CHARS;
                if (Character.isHighSurrogate(definition.charAt(end - 1))) {
                    end--;
                }
                table.put(DEFINITION_TRUNCATED, Integer.toString(definition.length()));
                definition = definition.substring(0, end);
            }
            table.put(DEFINITION, definition);
            table.put(DEFINITION_LANGUAGE, lineage.definitionLanguage());
        }
        Map<String, Map<String, String>> columns = new LinkedHashMap<>();
        for (ColumnLineage c : lineage.columns()) {
            Map<String, String> parameters = new TreeMap<>();
            List<String> entries = new ArrayList<>();
            for (SourceColumn s : c.sources()) {
                Upstream u = upstreamOf(lineage, s);
                ObjectNode entry = JsonCodec.mapper().createObjectNode();
                put(entry, "glue", glue.apply(u));
                put(entry, "space", s.space());
                if (u.external()) {
                    put(entry, "connection", u.connection());
                    put(entry, "remoteEntity", u.remoteEntity());
                } else {
                    put(entry, "object", s.object());
                }
                put(entry, "column", s.column());
                entries.add(json(entry));
            }
            bounded(entries, MAX_COLUMN_SOURCE_CHARS, parameters, SOURCE, SOURCE_OMITTED);
            parameters.put(TRANSFORM, c.transform());
            if (c.function() != null) {
                parameters.put(FUNCTION, c.function());
            }
            columns.put(c.column(), parameters);
        }
        return new Rendered(table, columns);
    }

    /** The upstream a source column belongs to; a Datasphere object the lineage does not list is asked for as is. */
    private static Upstream upstreamOf(Lineage lineage, SourceColumn s) {
        for (Upstream u : lineage.upstreams()) {
            if (!u.external() && Objects.equals(u.space(), s.space()) && Objects.equals(u.object(), s.object())) {
                return u;
            }
        }
        for (Upstream u : lineage.upstreams()) {
            if (u.external() && Objects.equals(u.space(), s.space()) && Objects.equals(u.remoteEntity(), s.object())) {
                return u;
            }
        }
        return Upstream.object(s.space(), s.object(), null);
    }

    /** A JSON array of the leading entries that fit {@code limit} characters; the count of the rest when any. */
    private static void bounded(List<String> entries, int limit, Map<String, String> into, String key,
                                String omittedKey) {
        StringBuilder array = new StringBuilder("[");
        int kept = 0;
        for (String entry : entries) {
            int needed = array.length() + (kept == 0 ? 0 : 1) + entry.length() + 1;
            if (needed > limit) {
                break;
            }
            if (kept > 0) {
                array.append(',');
            }
            array.append(entry);
            kept++;
        }
        into.put(key, array.append(']').toString());
        if (kept < entries.size()) {
            into.put(omittedKey, Integer.toString(entries.size() - kept));
        }
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String json(ObjectNode node) {
        try {
            return JsonCodec.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
