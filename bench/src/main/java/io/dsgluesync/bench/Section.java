package io.dsgluesync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What one benchmark reports: its figures against their targets, how it was measured, and the raw figures.
 * Written as {@code bench/results/<key>.md} and {@code <key>.json}; {@link BenchMain} also gathers every section
 * into {@code bench/results/summary.md} and {@code summary.json}.
 *
 * @param key     file name and command-line name, e.g. "glue-floor"
 * @param title   heading, e.g. "Glue calls against the floor"
 * @param method  how it was measured (setup, references, what the floor is), in markdown
 * @param figures the table
 * @param raw     every raw figure (per-run counts, samples), for the JSON file
 * @param measured when, at which commit and on what machine; set by {@link BenchMain}
 */
public record Section(String key, String title, String method, List<Figure> figures, JsonNode raw,
                      String measured) {

    public Section {
        figures = List.copyOf(figures);
        raw = raw == null ? JsonCodec.mapper().nullNode() : raw;
        measured = measured == null ? "" : measured;
    }

    public Section(String key, String title, String method, List<Figure> figures, JsonNode raw) {
        this(key, title, method, figures, raw, "");
    }

    public Section withMeasured(String provenance) {
        return new Section(key, title, method, figures, raw, provenance);
    }

    /** Any value (records, maps, lists) as the raw JSON of a section. */
    public static JsonNode raw(Object value) {
        return JsonCodec.mapper().valueToTree(value);
    }

    /** The section's table in markdown, under its heading and method. */
    public String markdown() {
        StringBuilder out = new StringBuilder("## ").append(title).append("\n\n");
        if (!measured.isBlank()) {
            out.append("_Measured ").append(measured).append("._\n\n");
        }
        if (!method.isBlank()) {
            out.append(method.strip()).append("\n\n");
        }
        out.append("| figure | value | target | verdict | note |\n|---|---|---|---|---|\n");
        for (Figure f : figures) {
            out.append("| ").append(cell(f.name())).append(" | ").append(cell(f.value())).append(" | ")
                    .append(cell(f.target())).append(" | ").append(f.verdict()).append(" | ")
                    .append(cell(f.note())).append(" |\n");
        }
        return out.toString();
    }

    /** Writes {@code <key>.md} and {@code <key>.json} into {@code dir}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(key + ".md"), markdown());
        Files.writeString(dir.resolve(key + ".json"),
                JsonCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n");
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
