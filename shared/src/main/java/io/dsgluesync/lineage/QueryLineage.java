package io.dsgluesync.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.lineage.ColumnLineage.SourceColumn;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the sources and column mappings of one view query in CSN's query notation (CQN,
 * https://cap.cloud.sap/docs/cds/cqn and https://cap.cloud.sap/docs/cds/csn#views-and-projections): {@code SELECT.from}
 * with {@code ref}, {@code join}/{@code args} and nested {@code SELECT} sub-queries, {@code SET.args} for unions, and
 * {@code SELECT.columns}. Associations declared in the definition's {@code elements} or in {@code SELECT.mixin} are
 * sources only when a {@code ref} path of the query steps through them. Unknown members are ignored. Single use.
 */
final class QueryLineage {
    /**
     * Aggregate functions of SAP HANA SQL ("Aggregate Functions", SAP HANA Cloud SQL Reference Guide,
     * https://help.sap.com/docs/hana-cloud-database/sap-hana-cloud-sap-hana-database-sql-reference-guide); any other
     * function is a plain {@code function}.
     */
    static final Set<String> AGGREGATES = Set.of("SUM", "COUNT", "AVG", "MIN", "MAX", "MEDIAN", "STDDEV",
            "STDDEV_POP", "STDDEV_SAMP", "VAR", "VAR_POP", "VAR_SAMP", "STRING_AGG", "FIRST_VALUE", "LAST_VALUE");

    private final ObjectNames names;
    private final Map<String, Upstream> associations = new LinkedHashMap<>();
    private final Set<String> used = new LinkedHashSet<>();
    private final Map<List<String>, Upstream> sources = new LinkedHashMap<>();

    /** What a query yields: its output columns, and the one source a {@code *} projection passes through (or null). */
    private record Projection(Map<String, ColumnLineage> columns, Upstream passThrough) {
    }

    /** What an alias of a {@code from} clause stands for: a source object, or a sub-query's projection. */
    private record Alias(Upstream object, Projection subquery) {
    }

    QueryLineage(ObjectNames names, JsonNode elements) {
        this.names = names;
        if (elements != null && elements.isObject()) {
            elements.fields().forEachRemaining(e -> association(e.getKey(), e.getValue()));
        }
    }

    /** The query's upstreams, in the order it names them, then the associations it uses. */
    List<Upstream> upstreams() {
        Map<List<String>, Upstream> all = new LinkedHashMap<>(sources);
        for (Map.Entry<String, Upstream> a : associations.entrySet()) {
            if (used.contains(a.getKey())) {
                all.putIfAbsent(key(a.getValue()), a.getValue());
            }
        }
        return List.copyOf(all.values());
    }

    /** The query's output columns in query order; call before {@link #upstreams()}. */
    Map<String, ColumnLineage> read(JsonNode query) {
        if (query == null || !query.isObject()) {
            return Map.of();
        }
        collectMixins(query);
        markUsedAssociations(query);
        return query(query, "from").columns();
    }

    private void association(String name, JsonNode element) {
        String type = element.path("type").asText("");
        JsonNode target = element.get("target");
        if ((type.equals("cds.Association") || type.equals("cds.Composition")) && target != null
                && target.isTextual() && !target.asText().isBlank()) {
            associations.putIfAbsent(name, names.resolve(target.asText(), "association"));
        }
    }

    /** {@code SELECT.mixin} declares associations for the query alone; declaring one there is using it. */
    private void collectMixins(JsonNode node) {
        if (node.isObject()) {
            JsonNode mixin = node.path("SELECT").path("mixin");
            mixin.fields().forEachRemaining(e -> {
                association(e.getKey(), e.getValue());
                used.add(e.getKey());
            });
        }
        for (JsonNode child : node) {
            if (child.isContainerNode()) {
                collectMixins(child);
            }
        }
    }

    private void markUsedAssociations(JsonNode node) {
        if (node.isObject() && node.get("ref") != null && node.get("ref").isArray()) {
            for (JsonNode step : node.get("ref")) {
                String name = ObjectNames.step(step);
                if (name != null && associations.containsKey(name)) {
                    used.add(name);
                }
            }
        }
        for (JsonNode child : node) {
            if (child.isContainerNode()) {
                markUsedAssociations(child);
            }
        }
    }

    private Projection query(JsonNode node, String via) {
        if (node.get("SELECT") != null && node.get("SELECT").isObject()) {
            return select(node.get("SELECT"), via);
        }
        JsonNode args = node.path("SET").path("args");
        if (!args.isArray()) {
            return new Projection(Map.of(), null);
        }
        List<Projection> arms = new ArrayList<>();
        for (JsonNode arm : args) {
            if (arm.isObject()) {
                arms.add(query(arm, "union"));
            }
        }
        return new Projection(union(arms), null);
    }

