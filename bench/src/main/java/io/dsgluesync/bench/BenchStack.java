package io.dsgluesync.bench;

import io.dsgluesync.datasphere.ClientCredentials;
import io.dsgluesync.local.faults.AwsFaultProxy;
import io.dsgluesync.local.simulator.DatasphereSimulator;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.local.stack.ElasticMqServer;
import io.dsgluesync.local.stack.LambdaEmulator;
import io.dsgluesync.local.stack.LocalAws;
import io.dsgluesync.local.stack.MotoServer;
import io.dsgluesync.local.stack.StackEndpoints;
import io.dsgluesync.local.stack.StackPaths;
import io.dsgluesync.local.stack.StackResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The peers of a benchmark run through the real functions: moto (Glue, DynamoDB, S3, Secrets Manager) behind the
 * counting {@link AwsFaultProxy}, ElasticMQ as SQS (moto's SQS slows down with queue depth), and the Datasphere
 * simulator. The functions reach moto through the proxy, so every Glue call they make is counted at the wire;
 * {@link #direct()} reads moto without being counted.
 */
final class BenchStack implements AutoCloseable {
    final StackPaths paths;
    final Path dir;
    final DatasphereSimulator simulator;
    final AwsFaultProxy proxy;
    final ElasticMqServer sqs;
    final StackResources resources;
    final StackEndpoints endpoints;
    private final long motoPid;
    private final LocalAws direct;

    private BenchStack(StackPaths paths, Path dir, long motoPid, AwsFaultProxy proxy, ElasticMqServer sqs,
                       DatasphereSimulator simulator, LocalAws direct, StackResources resources,
                       StackEndpoints endpoints) {
        this.paths = paths;
        this.dir = dir;
        this.motoPid = motoPid;
        this.proxy = proxy;
        this.sqs = sqs;
        this.simulator = simulator;
        this.direct = direct;
        this.resources = resources;
        this.endpoints = endpoints;
    }

    /** {@code parameters}: template parameters over the local defaults of {@link StackEndpoints#physicalIds()}. */
    static BenchStack start(String name, SimulatorOptions options, Map<String, String> parameters)
            throws IOException {
        StackPaths paths = StackPaths.discover();
        Path dir = Files.createDirectories(paths.projectDir().resolve("local/target/bench/" + name));
        try (var old = Files.list(dir)) {
            for (Path file : old.filter(Files::isRegularFile).toList()) {
                Files.delete(file);
            }
        }
        int motoPort = LambdaEmulator.freePort();
        long moto = MotoServer.start(paths, motoPort, dir.resolve("moto.log"));
        AwsFaultProxy proxy = null;
        ElasticMqServer sqs = null;
        DatasphereSimulator simulator = null;
        try {
            proxy = AwsFaultProxy.start(motoPort);
            sqs = ElasticMqServer.start(paths, dir);
            simulator = DatasphereSimulator.start(options);
            LocalAws direct = new LocalAws(motoPort, sqs.endpoint());
            ClientCredentials client = new ClientCredentials(simulator.clientId(), simulator.clientSecret());
            StackResources resources = StackResources.bootstrap(direct, client,
                    paths.projectDir().resolve("local/sync-rules.json"));
            StackEndpoints endpoints = new StackEndpoints(proxy.port(), simulator.baseUrl().toString(),
                    simulator.tokenUrl().toString(), client, resources).withSqsEndpoint(sqs.endpoint())
                    .withParameters(parameters);
            return new BenchStack(paths, dir, moto, proxy, sqs, simulator, direct, resources, endpoints);
        } catch (IOException | RuntimeException e) {
            if (simulator != null) {
                simulator.close();
            }
            if (sqs != null) {
                sqs.close();
            }
            if (proxy != null) {
                proxy.close();
            }
            ProcessHandle.of(moto).ifPresent(ProcessHandle::destroy);
            throw e;
        }
    }

    /** moto and ElasticMQ directly, not through the counting proxy. */
    LocalAws direct() {
        return direct;
    }

    @Override
    public void close() {
        direct.close();
        simulator.close();
        sqs.close();
        proxy.close();
        ProcessHandle.of(motoPid).ifPresent(ProcessHandle::destroy);
    }
}
