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
    private final long motoPid;

    private TestStack(StackPaths paths, DatasphereSimulator simulator, StackEndpoints endpoints, long motoPid,
                      Path logDir) {
        this.paths = paths;
        this.simulator = simulator;
        this.endpoints = endpoints;
        this.motoPid = motoPid;
        this.logDir = logDir;
        this.aws = new LocalAws(endpoints.motoPort());
    }

    static TestStack start(String name, SimulatorOptions options) throws IOException {
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
        StackEndpoints endpoints = new StackEndpoints(motoPort, simulator.baseUrl().toString(),
                simulator.tokenUrl().toString(), client, resources);
        return new TestStack(paths, simulator, endpoints, pid, logDir);
    }

    SyncRunner runner() {
        return new SyncRunner(paths, endpoints, logDir);
    }

    @Override
    public void close() {
        aws.close();
        simulator.close();
        ProcessHandle.of(motoPid).ifPresent(ProcessHandle::destroy);
    }
}
