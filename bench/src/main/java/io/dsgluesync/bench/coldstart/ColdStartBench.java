package io.dsgluesync.bench.coldstart;

import io.dsgluesync.bench.Bench;
import io.dsgluesync.bench.Figure;
import io.dsgluesync.bench.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Cold start of each function against a hello-world handler: process start (emulator, then the JVM it starts on the
 * first invoke) to the end of the first invocation under the Runtime Interface Emulator, with the same runtime
 * interface client, JVM and {@code JAVA_TOOL_OPTIONS}. Every configuration is sampled once per round, so function
 * and hello-world runs alternate; medians and their ratio. Each lever is a configuration of its own, measured in the
 * same rounds, so its before/after figures share the machine's load.
 */
public final class ColdStartBench implements Bench {
    private static final double TARGET_RATIO = 2.0;
    /** Key prefix of the hello-world samples taken right before a configuration's samples. */
    private static final String PAIRED = "hello-before:";
    private static final List<String> FUNCTIONS = List.of("DiscoveryFunction", "WorkerFunction", "ResultsFunction");
    /**
     * The template's {@code -XX:TieredStopAtLevel=1} removed; Lambda's java17+ runtimes stop at C1 already
     * (https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html), a local JVM does not.
     */
    private static final Map<String, String> NO_TIERED_FLAGS = Map.of("JAVA_TOOL_OPTIONS", "");
    private static final Map<String, String> STATIC_CREDENTIALS = Map.of("DSGS_CREDENTIALS", "static",
            "DSGS_ACCESS_KEY_ID", "testing", "DSGS_SECRET_ACCESS_KEY", "testing");

    private static final Config HELLO = new Config("hello", ColdStartStack.HELLO, Map.of());
    private static final Config HELLO_NO_FLAGS = new Config("hello/no-tiered-flags", ColdStartStack.HELLO,
            NO_TIERED_FLAGS);

    /** A function (or the hello-world), the environment it runs with, and its jar (null: this build's). */
    record Config(String name, String function, Map<String, String> overrides, Path jar) {
        Config(String name, String function, Map<String, String> overrides) {
            this(name, function, overrides, null);
        }
    }

    @Override
    public String key() {
        return "cold-start";
    }

    @Override
    public String description() {
        return "cold start of each function under the emulator next to a hello-world handler, and the levers";
    }

    /**
     * Every configuration; with {@code before} holding an earlier revision's jars (bench/cold-start-before), also each
     * function built from that revision, so that this checkout's code levers are measured against it.
     */
    static List<Config> configs(Path before) {
        List<Config> all = new ArrayList<>();
        for (String f : FUNCTIONS) {
            Path jar = before.resolve(shortName(f) + ".jar");
            if (Files.exists(jar)) {
                all.add(new Config(shortName(f) + "/before", f, Map.of(), jar));
            }
        }
        all.add(HELLO);
        all.add(HELLO_NO_FLAGS);
        for (String f : FUNCTIONS) {
            all.add(new Config(shortName(f), f, Map.of()));
            all.add(new Config(shortName(f) + "/no-tiered-flags", f, NO_TIERED_FLAGS));
            all.add(new Config(shortName(f) + "/static-credentials", f, STATIC_CREDENTIALS));
        }
        all.add(new Config("worker/primed-init", "WorkerFunction", Map.of("DSGS_PRIME_AT_INIT", "true")));
        return all;
    }

    @Override
    public Section run(boolean quick) throws Exception {
        int rounds = quick ? 3 : 5;
        Map<String, List<ColdStartStack.Sample>> samples = new LinkedHashMap<>();
        Map<String, Map<String, Long>> classes = new LinkedHashMap<>();
        String before = "";
        try (ColdStartStack stack = ColdStartStack.start()) {
            List<Config> configs = configs(stack.beforeDir());
            configs.forEach(c -> samples.put(c.name(), new ArrayList<>()));
            Path revision = stack.beforeDir().resolve("REVISION");
            before = Files.exists(revision) ? Files.readString(revision).strip() : "";
            List<Config> functions = configs.stream().filter(c -> !c.function().equals(ColdStartStack.HELLO)).toList();
            Random order = new Random(20261202L);
            for (int round = 0; round < rounds; round++) {
                // A new order each round, so that no configuration always follows the same one; each function
                // sample right after a hello-world sample with the same JVM flags, so that the two alternate and
                // share the machine's load of the moment.
                List<Config> shuffled = new ArrayList<>(functions);
                Collections.shuffle(shuffled, order);
                for (Config c : shuffled) {
                    Config hello = c.overrides().equals(NO_TIERED_FLAGS) ? HELLO_NO_FLAGS : HELLO;
                    ColdStartStack.Sample h = sample(stack, hello, round);
                    samples.get(hello.name()).add(h);
                    samples.computeIfAbsent(PAIRED + c.name(), k -> new ArrayList<>()).add(h);
                    samples.get(c.name()).add(sample(stack, c, round));
                }
            }
            for (String f : withHello()) {
                classes.put(shortName(f), stack.classesLoaded(f));
            }
        }
        return section(samples, classes, rounds, before);
    }

