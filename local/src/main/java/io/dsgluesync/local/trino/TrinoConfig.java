package io.dsgluesync.local.trino;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The configuration of a one-node Trino (coordinator and worker in one process) on 127.0.0.1, sized to share a
 * two-core machine with moto and the test JVMs. Properties: https://trino.io/docs/current/installation/deployment.html
 * and https://trino.io/docs/current/admin/properties.html.
 */
record TrinoConfig(TrinoInstall install, Path dir, int port) {

    Path etcDir() {
        return dir.resolve("etc");
    }

    Path configFile() {
        return etcDir().resolve("config.properties");
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    Path log() {
        return dir.resolve("server.log");
    }

    Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("coordinator", "true");
        p.put("node-scheduler.include-coordinator", "true");
        p.put("http-server.http.port", Integer.toString(port));
        p.put("discovery.uri", "http://127.0.0.1:" + port);
        // What the launcher would read from node.properties and pass as system properties; Airlift reads them
        // from config.properties just as well. node.data-dir is the launcher's alone (the server refuses it as
        // unused): the launcher makes it the working directory, and so does TrinoServer.
        p.put("node.environment", "dsgs_local");
        p.put("node.id", "dsgs-local-" + port);
        // Airlift's NodeConfig: listen on, and announce, the loopback address only.
        p.put("node.bind-ip", "127.0.0.1");
        p.put("node.internal-address", "127.0.0.1");
        p.put("plugin.dir", install.pluginDir().toString());
        // Catalogs come and go with CREATE CATALOG / DROP CATALOG, one per moto, and die with the server
        // (https://trino.io/docs/current/admin/properties-catalog.html). With the memory store the server refuses
        // catalog.config-dir as unused.
        p.put("catalog.management", "dynamic");
        p.put("catalog.store", "memory");
        // Heap 2 GB; Trino keeps 30 % of it as headroom (memory.heap-headroom-per-node), so 512 MB per query fits.
        p.put("query.max-memory", "1GB");
        p.put("query.max-memory-per-node", "512MB");
        p.put("http-server.log.enabled", "false");
        return p;
    }

    /** The flags of Trino's launcher that Trino 476 on Java 24+ needs, and a modest heap. */
    List<String> jvmFlags() {
        return List.of("-Xmx2G", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-XX:+EnableDynamicAgentLoading", "-Djdk.attach.allowAttachSelf=true", "-Dfile.encoding=UTF-8",
                "-Dconfig=" + configFile());
    }

    /** Writes etc/config.properties afresh. */
    void write() throws IOException {
        Files.createDirectories(etcDir());
        Files.createDirectories(dataDir());
        Files.writeString(configFile(), properties().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")));
    }
}
