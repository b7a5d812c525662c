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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The Datasphere simulator as a process of its own on 127.0.0.1, as the user's local stack runs it. */
public final class SimulatorServer {
    static final String MAIN_CLASS = "io.dsgluesync.local.simulator.DatasphereSimulator";

    private SimulatorServer() {
    }

    /**
     * Starts the simulator with its own {@code flags} (e.g. {@code --tenant generated --assets 500}); answers its pid
     * once it is the process answering on {@code port}.
     */
    static long start(List<Path> classpath, int port, List<String> flags, Path log)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classpath.stream().map(Path::toString).collect(Collectors.joining(":")),
                MAIN_CLASS, "--port", Integer.toString(port)));
        command.addAll(flags);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        String url = "http://127.0.0.1:" + port;
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("the Datasphere simulator exited (" + process.exitValue() + "); see " + log);
            }
            // Answering is not enough: it must be this process that answers, not one that took the port meanwhile.
            if (isUp(url) && PortListener.on(port).filter(l -> l.pid().isEmpty() || l.isProcess(process.pid()))
                    .isPresent()) {
                return process.pid();
            }
            Thread.sleep(200);
        }
        process.destroy();
        throw new IOException("the Datasphere simulator did not start on " + url + "; see " + log);
    }

    /** The flags in a simulator's command line: what follows its main class, apart from {@code --port N}. */
    static List<String> flags(String command) {
        List<String> words = UserStack.arguments(command);
        List<String> flags = new ArrayList<>();
        for (int i = words.indexOf(MAIN_CLASS) + 1; i > 0 && i < words.size(); i++) {
            if (words.get(i).equals("--port")) {
                i++;
            } else {
                flags.add(words.get(i));
            }
        }
        return flags;
    }

    private static boolean isUp(String url) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(url + "/api/v1/dwc/catalog/spaces")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 401;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
