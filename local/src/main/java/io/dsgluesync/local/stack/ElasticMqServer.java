package io.dsgluesync.local.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ElasticMQ, an SQS-compatible server (https://github.com/softwaremill/elasticmq), on 127.0.0.1 as a child process,
 * for the benchmarks that push thousands of messages: moto's SQS slows down with the depth of a queue. It speaks the
 * SQS JSON protocol of the SDK v2 and keeps SQS's semantics (visibility timeout, receive counts, redrive to a
 * dead-letter queue). Its classpath is resolved once by {@code local/bin/setup-elasticmq} into
 * {@code .tools/elasticmq/classpath.txt}. Functions reach it through {@code AWS_ENDPOINT_URL_SQS}
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html).
 */
public final class ElasticMqServer implements AutoCloseable {
    private static final String MAIN = "org.elasticmq.server.Main";
    private final Process process;
    private final int port;

    private ElasticMqServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Path classpathFile(StackPaths paths) {
        return paths.projectDir().resolve(".tools/elasticmq/classpath.txt");
    }

    /** Starts ElasticMQ on a free port, with queue URLs and ARNs in the local stack's region and account. */
    public static ElasticMqServer start(StackPaths paths, Path dir) throws IOException {
        Path classpathFile = paths.require(classpathFile(paths), "run local/bin/setup-elasticmq");
        String classpath = Files.readString(classpathFile).strip();
        int port = LambdaEmulator.freePort();
        Files.createDirectories(dir);
        Path config = dir.resolve("elasticmq.conf");
        // https://github.com/softwaremill/elasticmq#installation-stand-alone: the settings not given here keep the
        // defaults of the server's own application.conf.
        Files.writeString(config, """
                include classpath("application.conf")
                node-address { protocol = http, host = "127.0.0.1", port = %d, context-path = "" }
                rest-sqs { enabled = true, bind-port = %d, bind-hostname = "127.0.0.1", sqs-limits = strict }
                rest-stats { enabled = false }
                aws { region = %s, accountId = "%s" }
                """.formatted(port, port, LocalAws.REGION, LocalAws.ACCOUNT));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx512m", "-XX:+UseSerialGC",
                "-Dconfig.file=" + config, "-cp", classpath, MAIN))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("elasticmq.log").toFile()))
                .start();
        ElasticMqServer server = new ElasticMqServer(process, port);
        server.awaitListening(Duration.ofSeconds(60));
        return server;
    }

    private void awaitListening(Duration limit) throws IOException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("ElasticMQ exited with code " + process.exitValue() + " (port " + port + ")");
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for ElasticMQ");
                }
            }
        }
        close();
        throw new IOException("ElasticMQ did not listen on port " + port + " within " + limit.toSeconds() + " s");
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
