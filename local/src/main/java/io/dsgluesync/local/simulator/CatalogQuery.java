package io.dsgluesync.local.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The query options the simulated catalog understands on collections: {@code $top}, {@code $skip},
 * {@code $count=true} and a {@code $filter} made of {@code field eq 'value'} clauses joined by {@code and}
 * (the form SAP's own Power BI connector sends, https://github.com/SAP-samples/data-warehouse-cloud-connectors,
 * {@code power-bi/dwc.m}). Other options are ignored.
 */
final class CatalogQuery {

    /** One page of a collection. {@code nextTop} is null when the client sent no $top. */
    record Page<T>(List<T> rows, int total, boolean truncatedByServer, int nextSkip, Integer nextTop) {
    }

    private final Integer top;
    private final int skip;
    private final boolean count;
    private final Map<String, String> filter;
    private final Map<String, String> otherOptions = new LinkedHashMap<>();

    private CatalogQuery(Map<String, String> params) {
        this.top = nonNegative(params, "$top");
        Integer skipValue = nonNegative(params, "$skip");
        this.skip = skipValue == null ? 0 : skipValue;
        this.count = "true".equalsIgnoreCase(params.get("$count"));
        this.filter = parseFilter(params.get("$filter"));
        params.forEach((key, value) -> {
            if (!"$top".equals(key) && !"$skip".equals(key)) {
                otherOptions.put(key, value);
            }
        });
    }

    static CatalogQuery parse(Map<String, String> params) {
        return new CatalogQuery(params);
    }

    boolean count() {
        return count;
    }

    /**
     * Filters, then cuts one page. The server page holds min($top, maxPageSize) rows. It counts as truncated by
     * the server only when that limit, not the client's own $top, stopped it short of the remaining rows
     * (SAP's "OData API Reference", Pagination: no next link when the client paged with $top/$skip itself,
     * https://help.sap.com/docs/SAP_DATASPHERE/43509d67b8b84e66a30851e832f66911/b9098c3a706640189bc1d4eb7d5d5c52.html).
     */
    <T> Page<T> page(List<T> rows, Set<String> filterableFields, Function<T, Map<String, String>> fields,
                     int maxPageSize) {
        List<T> matching = applyFilter(rows, filterableFields, fields);
        int total = matching.size();
        int from = Math.min(skip, total);
        int pageSize = top == null ? maxPageSize : Math.min(top, maxPageSize);
        int to = (int) Math.min((long) from + pageSize, total);
        boolean serverLimited = top == null || top > maxPageSize;
        boolean truncated = serverLimited && to < total;
        Integer nextTop = top == null ? null : top - (to - from);
        return new Page<>(matching.subList(from, to), total, truncated, to, nextTop);
    }

    /** The query string of the next page: the other options unchanged, $top reduced, $skip advanced. */
    String nextPageQuery(Page<?> page) {
        StringBuilder query = new StringBuilder();
        otherOptions.forEach((key, value) -> query.append(key.startsWith("$") ? key : HttpIo.formEncode(key))
                .append('=').append(HttpIo.formEncode(value)).append('&'));
        if (page.nextTop() != null) {
            query.append("$top=").append(page.nextTop()).append('&');
        }
        return query.append("$skip=").append(page.nextSkip()).toString();
    }

    private <T> List<T> applyFilter(List<T> rows, Set<String> filterableFields, Function<T, Map<String, String>> fields) {
        if (filter.isEmpty()) {
            return rows;
        }
        for (String field : filter.keySet()) {
            if (!filterableFields.contains(field)) {
                throw ODataError.badRequest("Property '" + field + "' not found");
            }
        }
        List<T> result = new ArrayList<>();
        for (T row : rows) {
            Map<String, String> values = fields.apply(row);
            if (filter.entrySet().stream().allMatch(e -> e.getValue().equals(values.get(e.getKey())))) {
                result.add(row);
            }
        }
        return result;
    }

    private static Map<String, String> parseFilter(String expression) {
        Map<String, String> clauses = new LinkedHashMap<>();
        if (expression == null || expression.isBlank()) {
            return clauses;
        }
        String s = expression.trim();
        int i = 0;
        while (true) {
            int space = s.indexOf(' ', i);
            if (space < 0) {
                throw invalidFilter(expression);
            }
            String field = s.substring(i, space);
            int valueStart = skipSpaces(s, space);
            if (!s.startsWith("eq ", valueStart)) {
                throw invalidFilter(expression);
            }
            int[] end = new int[1];
            String value = ODataSegment.readLiteral(s, skipSpaces(s, valueStart + 2), end);
            if (clauses.put(field, value) != null) {
                throw invalidFilter(expression);
            }
            i = skipSpaces(s, end[0]);
            if (i >= s.length()) {
                return clauses;
            }
            if (!s.startsWith("and ", i)) {
                throw invalidFilter(expression);
            }
            i = skipSpaces(s, i + 3);
        }
    }

    private static ODataError invalidFilter(String expression) {
        return ODataError.badRequest("Unsupported $filter expression: " + expression);
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static Integer nonNegative(Map<String, String> params, String name) {
        String raw = params.get(name);
        if (raw == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ODataError.badRequest("Invalid value '" + raw + "' for " + name);
        }
    }
}
