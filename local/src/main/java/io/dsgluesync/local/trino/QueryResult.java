package io.dsgluesync.local.trino;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What a statement answered: its columns with Trino's type names, its rows (JSON values as Jackson reads them:
 * {@code String}, {@code Integer}/{@code Long}, {@code Double}, {@code Boolean}, lists, maps, or {@code null}), and
 * for statements without rows the update type, e.g. {@code CREATE CATALOG}.
 */
public record QueryResult(String queryId, List<Column> columns, List<List<Object>> rows, Optional<String> updateType) {

    public record Column(String name, String type) {
    }

    public QueryResult {
        columns = List.copyOf(columns);
        // Rows hold SQL NULLs, which List.copyOf refuses.
        List<List<Object>> copied = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            copied.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copied);
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** The values of one column, in row order. */
    public List<Object> column(String name) {
        int index = columnNames().indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + columnNames());
        }
        return rows.stream().map(row -> row.get(index)).toList();
    }
}
