package io.dsgluesync.local.stack;

import io.dsgluesync.datasphere.ClientCredentials;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The long-lived local stack behind the README's run command: moto and the Datasphere simulator run as their own
 * processes (so that a user can look at the local AWS with the AWS CLI afterwards), and their ports, pids and the
 * bootstrapped resources are kept in {@code .local/stack.json}.
 */
public final class UserStack {
    private final StackPaths paths;

    public UserStack(StackPaths paths) {
        this.paths = paths;
    }

    /** The saved state of a running stack. */
    public record State(int motoPort, long motoPid, String datasphereUrl, String tokenUrl, String clientId,
                        String clientSecret, long simulatorPid, StackResources resources) {
        StackEndpoints endpoints() {
            return new StackEndpoints(motoPort, datasphereUrl, tokenUrl, new ClientCredentials(clientId, clientSecret),
                    resources);
        }
    }

    /** Starts whatever is not running and bootstraps the resources; safe to call again. */
    public StackEndpoints up(Map<String, String> env) throws IOException, InterruptedException {
        State saved = read();
        int motoPort = Integer.parseInt(env.getOrDefault("DSGS_MOTO_PORT", "5055"));
        long motoPid = saved == null ? -1 : saved.motoPid();
        if (saved != null) {
            motoPort = saved.motoPort();
        }
        if (!MotoServer.isUp(motoPort)) {
            motoPid = MotoServer.start(paths, motoPort, paths.stateDir().resolve("moto.log"));
        }
        String url;
        String tokenUrl;
        ClientCredentials client;
        long simulatorPid = -1;
        if (realTenant(env)) {
            url = env.get("DATASPHERE_URL");
            tokenUrl = env.get("DATASPHERE_TOKEN_URL");
            client = new ClientCredentials(env.get("DATASPHERE_CLIENT_ID"), env.get("DATASPHERE_CLIENT_SECRET"));
        } else {
            SimulatorOptions defaults = SimulatorOptions.defaults();
            int port = Integer.parseInt(env.getOrDefault("DSGS_SIMULATOR_PORT", "7070"));
            url = "http://127.0.0.1:" + port;
            tokenUrl = url + "/oauth/token";
            client = new ClientCredentials(defaults.clientId(), defaults.clientSecret());
            simulatorPid = saved != null && saved.simulatorPid() > 0 && simulatorUp(url) ? saved.simulatorPid()
                    : startSimulator(port, url, env.getOrDefault("DSGS_SIMULATOR_ARGS", ""));
        }
        StackResources resources;
        try (LocalAws aws = new LocalAws(motoPort)) {
            resources = StackResources.bootstrap(aws, client, paths.projectDir().resolve("local/sync-rules.json"));
        }
        State state = new State(motoPort, motoPid, url, tokenUrl, client.clientId(), client.clientSecret(),
                simulatorPid, resources);
        Files.createDirectories(paths.stateDir());
        Files.writeString(paths.stateDir().resolve("stack.json"), JsonCodec.write(state));
        return state.endpoints();
    }

    public State read() throws IOException {
        Path file = paths.stateDir().resolve("stack.json");
        return Files.exists(file) ? JsonCodec.mapper().readValue(file.toFile(), State.class) : null;
    }

    /** Stops moto and the simulator; the local AWS state goes with moto. */
    public void down() throws IOException {
        State state = read();
        if (state == null) {
            System.out.println("no local stack is recorded in " + paths.stateDir());
            return;
        }
        for (long pid : List.of(state.motoPid(), state.simulatorPid())) {
            if (pid > 0) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            }
        }
        Files.deleteIfExists(paths.stateDir().resolve("stack.json"));
        System.out.println("local stack stopped (moto pid " + state.motoPid() + ", simulator pid "
                + state.simulatorPid() + ")");
    }

    static boolean realTenant(Map<String, String> env) {
        return List.of("DATASPHERE_URL", "DATASPHERE_TOKEN_URL", "DATASPHERE_CLIENT_ID", "DATASPHERE_CLIENT_SECRET")
                .stream().allMatch(k -> env.get(k) != null && !env.get(k).isBlank());
    }

    /** {@code extraArgs}: the simulator's own flags, e.g. {@code --tenant generated --assets 500 --error-rate 0.05}. */
    private long startSimulator(int port, String url, String extraArgs) throws IOException, InterruptedException {
        Path jar = paths.require(paths.localTools(), "run mvn package first");
        Path log = paths.stateDir().resolve("simulator.log");
        Files.createDirectories(log.getParent());
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", jar.toString(),
                "io.dsgluesync.local.simulator.DatasphereSimulator", "--port", Integer.toString(port)));
        command.addAll(List.of(extraArgs.trim().isEmpty() ? new String[0] : extraArgs.trim().split("\\s+")));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("the Datasphere simulator exited; see " + log);
            }
            if (simulatorUp(url)) {
                return process.pid();
            }
            Thread.sleep(200);
        }
        throw new IOException("the Datasphere simulator did not start on " + url + "; see " + log);
    }

    private static boolean simulatorUp(String url) {
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
