package io.dsgluesync.local.trino;

import java.util.ArrayList;
import java.util.List;

/** A query result as an aligned text table, in the layout of the Trino CLI's default {@code ALIGNED} output. */
public final class TextTable {
    private TextTable() {
    }

    public static String render(QueryResult result) {
        if (result.columns().isEmpty()) {
            return result.updateType().orElse("OK") + "\n";
        }
        List<String> names = result.columnNames();
        List<List<String>> cells = new ArrayList<>();
        int[] widths = names.stream().mapToInt(String::length).toArray();
        for (List<Object> row : result.rows()) {
            List<String> line = new ArrayList<>(row.size());
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i) == null ? "NULL" : String.valueOf(row.get(i));
                widths[i] = Math.max(widths[i], cell.length());
                line.add(cell);
            }
            cells.add(line);
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, names, widths, new boolean[widths.length]);
        for (int i = 0; i < widths.length; i++) {
            out.append(i == 0 ? "" : "+").append("-".repeat(widths[i] + 2));
        }
        out.append('\n');
        for (int r = 0; r < cells.size(); r++) {
            boolean[] rightAligned = new boolean[widths.length];
            for (int i = 0; i < widths.length; i++) {
                rightAligned[i] = result.rows().get(r).get(i) instanceof Number;
            }
            appendRow(out, cells.get(r), widths, rightAligned);
        }
        out.append('(').append(cells.size()).append(cells.size() == 1 ? " row)" : " rows)").append('\n');
        return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> cells, int[] widths, boolean[] rightAligned) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String padding = " ".repeat(widths[i] - cells.get(i).length());
            line.append(i == 0 ? " " : " | ").append(rightAligned[i] ? padding + cells.get(i) : cells.get(i) + padding);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
