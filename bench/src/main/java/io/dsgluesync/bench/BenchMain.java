package io.dsgluesync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.bench.coldstart.ColdStartBench;
import io.dsgluesync.local.stack.StackPaths;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/run [--quick] [--list] [KEY ...]}: runs the named benchmarks (all by default), writes each one's
 * {@code bench/results/KEY.md} and {@code .json}, then gathers every section in bench/results/ into
 * {@code summary.md} and {@code summary.json}. Always exits 0 when it could measure: a missed target is a finding,
 * printed next to its figure, not a failure.
 */
public final class BenchMain {

    /** Every benchmark, in the order of the summary. */
    static List<Bench> all() {
        return List.of(new CallsBench(), new BudgetBench(), new FreshnessBench(), new MappingBench(),
                new ColdStartBench(), new FootprintBench(), new DiscoveryBench());
    }

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        List<String> keys = new ArrayList<>();
        for (String arg : args) {
            switch (arg) {
                case "--quick" -> quick = true;
                case "--list" -> {
                    all().forEach(b -> System.out.printf("%-14s %s%n", b.key(), b.description()));
                    return;
                }
                default -> keys.add(arg);
            }
        }
        Map<String, Bench> byKey = new LinkedHashMap<>();
        all().forEach(b -> byKey.put(b.key(), b));
        for (String key : keys) {
            if (!byKey.containsKey(key)) {
                System.err.println("bench: no benchmark '" + key + "'; --list names them");
                System.exit(2);
            }
        }
        Path results = StackPaths.discover().projectDir().resolve("bench/results");
        String provenance = provenance(quick);
        for (Bench bench : byKey.values()) {
            if (!keys.isEmpty() && !keys.contains(bench.key())) {
                continue;
            }
            System.err.println("bench: " + bench.key() + " ...");
            Section section;
            try {
                section = bench.run(quick);
            } catch (Exception | Error e) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                System.err.println(trace);
                section = new Section(bench.key(), bench.description(), "",
                        List.of(Figure.checked("benchmark ran", "no", "yes", false, String.valueOf(e))),
                        Section.raw(Map.of("error", trace.toString())));
            }
            section = section.withMeasured(provenance);
            section.write(results);
            System.out.println(section.markdown());
        }
        summary(results, byKey);
    }

    /** summary.md and summary.json from every section file in {@code dir}, in {@link #all()}'s order. */
    static void summary(Path dir, Map<String, Bench> benches) throws IOException {
        List<JsonNode> sections = new ArrayList<>();
        for (String key : benches.keySet()) {
            Path json = dir.resolve(key + ".json");
            if (Files.exists(json)) {
                sections.add(JsonCodec.mapper().readTree(json.toFile()));
            }
        }
        StringBuilder md = new StringBuilder("# Benchmark results\n\nWritten by `bench/run`; each section says when"
                + " and where it was measured. Targets and why they are set are in bench/README.md.\n\n");
        for (JsonNode node : sections) {
            md.append(JsonCodec.mapper().treeToValue(node, Section.class).markdown()).append('\n');
        }
        Files.writeString(dir.resolve("summary.md"), md.toString());
        Files.writeString(dir.resolve("summary.json"), JsonCodec.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(Map.of("sections", sections)) + "\n");
    }

    private static String provenance(boolean quick) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", commit " + commit() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version()
                + (quick ? ", --quick" : "");
    }

    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
                    .directory(StackPaths.discover().projectDir().toFile()).redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes()).strip();
            return git.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
