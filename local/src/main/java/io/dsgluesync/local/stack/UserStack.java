package io.dsgluesync.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.datasphere.ClientCredentials;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The long-lived local stack behind the README's run command: moto and the Datasphere simulator run as their own
 * processes (so that a user can look at the local AWS with the AWS CLI afterwards), and their ports, the processes
 * started (pid, start time, settings) and the bootstrapped resources are kept in {@code .local/stack.json}.
 *
 * <p>A process is reused only when it is the one recorded there, still listening on its port, with the settings
 * asked for now; a port held by anything else is an error that names the holder. A simulator asked for with other
 * settings ({@code DSGS_SIMULATOR_PORT}, {@code DSGS_SIMULATOR_ARGS}) is restarted: it keeps no state. moto asked for
 * on another port is an error instead, because restarting it would discard the local AWS.
 */
public final class UserStack {
    static final String MOTO = "moto";
    static final String SIMULATOR = "simulator";
    private static final int DEFAULT_MOTO_PORT = 5055;
    private static final int DEFAULT_SIMULATOR_PORT = 7070;
    private final StackPaths paths;
    private final Path stateDir;
    private final List<Path> simulatorClasspath;
    private final PrintStream progress;

    public UserStack(StackPaths paths) {
        this(paths, paths.stateDir(), List.of(paths.localTools()), System.err);
    }

    /** {@code stateDir}: where stack.json and the logs go; {@code simulatorClasspath}: what runs the simulator. */
    UserStack(StackPaths paths, Path stateDir, List<Path> simulatorClasspath, PrintStream progress) {
        this.paths = paths;
        this.stateDir = stateDir;
        this.simulatorClasspath = List.copyOf(simulatorClasspath);
        this.progress = progress;
    }

    /** What is asked for cannot be had without using or stopping a process this stack did not start. */
    public static final class Conflict extends IOException {
        Conflict(String message) {
            super(message);
        }
    }

    /**
     * The saved state of a running stack.
     *
     * @param moto      the moto this stack started; null when none is known
     * @param simulator the simulator this stack started; null when none is known (a real tenant)
     */
    public record State(int motoPort, String datasphereUrl, String tokenUrl, String clientId, String clientSecret,
                        StackResources resources, StackProcess moto, StackProcess simulator) {
        StackEndpoints endpoints() {
            return new StackEndpoints(motoPort, datasphereUrl, tokenUrl, new ClientCredentials(clientId, clientSecret),
                    resources);
        }
    }

