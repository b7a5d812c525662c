package io.dsgluesync.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.datasphere.ClientCredentials;
import io.dsgluesync.local.simulator.DatasphereSimulator;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.local.stack.LambdaEmulator;
import io.dsgluesync.local.stack.LocalAws;
import io.dsgluesync.local.stack.MotoServer;
import io.dsgluesync.local.stack.SamTemplate;
import io.dsgluesync.local.stack.StackEndpoints;
import io.dsgluesync.local.stack.StackPaths;
import io.dsgluesync.local.stack.StackResources;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A private local stack for the cold-start benchmark (its own moto on a free port, an in-process simulator with the
 * sample tenant, template.yaml's resources) and one cold start at a time: a fresh emulator and JVM, one invocation
 * that does the function's real first job, the state reset afterwards so that every sample does the same work.
 */
final class ColdStartStack implements AutoCloseable {
    static final String HELLO = "HelloWorld";
    /** The emulator's phase lines (https://github.com/aws/aws-lambda-runtime-interface-emulator). */
    private static final Pattern INIT_REPORT = Pattern.compile("INIT REPORT\\(durationMs: ([0-9.]+)\\)");
    private static final Pattern INVOKE_DONE = Pattern.compile("INVOKE RTDONE\\(.*duration: ([0-9.]+)ms\\)");
    private static final Pattern LOADED_CLASS = Pattern.compile("\\]\\s*([\\w.$]+) source:");
    private static final String SAMPLE_RUN_ID = "20261125T020000Z-53dc4d37";
    private final StackPaths paths;
    private final Path dir;
    private final long motoPid;
    private final DatasphereSimulator simulator;
    private final StackEndpoints endpoints;
    private final LocalAws aws;
    private final SamTemplate template;
    private final Path helloJar;
    private int samples;

    /** One cold start: wall time from the emulator's start to the first answer, and the emulator's phases. */
    record Sample(String config, long wallMs, double initMs, double firstInvokeMs) {
    }

    private ColdStartStack(StackPaths paths, Path dir, long motoPid, DatasphereSimulator simulator,
                           StackEndpoints endpoints, LocalAws aws, Path helloJar) throws IOException {
        this.paths = paths;
        this.dir = dir;
        this.motoPid = motoPid;
        this.simulator = simulator;
        this.endpoints = endpoints;
        this.aws = aws;
        this.template = SamTemplate.read(paths.template());
        this.helloJar = helloJar;
    }

    static ColdStartStack start() throws IOException {
        StackPaths paths = StackPaths.discover();
        Path dir = paths.projectDir().resolve("bench/target/cold-start");
        Files.createDirectories(dir);
        Path helloJar = HelloWorldJar.build(dir, paths.ricDir());
        int motoPort = LambdaEmulator.freePort();
        long pid = MotoServer.start(paths, motoPort, dir.resolve("moto.log"));
        DatasphereSimulator simulator = DatasphereSimulator.start(SimulatorOptions.defaults());
        ClientCredentials client = new ClientCredentials(simulator.clientId(), simulator.clientSecret());
        LocalAws aws = new LocalAws(motoPort);
        StackResources resources = StackResources.bootstrap(aws, client,
                paths.projectDir().resolve("local/sync-rules.json"));
        StackEndpoints endpoints = new StackEndpoints(motoPort, simulator.baseUrl().toString(),
                simulator.tokenUrl().toString(), client, resources);
        return new ColdStartStack(paths, dir, pid, simulator, endpoints, aws, helloJar);
    }

    /** Where {@code bench/cold-start-before REV} puts an earlier revision's function jars. */
    Path beforeDir() {
        return dir.resolve("before");
    }

    /** The function as template.yaml defines it (the hello-world: the worker's Globals and environment). */
    SamTemplate.FunctionDefinition definition(String function) {
        if (function.equals(HELLO)) {
            SamTemplate.FunctionDefinition worker = template.function("WorkerFunction", endpoints.physicalIds());
            return new SamTemplate.FunctionDefinition(HELLO, HelloWorldJar.HANDLER, helloJar.toString(),
                    worker.environment(), worker.timeout());
        }
        return template.function(function, endpoints.physicalIds());
    }

    /** One cold start of {@code function} with {@code overrides} over its environment; throws if it did no work. */
    Sample coldStart(String config, String function, Map<String, String> overrides) throws Exception {
        return coldStart(config, function, overrides, null);
    }

    /** The same with the function's code from {@code jar} (another revision's build) when it is not null. */
    Sample coldStart(String config, String function, Map<String, String> overrides, Path jar) throws Exception {
        String event = event(function);
        prepare(function);
        Path log = dir.resolve("logs/" + config + "-" + (++samples) + ".log");
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log); // the emulator appends
        SamTemplate.FunctionDefinition definition = definition(function).withEnvironment(overrides);
        if (jar != null) {
            definition = new SamTemplate.FunctionDefinition(definition.logicalId(), definition.handler(),
                    jar.toString(), definition.environment(), definition.timeout());
        }
        long start = System.nanoTime();
        LambdaEmulator.Invocation invocation;
        int resets;
        try (LambdaEmulator emulator = LambdaEmulator.start(paths, definition, endpoints.runtimeEnvironment(), log)) {
            invocation = emulator.call(event);
            resets = emulator.resets();
        }
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        check(function, invocation, resets, log);
        String text = Files.readString(log);
        return new Sample(config, wallMs, first(INIT_REPORT, text), first(INVOKE_DONE, text));
    }

    /**
     * Classes the JVM loaded by the end of the first invocation, by top package (three name segments), from one extra,
     * untimed cold start with {@code -Xlog:class+load} added to {@code JAVA_TOOL_OPTIONS}.
     */
    Map<String, Long> classesLoaded(String function) throws Exception {
        Path classLog = dir.resolve("logs/classes-" + function + ".log");
        Files.deleteIfExists(classLog);
        String options = definition(function).environment().getOrDefault("JAVA_TOOL_OPTIONS", "");
        coldStart("classes-" + function, function,
                Map.of("JAVA_TOOL_OPTIONS", (options + " -Xlog:class+load=info:file=" + classLog).strip()));
        Map<String, Long> byPackage = new TreeMap<>();
        for (String line : Files.readAllLines(classLog)) {
            Matcher m = LOADED_CLASS.matcher(line);
            if (m.find()) {
                String[] parts = m.group(1).split("\\.");
                String top = String.join(".", Arrays.copyOf(parts, Math.min(3, parts.length - 1)));
                byPackage.merge(top, 1L, Long::sum);
            }
        }
        return byPackage;
    }

    private String event(String function) throws IOException {
        return switch (function) {
            case "DiscoveryFunction" -> read("discovery-schedule.json");
            case "WorkerFunction" -> read("worker-sqs.json").replace("http://127.0.0.1:7070",
                    simulator.baseUrl().toString());
            // A new run id each time, so that every sample records its audit records rather than finding duplicates.
            case "ResultsFunction" -> read("results-sqs.json").replace(SAMPLE_RUN_ID,
                    "20261125T020000Z-bench" + samples);
            default -> "{\"greeting\": \"hello\"}";
        };
    }

    private String read(String file) throws IOException {
        return Files.readString(paths.eventsDir().resolve(file));
    }

    /** The worker creates its tables each time: the database it wrote last time is removed first. */
    private void prepare(String function) {
        drain(endpoints.resources().assetQueueUrl());
        drain(endpoints.resources().priorityQueueUrl());
        drain(endpoints.resources().resultsQueueUrl());
        if (function.equals("WorkerFunction")) {
            String database = "datasphere_sap_content";
            try {
                aws.glue().getTables(r -> r.databaseName(database)).tableList()
                        .forEach(t -> aws.glue().deleteTable(r -> r.databaseName(database).name(t.name())));
                aws.glue().deleteDatabase(r -> r.name(database));
            } catch (EntityNotFoundException absent) {
                // first sample
            }
        }
    }

    /** The first invocation must have done the function's real job, not failed early. */
    private void check(String function, LambdaEmulator.Invocation invocation, int resets, Path log)
            throws IOException {
        String payload = invocation.payload();
        boolean done = switch (function) {
            case "DiscoveryFunction" -> json(payload).path("assetsEnqueued").asInt() == 10;
            case "WorkerFunction" -> json(payload).path("batchItemFailures").size() == 0
                    && drain(endpoints.resources().resultsQueueUrl()).stream()
                    .filter(a -> a.path("action").asText().equals("CREATED")).count() == 2;
            case "ResultsFunction" -> json(payload).has("batchItemFailures")
                    && json(payload).path("batchItemFailures").size() == 0;
            default -> payload.equals("\"hello\"");
        };
        if (invocation.timedOut() || resets > 0 || !done) {
            throw new IOException(function + ": the first invocation did not do its work: " + payload + " (log: "
                    + log + ")");
        }
    }

    private static JsonNode json(String payload) throws IOException {
        return JsonCodec.mapper().readTree(payload);
    }

    private List<JsonNode> drain(String queueUrl) {
        List<JsonNode> bodies = new ArrayList<>();
        while (true) {
            List<Message> batch = aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                return bodies;
            }
            for (Message m : batch) {
                try {
                    bodies.add(JsonCodec.mapper().readTree(m.body()));
                } catch (IOException notJson) {
                    // counted as nothing
                }
                aws.sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    private static double first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    @Override
    public void close() {
        aws.close();
        simulator.close();
        ProcessHandle.of(motoPid).ifPresent(ProcessHandle::destroy);
    }
}
