package io.dsgluesync.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One function running under the AWS Lambda Runtime Interface Emulator with the Java runtime interface client, as
 * {@code sam local invoke} runs it but without a container: same handler string, same environment variable names,
 * same event JSON, and the function's Timeout from template.yaml
 * (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/using-sam-cli-local-invoke.html).
 * The emulator serves one invocation at a time and keeps the JVM warm between invocations, like a Lambda execution
 * environment.
 *
 * <p>An invocation that runs past the Timeout is abandoned and the execution environment is reset: the emulator and
 * the function's JVM are killed and started again, so the next invocation is a cold start, as Lambda does after a
 * timeout or a crashed runtime
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html#runtimes-lifecycle-invoke-with-errors).
 */
public final class LambdaEmulator implements AutoCloseable {
    private static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** How long past the Timeout the emulator may take to answer before the invocation is abandoned from here. */
    private static final Duration ANSWER_GRACE = Duration.ofSeconds(3);
    /**
     * The emulator answers a timed-out invocation with HTTP 200 and this text
     * (https://github.com/aws/aws-lambda-runtime-interface-emulator/blob/main/internal/lambda/rie/handlers.go).
     */
    private static final String EMULATOR_TIMEOUT_TEXT = "Task timed out after";
    private final StackPaths paths;
    private final SamTemplate.FunctionDefinition function;
    private final Map<String, String> runtimeEnvironment;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;
    private URI invokeUri;
    private int resets;

    /** What one invocation gave back. */
    public record Invocation(String payload, boolean timedOut, Duration duration) {
    }

    private LambdaEmulator(StackPaths paths, SamTemplate.FunctionDefinition function,
                           Map<String, String> runtimeEnvironment, Path log) {
        this.paths = paths;
        this.function = function;
        this.runtimeEnvironment = Map.copyOf(runtimeEnvironment);
        this.log = log;
    }

    public static LambdaEmulator start(StackPaths paths, SamTemplate.FunctionDefinition function,
                                       Map<String, String> runtimeEnvironment, Path log) throws IOException {
        LambdaEmulator emulator = new LambdaEmulator(paths, function, runtimeEnvironment, log);
        emulator.launch();
        return emulator;
    }

    private void launch() throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                launchOnce();
                return;
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

    private void launchOnce() throws IOException {
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
        // The emulator's own invoke deadline; it also sets the runtime's deadline header, so that the handler's
        // Context.getRemainingTimeInMillis() counts down from the template's Timeout as in Lambda.
        env.put("AWS_LAMBDA_FUNCTION_TIMEOUT", Long.toString(function.timeout().toSeconds()));
        Process started = builder.start();
        awaitListening(started, invokePort, function.logicalId());
        process = started;
        invokeUri = URI.create("http://127.0.0.1:" + invokePort + "/2015-03-31/functions/function/invocations");
    }

    /** The emulator binds both its ports when it starts; if either was taken it exits at once. */
    private static void awaitListening(Process process, int port, String name) throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new PortTakenException(name + ": the emulator exited at start (a port was taken)");
            }
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                pause(50);
                if (process.isAlive()) {
                    return;
                }
                throw new PortTakenException(name + ": the emulator exited at start (a port was taken)");
            } catch (ConnectException notYet) {
                pause(20);
            }
        }
        throw new IOException(name + ": the emulator did not listen on port " + port + " within 10 s");
    }

    private static void pause(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    /** Invokes the function with an event and answers its response payload (the emulator's text on a timeout). */
    public String invoke(String event) throws IOException, InterruptedException {
        return call(event).payload();
    }

    /**
     * Invokes the function with an event, abandoning it at the Timeout. A timed-out invocation, or one whose runtime
     * crashed (the emulator answers 502), resets the execution environment before this returns.
     */
    public Invocation call(String event) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            if (!process.isAlive()) {
                throw new IOException(function.logicalId() + ": the emulator exited (" + process.exitValue()
                        + "); see " + log);
            }
            Instant started = Instant.now();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(invokeUri)
                        .timeout(function.timeout().plus(ANSWER_GRACE))
                        .POST(HttpRequest.BodyPublishers.ofString(event)).build(),
                        HttpResponse.BodyHandlers.ofString());
                Duration took = Duration.between(started, Instant.now());
                if (response.statusCode() == 200 && response.body().startsWith(EMULATOR_TIMEOUT_TEXT)) {
                    reset("the invocation timed out after " + function.timeout().toSeconds() + " s");
                    return new Invocation(response.body(), true, took);
                }
                if (response.statusCode() == 502) {
                    reset("the runtime failed: " + response.body());
                    return new Invocation(runtimeFailure(response.body()), false, took);
                }
                if (response.statusCode() != 200) {
                    throw new IOException(function.logicalId() + ": invoke answered HTTP " + response.statusCode()
                            + ": " + response.body());
                }
                return new Invocation(response.body(), false, took);
            } catch (HttpTimeoutException e) {
                Duration took = Duration.between(started, Instant.now());
                reset("the emulator did not end the invocation at its " + function.timeout().toSeconds()
                        + " s timeout");
                return new Invocation(EMULATOR_TIMEOUT_TEXT + " " + took.toSeconds() + " seconds", true, took);
            } catch (ConnectException e) {
                last = e; // the emulator is still binding its port
                Thread.sleep(100);
            }
        }
        throw new IOException(function.logicalId() + ": the emulator never accepted the invocation", last);
    }

    /**
     * The answer of an invocation whose runtime failed: the emulator's own error if it sent one, else the
     * {@code Runtime.ExitError} Lambda reports for a runtime that exited
     * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-retries.html), so that an event source counts the
     * whole batch as failed. The emulator may answer such a failure with an empty body, which would read as a
     * successful batch without failures (e.g. when the Java runtime interface client exits at init because another
     * JVM was rewriting its native library in {@code /tmp/.libaws-lambda-jni.so}).
     */
    static String runtimeFailure(String body) {
        try {
            JsonNode node = JsonCodec.mapper().readTree(body == null ? "" : body);
            if (node != null && node.has("errorType")) {
                return body;
            }
        } catch (IOException notJson) {
            // described below
        }
        return JsonCodec.mapper().createObjectNode().put("errorType", "Runtime.ExitError")
                .put("errorMessage", "Runtime exited with error" + (body == null || body.isBlank() ? ""
                        : ": " + body.strip())).toString();
    }

    /** Kills the emulator and the function's JVM and starts both again, noting why in the function's log. */
    private void reset(String why) throws IOException {
        resets++;
        stop(Duration.ofSeconds(2));
        Files.writeString(log, "[local stack] " + Instant.now() + " " + function.logicalId() + ": " + why
                        + "; execution environment reset (emulator restarted, reset " + resets + ")\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        launch();
    }

    public String name() {
        return function.logicalId();
    }

    /** The function's Timeout. */
    public Duration timeout() {
        return function.timeout();
    }

    /** How often the execution environment was reset (after timeouts and crashed runtimes). */
    public int resets() {
        return resets;
    }

    public Path log() {
        return log;
    }

    /** The function's JVM, the emulator's child process; empty before it started or after it exited. */
    public Optional<ProcessHandle> runtimeProcess() {
        return process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    private void stop(Duration patience) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
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
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = random.nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(candidate, 0, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