    /**
     * Starts whatever is not running and bootstraps the resources; safe to call again.
     *
     * @throws Conflict when a port is held by a process this stack did not start, or moto is asked for on another
     *                  port than the one it runs on
     */
    public StackEndpoints up(Map<String, String> env) throws IOException, InterruptedException {
        Optional<State> saved = Optional.ofNullable(read());
        Optional<StackProcess> recordedMoto = saved.map(State::moto);
        Optional<StackProcess> recordedSimulator = saved.map(State::simulator);
        int motoPort = env.containsKey("DSGS_MOTO_PORT") ? port(env, "DSGS_MOTO_PORT", DEFAULT_MOTO_PORT)
                : recordedMoto.map(StackProcess::port).orElse(DEFAULT_MOTO_PORT);
        boolean reuseMoto = recordedMoto.filter(StackProcess::serves).isPresent();
        if (reuseMoto && recordedMoto.get().port() != motoPort) {
            throw new Conflict("this stack's " + recordedMoto.get().describe() + " is running and DSGS_MOTO_PORT asks"
                    + " for port " + motoPort + ": run local/bin/stack down first (it also clears the local AWS), or"
                    + " unset DSGS_MOTO_PORT");
        }
        boolean realTenant = realTenant(env);
        int simulatorPort = port(env, "DSGS_SIMULATOR_PORT", DEFAULT_SIMULATOR_PORT);
        List<String> simulatorArgs = arguments(env.getOrDefault("DSGS_SIMULATOR_ARGS", ""));
        boolean reuseSimulator = !realTenant && recordedSimulator
                .filter(s -> s.serves() && s.hasSettings(simulatorPort, simulatorArgs)).isPresent();
        // Ours but not reusable: started with other settings, or no longer listening.
        Optional<StackProcess> replacedSimulator = realTenant || reuseSimulator ? Optional.empty()
                : recordedSimulator.filter(StackProcess::alive);

        // Every port is checked before anything is started or stopped.
        if (!reuseMoto) {
            requireFree(motoPort, "DSGS_MOTO_PORT", recordedMoto.filter(StackProcess::alive));
        }
        if (!realTenant && !reuseSimulator) {
            requireFree(simulatorPort, "DSGS_SIMULATOR_PORT", replacedSimulator);
        }

        StackProcess moto = reuseMoto ? recordedMoto.get() : startMoto(motoPort, recordedMoto);
        if (reuseMoto) {
            progress.println("using this stack's " + moto.describe());
        }
        String url;
        String tokenUrl;
        ClientCredentials client;
        StackProcess simulator;
        try {
            if (realTenant) {
                url = env.get("DATASPHERE_URL");
                tokenUrl = env.get("DATASPHERE_TOKEN_URL");
                client = new ClientCredentials(env.get("DATASPHERE_CLIENT_ID"), env.get("DATASPHERE_CLIENT_SECRET"));
                // A simulator of an earlier run stays recorded, so that local/bin/stack down still stops it.
                simulator = recordedSimulator.filter(StackProcess::alive).orElse(null);
            } else {
                SimulatorOptions defaults = SimulatorOptions.defaults();
                url = "http://127.0.0.1:" + simulatorPort;
                tokenUrl = url + "/oauth/token";
                client = new ClientCredentials(defaults.clientId(), defaults.clientSecret());
                if (reuseSimulator) {
                    simulator = recordedSimulator.get();
                    progress.println("using this stack's " + simulator.describe());
                } else {
                    if (replacedSimulator.isPresent()) {
                        progress.println("stopping this stack's " + replacedSimulator.get().describe()
                                + ": asked for port " + simulatorPort + (simulatorArgs.isEmpty() ? " with no flags"
                                : " with " + String.join(" ", simulatorArgs)));
                        replacedSimulator.get().stop();
                    }
                    simulator = startSimulator(simulatorPort, simulatorArgs);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!reuseMoto) {
                moto.stop(); // nothing started by a failed up stays behind unrecorded
            }
            throw e;
        }
        StackResources resources;
        try (LocalAws aws = new LocalAws(motoPort)) {
            resources = StackResources.bootstrap(aws, client, paths.projectDir().resolve("local/sync-rules.json"));
        }
        State state = new State(motoPort, url, tokenUrl, client.clientId(), client.clientSecret(), resources, moto,
                simulator);
        Files.createDirectories(stateDir);
        Files.writeString(stateFile(), JsonCodec.write(state));
        return state.endpoints();
    }

    public State read() throws IOException {
        Path file = stateFile();
        if (!Files.exists(file)) {
            return null;
        }
        JsonNode node = JsonCodec.mapper().readTree(file.toFile());
        State state = JsonCodec.mapper().treeToValue(node, State.class);
        if (state.moto() != null || state.simulator() != null) {
            return state;
        }
        // A state file of an older version records bare pids: such a process is taken for this stack's only while it
        // still listens on the recorded port with the recorded program.
        return new State(state.motoPort(), state.datasphereUrl(), state.tokenUrl(), state.clientId(),
                state.clientSecret(), state.resources(),
                legacy(MOTO, node.path("motoPid").asLong(), Optional.of(state.motoPort()), "moto_server"),
                legacy(SIMULATOR, node.path("simulatorPid").asLong(), loopbackPort(state.datasphereUrl()),
                        SimulatorServer.MAIN_CLASS));
    }

    private static StackProcess legacy(String role, long pid, Optional<Integer> port, String program) {
        Optional<PortListener> listener = port.flatMap(PortListener::on)
                .filter(l -> l.isProcess(pid) && l.command().contains(program));
        Optional<Instant> start = ProcessHandle.of(pid).flatMap(h -> h.info().startInstant());
        if (listener.isEmpty() || start.isEmpty()) {
            return null;
        }
        return new StackProcess(role, pid, start.get().toString(), port.get(),
                role.equals(SIMULATOR) ? SimulatorServer.flags(listener.get().command()) : List.of());
    }

    /**
     * Stops the moto and the simulator this stack started, and only those; the local AWS state goes with moto.
     * Says what it stopped, and what still holds the stack's ports without having been started by it.
     */
    public void down(PrintStream out) throws IOException {
        State state = read();
        if (state == null) {
            out.println("no local stack is recorded in " + stateFile() + ": nothing stopped");
            return;
        }
        stopRecorded(MOTO, state.moto(), Optional.of(state.motoPort()), out);
        stopRecorded(SIMULATOR, state.simulator(), loopbackPort(state.datasphereUrl()), out);
        Files.deleteIfExists(stateFile());
    }

    /** {@code port}: where the process listened, for a state file that does not record the process itself. */
    private static void stopRecorded(String role, StackProcess recorded, Optional<Integer> port, PrintStream out)
            throws IOException {
        if (recorded == null) {
            out.println("no " + role + " process is recorded: nothing to stop");
        } else if (recorded.alive()) {
            recorded.stop();
            out.println("stopped " + recorded.describe());
        } else {
            out.println(recorded.describe() + " is no longer running: nothing to stop");
        }
        Optional<Integer> checked = recorded != null ? Optional.of(recorded.port()) : port;
        checked.flatMap(PortListener::on).ifPresent(holder -> out.println(holder.describe()
                + ", which this stack did not start: left running"));
    }

    static boolean realTenant(Map<String, String> env) {
        return List.of("DATASPHERE_URL", "DATASPHERE_TOKEN_URL", "DATASPHERE_CLIENT_ID", "DATASPHERE_CLIENT_SECRET")
                .stream().allMatch(k -> env.get(k) != null && !env.get(k).isBlank());
    }

    /** The simulator's flags as a list, e.g. {@code --tenant generated --assets 500} → [--tenant, generated, …]. */
    static List<String> arguments(String flags) {
        String trimmed = flags.trim();
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
    }

    private Path stateFile() {
        return stateDir.resolve("stack.json");
    }

    private static int port(Map<String, String> env, String variable, int fallback) throws IOException {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IOException(variable + "=" + value + " is not a port number");
        }
    }

