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
        return new LambdaEmulator(function.logicalId(), process,
                URI.create("http://127.0.0.1:" + invokePort + "/2015-03-31/functions/function/invocations"), log);
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

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
