package io.dsgluesync.local.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Whatever listens on a local TCP port. On Linux the process is found as {@code ss -ltnp} finds it: the listening
 * socket's inode in {@code /proc/net/tcp} and {@code /proc/net/tcp6}
 * (https://www.kernel.org/doc/html/latest/networking/proc_net_tcp.html), then the process with a
 * {@code /proc/<pid>/fd} link to {@code socket:[inode]} (https://man7.org/linux/man-pages/man5/proc.5.html).
 * Elsewhere, or when the process belongs to another user, only that the port is taken is known.
 *
 * @param pid     the listening process, when it can be found
 * @param command its command line, empty when unknown
 */
public record PortListener(int port, OptionalLong pid, String command) {
    private static final Path PROC = Path.of("/proc");
    private static final String LISTEN = "0A";
    private static final int COMMAND_SHOWN = 300;
    private static final Set<String> CLASS_PATH_FLAGS = Set.of("-cp", "-classpath", "--class-path");

    /** Who listens on {@code port} now, if anyone. */
    public static Optional<PortListener> on(int port) {
        Set<String> inodes = listeningInodes(port);
        if (!inodes.isEmpty()) {
            OptionalLong pid = holderOf(inodes);
            return Optional.of(new PortListener(port, pid,
                    pid.isPresent() ? commandOf(pid.getAsLong()) : ""));
        }
        return bindable(port) ? Optional.empty() : Optional.of(new PortListener(port, OptionalLong.empty(), ""));
    }

    /** Whether this listener is the process {@code candidate}, as far as can be told. */
    public boolean isProcess(long candidate) {
        return pid.isPresent() && pid.getAsLong() == candidate;
    }

    /**
     * E.g. "port 7070 is in use by pid 4242 (/usr/bin/java -cp … io.dsgluesync.local.simulator.DatasphereSimulator
     * --port 7070)": a Java class path is left out, so that the main class shows.
     */
    public String describe() {
        if (pid.isEmpty()) {
            return "port " + port + " is in use by a process this user cannot identify";
        }
        String shown = shortened(command);
        return "port " + port + " is in use by pid " + pid.getAsLong() + (shown.isEmpty() ? "" : " (" + shown + ")");
    }

    private static String shortened(String command) {
        List<String> words = new ArrayList<>(List.of(command.split(" ")));
        for (int i = 0; i + 1 < words.size(); i++) {
            if (CLASS_PATH_FLAGS.contains(words.get(i))) {
                words.set(i + 1, "…");
            }
        }
        String shown = String.join(" ", words);
        return shown.length() > COMMAND_SHOWN ? shown.substring(0, COMMAND_SHOWN) + "…" : shown;
    }

    private static Set<String> listeningInodes(int port) {
        Set<String> inodes = new HashSet<>();
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String table : List.of("tcp", "tcp6")) {
            Path file = PROC.resolve("net").resolve(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                    String[] fields = line.trim().split("\\s+");
                    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                    if (fields.length > 9 && fields[1].endsWith(":" + hexPort) && LISTEN.equals(fields[3])) {
                        inodes.add(fields[9]);
                    }
                }
            } catch (IOException unreadable) {
                // as if absent
            }
        }
        return inodes;
    }

    private static OptionalLong holderOf(Set<String> inodes) {
        Set<String> links = new HashSet<>();
        inodes.forEach(inode -> links.add("socket:[" + inode + "]"));
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path process : processes) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
                    for (Path fd : fds) {
                        if (links.contains(readLink(fd))) {
                            return OptionalLong.of(Long.parseLong(process.getFileName().toString()));
                        }
                    }
                } catch (IOException | SecurityException notOurs) {
                    // another user's process, or one that just ended
                }
            }
        } catch (IOException noProc) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    private static String readLink(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException | UnsupportedOperationException gone) {
            return "";
        }
    }

    private static String commandOf(long pid) {
        try {
            byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
            String command = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
            if (!command.isEmpty()) {
                return command;
            }
        } catch (IOException unreadable) {
            // fall back to what the JDK knows
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
