package io.dsgluesync.local.trino;

import io.dsgluesync.local.stack.StackPaths;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The Trino of the user's local stack, behind {@code local/bin/query}: started on first use on
 * {@code DSGS_TRINO_PORT} (default 8088) and left running for later queries, as moto is; its configuration, data
 * and log are under {@code .local/trino/}, its port, pid and the moto its {@code glue} catalog reads in
 * {@code .local/trino/trino.json}.
 */
public final class UserTrino {
    public static final String CATALOG = "glue";
    private static final String MAIN_CLASS = "io.trino.server.TrinoServer";

    private final Path dir;
    private final Map<String, String> env;
    private final PrintStream progress;

    public UserTrino(StackPaths paths, Map<String, String> env, PrintStream progress) {
        this.dir = paths.stateDir().resolve("trino");
        this.env = env;
        this.progress = progress;
    }

    /** What is kept between runs: where Trino listens, its pid, and the moto its catalog reads. */
    record State(int port, long pid, int catalogMotoPort) {
    }

    /** A client whose session catalog is {@code glue} on the moto on {@code motoPort}; starts Trino if needed. */
    public TrinoClient clientFor(int motoPort) throws IOException, InterruptedException {
        Optional<State> running = read().filter(s -> isOurTrino(s.pid()) && TrinoServer.isUp(s.port()));
        State state = running.isPresent() ? running.get() : start(motoPort);
        TrinoClient client = new TrinoClient(URI.create("http://127.0.0.1:" + state.port()));
        boolean current = state.catalogMotoPort() == motoPort
                && client.execute("SHOW CATALOGS").column("Catalog").contains(CATALOG);
        if (!current) {
            // A new Trino, or the stack's moto now listens on another port.
            client.execute(new HiveGlueCatalog(CATALOG, motoPort).dropStatement());
            client.createCatalog(new HiveGlueCatalog(CATALOG, motoPort));
            write(new State(state.port(), state.pid(), motoPort));
        }
        return client.inCatalog(CATALOG);
    }

    /** Stops a Trino this class started; does nothing when none is running. */
    public void stop() throws IOException {
        Optional<State> state = read();
        if (state.isEmpty()) {
            return;
        }
        long pid = state.get().pid();
        if (isOurTrino(pid)) {
            ProcessHandle.of(pid).ifPresent(TrinoServer::stop);
            progress.println("Trino stopped (pid " + pid + ")");
        }
        Files.deleteIfExists(stateFile());
    }

    /** The catalog is created by the caller; the state is written first so that this Trino is found again. */
    private State start(int motoPort) throws IOException, InterruptedException {
        int port = Integer.parseInt(env.getOrDefault("DSGS_TRINO_PORT", "8088"));
        if (TrinoServer.isUp(port)) {
            throw new IOException("another Trino answers on port " + port + "; set DSGS_TRINO_PORT to a free port");
        }
        TrinoInstall install = TrinoInstall.require(env);
        progress.println("Starting Trino " + TrinoInstall.VERSION + " on 127.0.0.1:" + port + " (log: "
                + dir.resolve("server.log") + ") ...");
        TrinoServer server;
        try {
            // Not closed: the server outlives this command, like moto, until local/bin/stack down.
            server = TrinoServer.start(install, dir, port);
        } catch (TrinoServer.PortInUseException e) {
            throw new IOException(e.getMessage() + "; set DSGS_TRINO_PORT to a free port", e);
        }
        progress.println("Trino is up after " + server.startup().toSeconds() + " s; it stays up for later queries.");
        State state = new State(port, server.pid(), motoPort);
        write(state);
        return state;
    }

    /** The pid is ours only while it still runs Trino's main class (pids are reused). */
    private static boolean isOurTrino(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(handle -> handle.info().commandLine())
                .filter(commandLine -> commandLine.contains(MAIN_CLASS)).isPresent();
    }

    private Path stateFile() {
        return dir.resolve("trino.json");
    }

    private Optional<State> read() throws IOException {
        return Files.exists(stateFile())
                ? Optional.of(JsonCodec.mapper().readValue(stateFile().toFile(), State.class))
                : Optional.empty();
    }

    private void write(State state) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(stateFile(), JsonCodec.write(state));
    }
}