    private Projection select(JsonNode select, String via) {
        Map<String, Alias> scope = new LinkedHashMap<>();
        JsonNode from = select.get("from");
        if (from != null && from.isObject()) {
            from(from, via, scope);
        }
        for (String clause : List.of("where", "having")) {
            subqueries(select.get(clause));
        }
        JsonNode columns = select.get("columns");
        Upstream single = scope.size() == 1 ? scope.values().iterator().next().object() : null;
        boolean star = columns == null || !columns.isArray();
        Map<String, ColumnLineage> out = new LinkedHashMap<>();
        if (!star) {
            // Two passes: a $projection ref may name a sibling column listed after it.
            List<JsonNode> deferred = new ArrayList<>();
            for (JsonNode column : columns) {
                if (column.isTextual() && column.asText().equals("*")) {
                    star = true;
                } else if (column.isObject()) {
                    if (refersToProjection(column)) {
                        deferred.add(column);
                    } else {
                        column(column, scope, out);
                    }
                }
            }
            deferred.forEach(column -> column(column, scope, out));
        }
        return new Projection(out, star ? single : null);
    }

    private void from(JsonNode node, String via, Map<String, Alias> scope) {
        JsonNode ref = node.get("ref");
        if (ref != null && ref.isArray()) {
            String name = ObjectNames.step(ref.get(0));
            if (name == null || name.isBlank()) {
                return;
            }
            Upstream source = names.resolve(name, via);
            sources.putIfAbsent(key(source), source);
            scope.put(node.path("as").asText(ObjectNames.implicitAlias(name)), new Alias(source, null));
        } else if (node.get("join") != null || node.get("args") != null && node.get("args").isArray()) {
            int i = 0;
            for (JsonNode arg : node.path("args")) {
                if (arg.isObject()) {
                    from(arg, i++ == 0 ? via : "join", scope);
                }
            }
        } else if (node.has("SELECT") || node.has("SET")) {
            Projection sub = query(node, "subquery");
            JsonNode alias = node.get("as");
            if (alias != null && alias.isTextual()) {
                scope.put(alias.asText(), new Alias(null, sub));
            }
        }
    }

    /** Sub-queries in a filter ({@code where … in (SELECT …)}) are sources too. */
    private void subqueries(JsonNode node) {
        if (node == null || !node.isContainerNode()) {
            return;
        }
        if (node.isObject() && (node.has("SELECT") || node.has("SET"))) {
            query(node, "subquery");
            return;
        }
        for (JsonNode child : node) {
            subqueries(child);
        }
    }

    private void column(JsonNode column, Map<String, Alias> scope, Map<String, ColumnLineage> out) {
        JsonNode ref = column.get("ref");
        String name = column.path("as").asText(null);
        if (name == null && ref != null && ref.isArray() && !ref.isEmpty()) {
            name = ObjectNames.step(ref.get(ref.size() - 1));
        }
        if (name == null || name.isBlank()) {
            return;
        }
        boolean plainRef = ref != null && ref.isArray() && !column.has("cast") && !column.has("xpr")
                && !column.has("func") && !column.has("case");
        if (plainRef) {
            ColumnLineage origin = resolve(ref, scope, out);
            if (origin != null) {
                out.put(name, carried(name, origin));
            }
            return;
        }
        Set<SourceColumn> found = new LinkedHashSet<>();
        for (JsonNode r : refs(column, new ArrayList<>())) {
            ColumnLineage origin = resolve(r, scope, out);
            if (origin != null) {
                found.addAll(origin.sources());
            }
        }
        if (found.isEmpty()) {
            return;
        }
        JsonNode func = column.get("func");
        if (func != null && func.isTextual() && !column.has("xpr")) {
            String function = func.asText().toUpperCase(Locale.ROOT);
            out.put(name, new ColumnLineage(name, List.copyOf(found),
                    AGGREGATES.contains(function) ? "aggregation" : "function", function));
        } else {
            out.put(name, new ColumnLineage(name, List.copyOf(found), "expression", null));
        }
    }

    /** A column that is one ref: identity or rename when the ref reaches a source column directly, else inherited. */
    private static ColumnLineage carried(String name, ColumnLineage origin) {
        boolean direct = origin.transform().equals("identity") || origin.transform().equals("rename");
        if (direct && origin.sources().size() == 1) {
            String transform = origin.sources().get(0).column().equals(name) ? "identity" : "rename";
            return new ColumnLineage(name, origin.sources(), transform, null);
        }
        return new ColumnLineage(name, origin.sources(), origin.transform(), origin.function());
    }

