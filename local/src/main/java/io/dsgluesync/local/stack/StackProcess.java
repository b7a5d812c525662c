package io.dsgluesync.local.stack;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process the local stack started and keeps in {@code .local/stack.json}: moto or the Datasphere simulator. A pid
 * alone does not say it is still that process (pids are reused), so its start time is kept too, and it is reused
 * only while it is the process listening on its port.
 *
 * @param role      "moto" or "simulator"
 * @param startedAt the process's start time as the operating system tells it
 * @param arguments the settings it was started with beyond the port (the simulator's flags)
 */
public record StackProcess(String role, long pid, String startedAt, int port, List<String> arguments) {

    public StackProcess {
        arguments = List.copyOf(arguments);
    }

    /** The record of a process just started and now listening on {@code port}. */
    static StackProcess started(String role, long pid, int port, List<String> arguments) throws IOException {
        Instant start = ProcessHandle.of(pid).flatMap(h -> h.info().startInstant())
                .orElseThrow(() -> new IOException(role + " (pid " + pid + ") ended right after it started"));
        return new StackProcess(role, pid, start.toString(), port, arguments);
    }

    /** Whether the process is still the one that was started (alive, same start time). */
    public boolean alive() {
        return handle().isPresent();
    }

    /** Whether it is running and is what listens on its port. */
    public boolean serves() {
        return alive() && PortListener.on(port).filter(l -> l.pid().isEmpty() || l.isProcess(pid)).isPresent();
    }

    /** Whether it was started on {@code otherPort} with {@code otherArguments}. */
    public boolean hasSettings(int otherPort, List<String> otherArguments) {
        return port == otherPort && arguments.equals(otherArguments);
    }

    /** Ends the process (if it is still the one started) and waits until it has ended. */
    public void stop() throws IOException {
        Optional<ProcessHandle> process = handle();
        if (process.isEmpty()) {
            return;
        }
        ProcessHandle handle = process.get();
        handle.destroy();
        try {
            handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException stillThere) {
            handle.destroyForcibly();
            awaitExit(handle);
        } catch (ExecutionException e) {
            throw new IOException("waiting for " + describe() + " to end", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping " + describe());
        }
    }

    private static void awaitExit(ProcessHandle handle) throws IOException {
        try {
            handle.onExit().get(5, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new IOException("pid " + handle.pid() + " did not end", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    /** E.g. "simulator (pid 4242, port 7070, --tenant generated --assets 300)". */
    public String describe() {
        return role + " (pid " + pid + ", port " + port
                + (arguments.isEmpty() ? "" : ", " + String.join(" ", arguments)) + ")";
    }

    private Optional<ProcessHandle> handle() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().startInstant().map(Instant::toString).filter(startedAt::equals).isPresent());
    }
}