    /**
     * Fails unless {@code port} is free, or held by {@code ours}, a process of this stack about to be replaced.
     */
    private static void requireFree(int port, String variable, Optional<StackProcess> ours) throws IOException {
        Optional<PortListener> holder = PortListener.on(port);
        if (holder.isEmpty() || ours.filter(p -> holder.get().isProcess(p.pid())).isPresent()) {
            return;
        }
        throw new Conflict(holder.get().describe() + ", a process this stack did not start (it is not the one"
                + " recorded in .local/stack.json): stop it, or set " + variable + " to a free port");
    }

    private StackProcess startMoto(int port, Optional<StackProcess> stale) throws IOException {
        if (stale.filter(StackProcess::alive).isPresent()) {
            stale.get().stop(); // ours, but no longer listening
        }
        long pid = MotoServer.start(paths, port, stateDir.resolve("moto.log"));
        progress.println("started moto (pid " + pid + ") on 127.0.0.1:" + port);
        return StackProcess.started(MOTO, pid, port, List.of());
    }

    private StackProcess startSimulator(int port, List<String> args) throws IOException, InterruptedException {
        for (Path entry : simulatorClasspath) {
            paths.require(entry, "run mvn package first");
        }
        long pid = SimulatorServer.start(simulatorClasspath, port, args, stateDir.resolve("simulator.log"));
        progress.println("started the Datasphere simulator (pid " + pid + ") on 127.0.0.1:" + port
                + (args.isEmpty() ? "" : " with " + String.join(" ", args)));
        return StackProcess.started(SIMULATOR, pid, port, args);
    }

    private static Optional<Integer> loopbackPort(String url) {
        try {
            URI uri = URI.create(url);
            return "127.0.0.1".equals(uri.getHost()) && uri.getPort() > 0 ? Optional.of(uri.getPort())
                    : Optional.empty();
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