    /**
     * Where one {@code ref} path leads: {@code [alias, COL]}, {@code [alias, _assoc, …, COL]}, {@code [_assoc, COL]},
     * {@code [COL]} with a single source, or {@code ["$projection", COL]}; null when unknown.
     */
    private ColumnLineage resolve(JsonNode ref, Map<String, Alias> scope, Map<String, ColumnLineage> projected) {
        List<String> steps = new ArrayList<>();
        for (JsonNode step : ref) {
            String s = ObjectNames.step(step);
            if (s == null) {
                return null;
            }
            steps.add(s);
        }
        if (steps.isEmpty()) {
            return null;
        }
        if (steps.get(0).equals("$projection") || steps.get(0).equals("$self")) {
            return steps.size() == 2 ? projected.get(steps.get(1)) : null;
        }
        Alias alias = scope.get(steps.get(0));
        List<String> rest = steps.subList(1, steps.size());
        if (alias == null || rest.isEmpty()) {
            if (associations.containsKey(steps.get(0)) && steps.size() >= 2) {
                return direct(associations.get(steps.get(0)), steps.get(steps.size() - 1));
            }
            if (scope.size() != 1) {
                return null;
            }
            alias = scope.values().iterator().next();
            rest = steps;
        }
        if (alias.object() != null) {
            if (rest.size() == 1) {
                return direct(alias.object(), rest.get(0));
            }
            Upstream target = associations.get(rest.get(0));
            return target == null ? null : direct(target, rest.get(rest.size() - 1));
        }
        if (rest.size() != 1) {
            return null;
        }
        ColumnLineage inner = alias.subquery().columns().get(rest.get(0));
        if (inner == null && alias.subquery().passThrough() != null) {
            return direct(alias.subquery().passThrough(), rest.get(0));
        }
        return inner;
    }

    private static ColumnLineage direct(Upstream source, String column) {
        return new ColumnLineage(column, List.of(new SourceColumn(source.space(), source.object(), column)),
                "identity", null);
    }

    /** Every {@code ref} inside an expression, not descending into a ref's own filters or into sub-queries. */
    private static List<JsonNode> refs(JsonNode node, List<JsonNode> found) {
        if (node.isObject()) {
            JsonNode ref = node.get("ref");
            if (ref != null && ref.isArray()) {
                found.add(ref);
                return found;
            }
            if (node.has("SELECT") || node.has("SET")) {
                return found;
            }
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            JsonNode child = it.next();
            if (child.isContainerNode()) {
                refs(child, found);
            }
        }
        return found;
    }

    private static boolean refersToProjection(JsonNode column) {
        for (JsonNode ref : refs(column, new ArrayList<>())) {
            String first = ObjectNames.step(ref.get(0));
            if ("$projection".equals(first) || "$self".equals(first)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A union's columns are the first arm's names, each fed by the same position of every arm: identity when every
     * arm passes the column through unchanged, rename when some rename it, else the first other transform.
     */
    private static Map<String, ColumnLineage> union(List<Projection> arms) {
        Map<String, ColumnLineage> out = new LinkedHashMap<>();
        if (arms.isEmpty()) {
            return out;
        }
        List<List<ColumnLineage>> byArm = new ArrayList<>();
        arms.forEach(arm -> byArm.add(List.copyOf(arm.columns().values())));
        List<ColumnLineage> first = byArm.get(0);
        for (int i = 0; i < first.size(); i++) {
            String name = first.get(i).column();
            Set<SourceColumn> found = new LinkedHashSet<>();
            String transform = "identity";
            String function = null;
            for (List<ColumnLineage> arm : byArm) {
                if (i >= arm.size()) {
                    continue;
                }
                ColumnLineage c = arm.get(i);
                found.addAll(c.sources());
                if (c.transform().equals("rename") && transform.equals("identity")) {
                    transform = "rename";
                } else if (!c.transform().equals("identity") && !c.transform().equals("rename")
                        && (transform.equals("identity") || transform.equals("rename"))) {
                    transform = c.transform();
                    function = c.function();
                }
            }
            out.put(name, new ColumnLineage(name, List.copyOf(found), transform, function));
        }
        return out;
    }

    private static List<String> key(Upstream u) {
        List<String> key = new ArrayList<>(2);
        key.add(u.space());
        key.add(u.object());
        return key;
    }
}
