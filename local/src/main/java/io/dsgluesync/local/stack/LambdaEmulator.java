package io.dsgluesync.local.stack;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One function running under the AWS Lambda Runtime Interface Emulator with the Java runtime interface client, as
 * {@code sam local invoke} runs it but without a container: same handler string, same environment variable names,
 * same event JSON (reference lambda-java.md §4.1). The emulator serves one invocation at a time and keeps the JVM
 * warm between invocations, like a Lambda execution environment.
 */
public final class LambdaEmulator implements AutoCloseable {
    private static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private final String name;
    private final Process process;
    private final URI invokeUri;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LambdaEmulator(String name, Process process, URI invokeUri, Path log) {
        this.name = name;
        this.process = process;
        this.invokeUri = invokeUri;
        this.log = log;
    }

    public static LambdaEmulator start(StackPaths paths, SamTemplate.FunctionDefinition function,
                                       Map<String, String> runtimeEnvironment, Path log) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return startOnce(paths, function, runtimeEnvironment, log);
            } catch (PortTakenException e) {
                last = e; // another process took a port between our check and the emulator's bind
            }
        }
        throw last;
    }

    private static final class PortTakenException extends IOException {
        PortTakenException(String message) {
            super(message);
        }
    }

    private static LambdaEmulator startOnce(StackPaths paths, SamTemplate.FunctionDefinition function,
                                            Map<String, String> runtimeEnvironment, Path log) throws IOException {
        Path rie = paths.require(paths.rie(), "run local/bin/setup (builds the Runtime Interface Emulator into .tools)");
        Path jar = paths.require(paths.projectDir().resolve(function.codeUri()), "run mvn package first");
        Path ric = paths.require(paths.ricDir(), "run mvn package first (copies the runtime interface client)");
        int invokePort = freePort();
        int runtimeApiPort = freePort();
        List<String> command = new ArrayList<>(List.of(rie.toString(),
                "--runtime-interface-emulator-address", "127.0.0.1:" + invokePort,
                "--runtime-api-address", "127.0.0.1:" + runtimeApiPort,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + ":" + ric + "/*", RIC_MAIN, function.handler()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Files.createDirectories(log.getParent());
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", System.getProperty("user.home"));
        env.put("TMPDIR", System.getProperty("java.io.tmpdir"));
        env.putAll(function.environment());
        env.putAll(runtimeEnvironment);
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.putIfAbsent("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        Process process = builder.start();
        awaitListening(process, invokePort, function.logicalId());
        return new LambdaEmulator(function.logicalId(), process,
                URI.create("http://127.0.0.1:" + invokePort + "/2015-03-31/functions/function/invocations"), log);
    }

    /** The emulator binds both its ports when it starts; if either was taken it exits at once. */
    private static void awaitListening(Process process, int port, String name) throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new PortTakenException(name + ": the emulator exited at start (a port was taken)");
            }
            try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (process.isAlive()) {
                    return;
                }
                throw new PortTakenException(name + ": the emulator exited at start (a port was taken)");
            } catch (java.net.ConnectException notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
        }
        throw new IOException(name + ": the emulator did not listen on port " + port + " within 10 s");
    }

    /** Invokes the function with an event and answers its response payload. */
    public String invoke(String event) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            if (!process.isAlive()) {
                throw new IOException(name + ": the emulator exited (" + process.exitValue() + "); see " + log);
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(invokeUri)
                        .timeout(Duration.ofMinutes(5))
                        .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IOException(name + ": invoke answered HTTP " + response.statusCode() + ": "
                            + response.body());
                }
                return response.body();
            } catch (java.net.ConnectException e) {
                last = e; // the emulator is still binding its port
                Thread.sleep(100);
            }
        }
        throw new IOException(name + ": the emulator never accepted the invocation", last);
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A port that is free now, below Linux's ephemeral range (32768–60999), so that outgoing connections, which
     * take their local ports from that range, do not grab it before the server binds it.
     */
    public static int freePort() throws IOException {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = random.nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(candidate, 0, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
