package io.dsgluesync.local.trino;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Trino server as a child process: coordinator and worker in one JVM on 127.0.0.1, started from an installation
 * of {@code local/bin/setup-trino} without its launcher (main class {@code io.trino.server.TrinoServer} on
 * {@code lib/*}). Closing it stops the process; a caller that wants it to outlive this JVM keeps its pid instead.
 */
public final class TrinoServer implements AutoCloseable {
    /** 20–30 s on two cores when idle; much longer while the machine also runs a build. */
    public static final Duration STARTUP_LIMIT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final URI uri;
    private final Path log;
    private final Duration startup;

    private TrinoServer(Process process, URI uri, Path log, Duration startup) {
        this.process = process;
        this.uri = uri;
        this.log = log;
        this.startup = startup;
    }

    /** Writes its configuration under {@code dir}, starts it on {@code port}, and waits until it runs queries. */
    public static TrinoServer start(TrinoInstall install, Path dir, int port) throws IOException, InterruptedException {
        TrinoConfig config = new TrinoConfig(install, dir, port);
        config.write();
        List<String> command = new ArrayList<>();
        command.add(install.java().toString());
        command.addAll(config.jvmFlags());
        command.addAll(List.of("-cp", install.classPath(), "io.trino.server.TrinoServer"));
        Files.deleteIfExists(config.log());
        // The launcher's working directory is node.data-dir.
        ProcessBuilder builder = new ProcessBuilder(command).directory(config.dataDir().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(config.log().toFile()));
        builder.environment().put("JAVA_HOME", install.javaHome().toString());
        Instant started = Instant.now();
        Process process = builder.start();
        URI uri = URI.create("http://127.0.0.1:" + port);
        try {
            awaitReady(process, uri, config.log());
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(process);
            throw e;
        }
        return new TrinoServer(process, uri, config.log(), Duration.between(started, Instant.now()));
    }

    /** Trino could not listen on its port: something else took it. */
    public static final class PortInUseException extends IOException {
        PortInUseException(String message) {
            super(message);
        }
    }

    /** Whether a Trino server on this port has finished starting. */
    public static boolean isUp(int port) {
        return infoSaysStarted(URI.create("http://127.0.0.1:" + port));
    }

    public URI uri() {
        return uri;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** From process start to the first successful query. */
    public Duration startup() {
        return startup;
    }

    public TrinoClient client() {
        return new TrinoClient(uri);
    }

    @Override
    public void close() {
        stop(process);
    }

    /** SIGTERM runs Trino's graceful shutdown hooks; after 30 s it is killed. */
    public static void stop(ProcessHandle handle) {
        handle.destroy();
        try {
            handle.onExit().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException notYet) {
            handle.destroyForcibly();
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void stop(Process process) {
        stop(process.toHandle());
    }

    /**
     * {@code GET /v1/info} says {@code "starting":false} once the server is up, but for some seconds after that a
     * query may still fail with {@code NO_NODES_AVAILABLE} until the node has announced itself; so a query decides.
     */
    private static void awaitReady(Process process, URI uri, Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP_LIMIT);
        TrinoClient client = new TrinoClient(uri);
        String lastProblem = "no answer on " + uri;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                if (Files.readString(log).contains("Failed to bind to /127.0.0.1:" + uri.getPort())) {
                    throw new PortInUseException("port " + uri.getPort() + " is taken; see " + log);
                }
                throw new IOException("Trino exited with code " + process.exitValue() + " during startup; see " + log
                        + ":\n" + tail(log));
            }
            if (infoSaysStarted(uri)) {
                try {
                    client.execute("SELECT 1");
                    return;
                } catch (TrinoQueryException e) {
                    lastProblem = e.getMessage();
                } catch (IOException e) {
                    lastProblem = e.toString();
                }
            }
            Thread.sleep(500);
        }
        throw new IOException("Trino did not run a query within " + STARTUP_LIMIT.toSeconds() + " s (" + lastProblem
                + "); see " + log + ":\n" + tail(log));
    }

    private static boolean infoSaysStarted(URI uri) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(uri.resolve("/v1/info")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            JsonNode info = JSON.readTree(response.body());
            return info.has("starting") && !info.get("starting").asBoolean();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
