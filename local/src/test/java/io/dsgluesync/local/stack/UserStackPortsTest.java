package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.model.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's long-lived stack ({@code local/bin/stack up|down}, {@code local/bin/sync}) never uses or stops a process
 * it did not start: real moto and simulator processes on free ports, a state folder of the test's own.
 */
class UserStackPortsTest {
    private static final String SIMULATOR_MAIN = "io.dsgluesync.local.simulator.DatasphereSimulator";
    private final StackPaths paths = StackPaths.discover();
    private final List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(Path::of).toList();
    private final List<ProcessHandle> foreign = new ArrayList<>();
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    @TempDir
    Path stateDir;
    private UserStack stack;
    private int motoPort;
    private int simulatorPort;

    @BeforeEach
    void ports() throws IOException {
        stack = new UserStack(paths, stateDir, classpath, new PrintStream(progress, true, StandardCharsets.UTF_8));
        motoPort = LambdaEmulator.freePort();
        do {
            simulatorPort = LambdaEmulator.freePort();
        } while (simulatorPort == motoPort);
    }

    @AfterEach
    void stopEverything() throws IOException {
        stack.down(new PrintStream(OutputStream.nullOutputStream()));
        foreign.forEach(ProcessHandle::destroyForcibly);
    }

    private Map<String, String> env(String simulatorArgs) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DSGS_MOTO_PORT", Integer.toString(motoPort));
        env.put("DSGS_SIMULATOR_PORT", Integer.toString(simulatorPort));
        env.put("DSGS_SIMULATOR_ARGS", simulatorArgs);
        return env;
    }

    /** A simulator someone else left running: started here, not by the stack. */
    private Process foreignSimulator(int port, String... flags) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), SIMULATOR_MAIN, "--port",
                Integer.toString(port)));
        command.addAll(List.of(flags));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(stateDir.resolve("foreign.log").toFile()).start();
        foreign.add(process.toHandle());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (PortListener.on(port).filter(l -> l.isProcess(process.pid())).isPresent()) {
                return process;
            }
            assertTrue(process.isAlive(), "the foreign simulator started");
            Thread.sleep(100);
        }
        throw new AssertionError("the foreign simulator did not listen on " + port);
    }

    private static String commandOnPort(int port) {
        return PortListener.on(port).orElseThrow().command();
    }

    private String down() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stack.down(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSimulatorThisStackDidNotStartOnThePortIsAnErrorNamingThePortAndItsProcessAndNothingIsStarted()
            throws Exception {
        Process left = foreignSimulator(simulatorPort);

        IOException refused = assertThrows(IOException.class,
                () -> stack.up(env("--tenant generated --spaces 3 --assets 300")));

        String message = refused.getMessage();
        assertTrue(message.startsWith("port " + simulatorPort + " is in use by pid " + left.pid() + " ("), message);
        assertTrue(message.contains(SIMULATOR_MAIN + " --port " + simulatorPort), message);
        assertTrue(message.contains("a process this stack did not start"), message);
        assertTrue(message.contains("DSGS_SIMULATOR_PORT"), message);
        assertTrue(PortListener.on(motoPort).isEmpty(), "moto was not started");
        assertNull(stack.read(), "nothing recorded");
        assertTrue(left.isAlive(), "the foreign simulator is left alone");
    }

    @Test
    void aPortHeldByAnyOtherProgramIsAnErrorNamingThatProgram() throws Exception {
        try (ServerSocket other = new ServerSocket(motoPort, 0, InetAddress.getLoopbackAddress())) {
            IOException refused = assertThrows(IOException.class, () -> stack.up(env("")));
            assertTrue(refused.getMessage().startsWith("port " + motoPort + " is in use by pid "
                    + ProcessHandle.current().pid() + " ("), refused.getMessage());
            assertTrue(refused.getMessage().contains("DSGS_MOTO_PORT"), refused.getMessage());
        }
        assertTrue(PortListener.on(simulatorPort).isEmpty(), "the simulator was not started");
    }

    @Test
    void upRecordsWhatItStartedAndReusesItOnlyWithTheSameSettingsAndRestartsASimulatorAskedForOthers()
            throws Exception {
        stack.up(env("--tenant generated --spaces 3 --assets 30 --seed 7"));
        UserStack.State first = stack.read();
        assertEquals(List.of("--tenant", "generated", "--spaces", "3", "--assets", "30", "--seed", "7"),
                first.simulator().arguments());
        assertEquals(simulatorPort, first.simulator().port());
        assertEquals(motoPort, first.moto().port());
        assertTrue(PortListener.on(simulatorPort).orElseThrow().isProcess(first.simulator().pid()));
        assertTrue(PortListener.on(motoPort).orElseThrow().isProcess(first.moto().pid()));
        assertTrue(commandOnPort(simulatorPort).endsWith("--port " + simulatorPort
                + " --tenant generated --spaces 3 --assets 30 --seed 7"), commandOnPort(simulatorPort));

        stack.up(env("--tenant generated --spaces 3 --assets 30 --seed 7"));
        UserStack.State again = stack.read();
        assertEquals(first.moto(), again.moto(), "the same moto is reused");
        assertEquals(first.simulator(), again.simulator(), "the same simulator is reused");

        stack.up(env(""));
        UserStack.State sample = stack.read();
        assertEquals(first.moto(), sample.moto(), "moto is kept: its settings did not change");
        assertNotEquals(first.simulator().pid(), sample.simulator().pid(), "a new simulator");
        assertFalse(ProcessHandle.of(first.simulator().pid()).map(ProcessHandle::isAlive).orElse(false),
                "the one with the other settings was stopped");
        assertEquals(List.of(), sample.simulator().arguments());
        assertTrue(commandOnPort(simulatorPort).endsWith(SIMULATOR_MAIN + " --port " + simulatorPort),
                commandOnPort(simulatorPort));
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("stopping this stack's simulator (pid "
                + first.simulator().pid()), progress.toString(StandardCharsets.UTF_8));

        Map<String, String> otherMotoPort = env("");
        otherMotoPort.put("DSGS_MOTO_PORT", Integer.toString(LambdaEmulator.freePort()));
        IOException refused = assertThrows(IOException.class, () -> stack.up(otherMotoPort));
        assertTrue(refused.getMessage().contains("run local/bin/stack down first"), refused.getMessage());

        String said = down();
        assertTrue(said.contains("stopped moto (pid " + sample.moto().pid() + ", port " + motoPort + ")"), said);
        assertTrue(said.contains("stopped simulator (pid " + sample.simulator().pid() + ", port " + simulatorPort
                + ")"), said);
        assertTrue(PortListener.on(motoPort).isEmpty());
        assertTrue(PortListener.on(simulatorPort).isEmpty());
        assertNull(stack.read());
    }

    @Test
    void downStopsOnlyWhatItStartedAndNamesWhatElseHoldsTheStacksPorts() throws Exception {
        stack.up(env(""));
        UserStack.State state = stack.read();
        ProcessHandle ours = ProcessHandle.of(state.simulator().pid()).orElseThrow();
        ours.destroy();
        ours.onExit().get(10, TimeUnit.SECONDS);
        Process left = foreignSimulator(simulatorPort);

        String said = down();

        assertTrue(said.contains("simulator (pid " + state.simulator().pid() + ", port " + simulatorPort
                + ") is no longer running: nothing to stop"), said);
        assertTrue(said.contains("port " + simulatorPort + " is in use by pid " + left.pid()), said);
        assertTrue(said.contains("which this stack did not start: left running"), said);
        assertTrue(said.contains("stopped moto (pid " + state.moto().pid()), said);
        assertTrue(left.isAlive(), "the foreign simulator still runs");
        assertTrue(PortListener.on(motoPort).isEmpty(), "moto was stopped");
    }

    @Test
    void aRecordedPidThatNowBelongsToAnotherProcessIsNeitherReusedNorStopped() throws Exception {
        Process left = foreignSimulator(simulatorPort);
        // stack.json says the stack started a simulator with this pid, but at another time: the pid was reused.
        StackProcess stale = new StackProcess(UserStack.SIMULATOR, left.pid(), "2020-01-01T00:00:00Z",
                simulatorPort, List.of());
        StackProcess noMoto = new StackProcess(UserStack.MOTO, ProcessHandle.current().pid(), "2020-01-01T00:00:00Z",
                motoPort, List.of());
        Files.writeString(stateDir.resolve("stack.json"), JsonCodec.write(new UserStack.State(motoPort,
                "http://127.0.0.1:" + simulatorPort, "http://127.0.0.1:" + simulatorPort + "/oauth/token", "c", "s",
                null, noMoto, stale)));

        IOException refused = assertThrows(IOException.class, () -> stack.up(env("")));
        assertTrue(refused.getMessage().startsWith("port " + simulatorPort + " is in use by pid " + left.pid()),
                refused.getMessage());
        String said = down();
        assertTrue(said.contains("simulator (pid " + left.pid() + ", port " + simulatorPort
                + ") is no longer running: nothing to stop"), said);
        assertTrue(left.isAlive(), "a process that merely has the recorded pid is not stopped");
        assertTrue(ProcessHandle.current().isAlive());
    }

    @Test
    void aStateFileOfTheOlderVersionStillNamesItsProcessesWhileTheyListenOnTheirPorts() throws Exception {
        long motoPid = MotoServer.start(paths, motoPort, stateDir.resolve("old-moto.log"));
        foreign.add(ProcessHandle.of(motoPid).orElseThrow());
        Process simulator = foreignSimulator(simulatorPort, "--tenant", "generated", "--spaces", "2");
        Files.writeString(stateDir.resolve("stack.json"), "{\"motoPort\":" + motoPort + ",\"motoPid\":" + motoPid
                + ",\"datasphereUrl\":\"http://127.0.0.1:" + simulatorPort + "\",\"simulatorPid\":" + simulator.pid()
                + "}");

        stack.up(env("--tenant generated --spaces 2"));

        UserStack.State state = stack.read();
        assertEquals(motoPid, state.moto().pid(), "the recorded moto is reused");
        assertEquals(simulator.pid(), state.simulator().pid(), "the recorded simulator has the settings asked for");
        assertEquals(List.of("--tenant", "generated", "--spaces", "2"), state.simulator().arguments());
        String said = down();
        assertTrue(said.contains("stopped moto (pid " + motoPid + ", port " + motoPort + ")"), said);
        assertTrue(said.contains("stopped simulator (pid " + simulator.pid() + ", port " + simulatorPort
                + ", --tenant generated --spaces 2)"), said);
        assertTrue(simulator.waitFor(5, TimeUnit.SECONDS));
    }
}