    private static ColdStartStack.Sample sample(ColdStartStack stack, Config c, int round) throws Exception {
        ColdStartStack.Sample s = stack.coldStart(c.name().replace('/', '-'), c.function(), c.overrides(), c.jar());
        System.err.printf("cold-start: round %d %-34s %6d ms (init %.0f, first invoke %.0f)%n", round + 1, c.name(),
                s.wallMs(), s.initMs(), s.firstInvokeMs());
        return s;
    }

    /** The median of the hello-world samples taken right before {@code config}'s. */
    private static double pairedHello(Map<String, List<ColdStartStack.Sample>> samples, String config) {
        return median(samples.get(PAIRED + config), s -> s.wallMs());
    }

    private static List<String> withHello() {
        List<String> all = new ArrayList<>(List.of(ColdStartStack.HELLO));
        all.addAll(FUNCTIONS);
        return all;
    }

    static Section section(Map<String, List<ColdStartStack.Sample>> samples, Map<String, Map<String, Long>> classes,
                           int rounds, String beforeRevision) {
        List<Figure> figures = new ArrayList<>();
        double hello = median(samples.get("hello"), s -> s.wallMs());
        double helloNoFlags = median(samples.get("hello/no-tiered-flags"), s -> s.wallMs());
        figures.add(Figure.context("hello-world cold start (median)", ms(hello),
                "reference, same emulator, runtime client, JVM and JAVA_TOOL_OPTIONS; init "
                        + ms(median(samples.get("hello"), s -> s.initMs())) + ", first invoke "
                        + ms(median(samples.get("hello"), s -> s.firstInvokeMs()))));
        for (String f : FUNCTIONS) {
            String name = shortName(f);
            double fn = median(samples.get(name), s -> s.wallMs());
            double paired = pairedHello(samples, name);
            double ratio = fn / paired;
            boolean met = ratio <= TARGET_RATIO;
            figures.add(Figure.checked(name + ": cold start / hello-world (medians)",
                    String.format(Locale.ROOT, "%.2f (%s / %s)", ratio, ms(fn), ms(paired)),
                    String.format(Locale.ROOT, "<= %.1f", TARGET_RATIO), met,
                    "init " + ms(median(samples.get(name), s -> s.initMs())) + ", first invoke "
                            + ms(median(samples.get(name), s -> s.firstInvokeMs()))
                            + (met ? "" : "; " + whyMissed(name))));
        }
        for (String f : FUNCTIONS) {
            String name = shortName(f);
            if (samples.containsKey(name + "/before")) {
                double earlier = median(samples.get(name + "/before"), s -> s.wallMs());
                double now = median(samples.get(name), s -> s.wallMs());
                figures.add(Figure.context("code levers (this build against " + beforeRevision + "): " + name,
                        change(earlier, now) + "; ratio to hello " + String.format(Locale.ROOT, "%.2f -> %.2f",
                                earlier / pairedHello(samples, name + "/before"), now / pairedHello(samples, name)),
                        "init " + change(median(samples.get(name + "/before"), s -> s.initMs()),
                                median(samples.get(name), s -> s.initMs())) + ", first invoke "
                                + change(median(samples.get(name + "/before"), s -> s.firstInvokeMs()),
                                median(samples.get(name), s -> s.firstInvokeMs()))));
            }
        }
        for (String f : FUNCTIONS) {
            String name = shortName(f);
            double before = median(samples.get(name), s -> s.wallMs());
            double after = median(samples.get(name + "/no-tiered-flags"), s -> s.wallMs());
            figures.add(Figure.context("lever, tiered flags removed (C2 allowed): " + name,
                    change(before, after) + "; ratio to hello (also without flags) "
                            + String.format(Locale.ROOT, "%.2f",
                            after / pairedHello(samples, name + "/no-tiered-flags")),
                    "before = template's -XX:TieredStopAtLevel=1; hello without flags " + ms(helloNoFlags)
                            + " vs " + ms(hello)));
        }
        for (String f : FUNCTIONS) {
            String name = shortName(f);
            double before = median(samples.get(name), s -> s.wallMs());
            double after = median(samples.get(name + "/static-credentials"), s -> s.wallMs());
            figures.add(Figure.context("lever, static credentials instead of the default chain: " + name,
                    change(before, after), "an upper bound for an explicit provider; the default chain stays"
                            + " (SnapStart supplies container credentials)"));
        }
        List<ColdStartStack.Sample> plain = samples.get("worker");
        List<ColdStartStack.Sample> primed = samples.get("worker/primed-init");
        figures.add(Figure.context("lever, SnapStart priming (WorkerPriming run at init): worker first invoke",
                change(median(plain, s -> s.firstInvokeMs()), median(primed, s -> s.firstInvokeMs())),
                "what a restored snapshot would still pay in its first invocation, without the restore itself (no"
                        + " CRaC JVM here); init " + change(median(plain, s -> s.initMs()),
                        median(primed, s -> s.initMs())) + ", whole cold start "
                        + change(median(plain, s -> s.wallMs()), median(primed, s -> s.wallMs()))));
        for (Map.Entry<String, Map<String, Long>> e : classes.entrySet()) {
            long total = e.getValue().values().stream().mapToLong(Long::longValue).sum();
            String top = e.getValue().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                    .map(p -> p.getKey() + " " + p.getValue()).reduce((a, b) -> a + ", " + b).orElse("");
            figures.add(Figure.context("classes loaded by the end of the first invocation: " + e.getKey(),
                    String.format(Locale.ROOT, "%,d", total), "largest packages: " + top));
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("classesLoadedByPackage", classes);
        raw.put("rounds", rounds);
        raw.put("beforeRevision", beforeRevision);
        raw.put("targetRatio", TARGET_RATIO);
        raw.put("samples", samples);
        return new Section("cold-start", "Cold start against a hello-world handler", method(rounds), figures,
                Section.raw(raw));
    }

    private static String whyMissed(String name) {
        return name + " loads some 4x the hello-world's classes (rows below: the SDK and its clients, Powertools'"
                + " log4j backend, Jackson) during init and pays their first use (marshalling, signing, the first"
                + " connections) in the first invocation. What would fix it: SnapStart (on in template.yaml), whose"
                + " restore skips init and cannot be measured here (no CRaC JVM); a lighter logging backend than"
                + " log4j (a dependency change, not made here)";
    }

    private static String method(int rounds) {
        return "Each sample is a fresh emulator (`.tools/aws-lambda-rie`) and JVM (`java -cp <jar>:local/target/ric/*`"
                + " with the runtime interface client), started by `LambdaEmulator` exactly as the local stack runs the"
                + " functions, and timed from the emulator's start to the end of the first invocation. The first"
                + " invocation does the real work against a private moto and the sample tenant's simulator: discovery"
                + " lists the tenant and enqueues 10 assets; the worker syncs the 2 assets of `events/worker-sqs.json`"
                + " into moto's Glue (its database removed before each sample, so every sample creates it); results"
                + " records the 3 audit records of `events/results-sqs.json` under a new run id each time. The"
                + " hello-world is a `RequestHandler<Map<String, Object>, String>` returning a constant, in its own"
                + " jar, with the worker's environment and `JAVA_TOOL_OPTIONS`. " + rounds + " rounds; every"
                + " configuration once per round in a new (seeded) order, each right after a hello-world sample with"
                + " the same JVM flags, so that function and hello-world runs alternate; a function's ratio is against"
                + " the hello-world samples taken right before its own."
                + " Medians; \"init\" and \"first invoke\" are the emulator's `INIT REPORT` and first `INVOKE RTDONE`."
                + " Times are on a shared 2-core machine: read the ratios, not the milliseconds.";
    }

    static String shortName(String function) {
        return function.equals(ColdStartStack.HELLO) ? "hello"
                : function.replace("Function", "").toLowerCase(Locale.ROOT);
    }

    static String change(double before, double after) {
        return String.format(Locale.ROOT, "%s -> %s (x%.2f)", ms(before), ms(after), after / before);
    }

    static double median(List<ColdStartStack.Sample> samples, ToDoubleFunction<ColdStartStack.Sample> value) {
        double[] sorted = samples.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, "%,.0f ms", millis);
    }
}
