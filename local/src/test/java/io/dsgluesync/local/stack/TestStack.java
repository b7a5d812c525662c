package io.dsgluesync.local.stack;

import io.dsgluesync.datasphere.ClientCredentials;
import io.dsgluesync.local.simulator.DatasphereSimulator;
import io.dsgluesync.local.simulator.SimulatorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A private local stack for one test class: its own moto process on a free port, an in-process Datasphere
 * simulator, and the resources of template.yaml bootstrapped into moto.
 */
final class TestStack implements AutoCloseable {
    final StackPaths paths;
    final DatasphereSimulator simulator;
    final StackEndpoints endpoints;
    final LocalAws aws;
    final Path logDir;
    /** The fault proxy the functions talk to moto through, counting every call; null without one. */
    final io.dsgluesync.local.faults.AwsFaultProxy proxy;
    private final long motoPid;

    private TestStack(StackPaths paths, DatasphereSimulator simulator, StackEndpoints endpoints, long motoPid,
                      Path logDir, io.dsgluesync.local.faults.AwsFaultProxy proxy, int motoPort) {
        this.proxy = proxy;
        this.paths = paths;
        this.simulator = simulator;
        this.endpoints = endpoints;
        this.motoPid = motoPid;
        this.logDir = logDir;
        this.aws = new LocalAws(motoPort);
    }

    static TestStack start(String name, SimulatorOptions options) throws IOException {
        return start(name, options, false);
    }

    /**
     * With {@code behindProxy}, the functions reach moto through the fault proxy (no faults unless a test adds
     * rules), whose statistics count every AWS call by operation at the wire; the test's own clients
     * ({@link #aws}) talk to moto directly and are not counted.
     */
    static TestStack start(String name, SimulatorOptions options, boolean behindProxy) throws IOException {
        StackPaths paths = StackPaths.discover();
        Path logDir = paths.projectDir().resolve("local/target/test-stacks/" + name);
        Files.createDirectories(logDir);
        try (var old = Files.walk(logDir)) {
            for (Path file : old.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(logDir)).toList()) {
                Files.delete(file);
            }
        }
        int motoPort = LambdaEmulator.freePort();
        long pid;
        try {
            pid = MotoServer.start(paths, motoPort, logDir.resolve("moto.log"));
        } catch (IOException portTakenMeanwhile) {
            motoPort = LambdaEmulator.freePort();
            pid = MotoServer.start(paths, motoPort, logDir.resolve("moto.log"));
        }
        DatasphereSimulator simulator = DatasphereSimulator.start(options);
        ClientCredentials client = new ClientCredentials(simulator.clientId(), simulator.clientSecret());
        StackResources resources;
        try (LocalAws aws = new LocalAws(motoPort)) {
            resources = StackResources.bootstrap(aws, client, paths.projectDir().resolve("local/sync-rules.json"));
        }
        io.dsgluesync.local.faults.AwsFaultProxy proxy = behindProxy
                ? io.dsgluesync.local.faults.AwsFaultProxy.start(motoPort) : null;
        StackEndpoints endpoints = new StackEndpoints(proxy == null ? motoPort : proxy.port(),
                simulator.baseUrl().toString(), simulator.tokenUrl().toString(), client, resources);
        return new TestStack(paths, simulator, endpoints, pid, logDir, proxy, motoPort);
    }

    /** Every message on {@code queueUrl} now, received and deleted, as JSON (PurgeQueue may run once a minute). */
    java.util.List<com.fasterxml.jackson.databind.JsonNode> receiveAll(String queueUrl) throws IOException {
        java.util.List<com.fasterxml.jackson.databind.JsonNode> bodies = new java.util.ArrayList<>();
        while (true) {
            java.util.List<software.amazon.awssdk.services.sqs.model.Message> batch = aws.sqs().receiveMessage(r -> r
                    .queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                return bodies;
            }
            for (software.amazon.awssdk.services.sqs.model.Message m : batch) {
                bodies.add(io.dsgluesync.model.JsonCodec.mapper().readTree(m.body()));
                aws.sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    SyncRunner runner() {
        return new SyncRunner(paths, endpoints, logDir);
    }

    /** {@code java -jar results.jar ARGS} (the operator's command line) against this stack's audit table. */
    String results(String... args) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                paths.projectDir().resolve("functions/results/target/results.jar").toString()));
        command.addAll(java.util.List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(endpoints.runtimeEnvironment());
        builder.environment().put("AUDIT_TABLE_NAME", endpoints.resources().auditTable());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertEquals(0, process.waitFor(), err);
        return out;
    }

    @Override
    public void close() {
        aws.close();
        simulator.close();
        if (proxy != null) {
            proxy.close();
        }
        ProcessHandle.of(motoPid).ifPresent(ProcessHandle::destroy);
    }
}
