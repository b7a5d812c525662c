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

/** moto in server mode on 127.0.0.1, from the project's virtualenv (reference glue-and-moto.md §2.9). */
public final class MotoServer {
    private MotoServer() {
    }

    /** Starts moto as its own process that outlives this JVM; answers its pid once it is ready. */
    public static long start(StackPaths paths, int port, Path log) throws IOException {
        Path binary = paths.require(paths.motoServer(), "run local/bin/setup (creates .venv with moto[server])");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
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
            if (isUp(port)) {
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
