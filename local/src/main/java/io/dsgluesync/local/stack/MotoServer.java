package io.dsgluesync.local.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * moto in server mode on 127.0.0.1, from the project's virtualenv
 * (https://docs.getmoto.org/en/latest/docs/server_mode.html).
 */
public final class MotoServer {
    private MotoServer() {
    }

    /**
     * Starts moto as its own process that outlives this JVM; answers its pid once it is the process answering on
     * {@code port}.
     *
     * @throws IOException when something else listens on the port already, naming it
     */
    public static long start(StackPaths paths, int port, Path log) throws IOException {
        Path binary = paths.require(paths.motoServer(), "run local/bin/setup (creates .venv with moto[server])");
        Optional<PortListener> taken = PortListener.on(port);
        if (taken.isPresent()) {
            throw new IOException("moto cannot start: " + taken.get().describe());
        }
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // local/tools/moto_patches/sitecustomize.py: LF-Tag assignments as Lake Formation documents them.
        builder.environment().put("PYTHONPATH", paths.projectDir().resolve("local/tools/moto_patches").toString());
        Process process = builder.start();
        awaitReady(port, process, Duration.ofSeconds(60));
        return process.pid();
    }

    public static boolean isUp(int port) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/moto-api/"))
                            .timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Clears every backend (POST /moto-api/reset). */
    public static void reset(int port) throws IOException, InterruptedException {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    private static void awaitReady(int port, Process process, Duration limit) throws IOException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("moto_server exited with code " + process.exitValue() + " (port " + port
                        + " taken?)");
            }
            // Answering is not enough: it must be this process that answers, not one that took the port meanwhile.
            if (isUp(port) && PortListener.on(port).filter(l -> l.pid().isEmpty() || l.isProcess(process.pid()))
                    .isPresent()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for moto");
            }
        }
        process.destroy();
        throw new IOException("moto_server did not answer on port " + port + " within " + limit.toSeconds() + " s");
    }
}
