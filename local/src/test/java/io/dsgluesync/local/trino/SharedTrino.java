package io.dsgluesync.local.trino;

import static org.junit.jupiter.api.Assertions.fail;

import io.dsgluesync.local.stack.LambdaEmulator;
import io.dsgluesync.local.stack.StackPaths;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * One Trino server for the whole test JVM: started on first use (20–30 s), stopped when the JVM exits. Each test
 * stack gets a catalog of its own for its moto, named after the port; catalogs are never dropped, because the Hive
 * connector does not release everything when its catalog is dropped
 * (https://trino.io/docs/current/admin/properties-catalog.html), and a later moto on the same port is reached
 * through the same endpoint anyway.
 *
 * <pre>{@code
 * String catalog = SharedTrino.catalogFor(stack.endpoints.motoPort());
 * QueryResult rows = SharedTrino.client().execute("SELECT * FROM " + catalog + ".my_db.my_table");
 * }</pre>
 *
 * Without an installation ({@code local/bin/setup-trino}) a test using it fails; it is never skipped.
 */
public final class SharedTrino {
    private static TrinoServer server;
    private static String startFailure;
    private static final Set<Integer> CATALOG_PORTS = new HashSet<>();

    private SharedTrino() {
    }

    public static synchronized TrinoClient client() {
        return server().client();
    }

    /** The name of a catalog on the Glue and S3 of the moto on {@code motoPort}, created on first request. */
    public static synchronized String catalogFor(int motoPort) throws IOException, InterruptedException {
        HiveGlueCatalog catalog = new HiveGlueCatalog("moto_" + motoPort, motoPort);
        if (!CATALOG_PORTS.contains(motoPort)) {
            client().createCatalog(catalog);
            CATALOG_PORTS.add(motoPort);
        }
        return catalog.name();
    }

    private static TrinoServer server() {
        if (startFailure != null) {
            fail(startFailure);
        }
        if (server == null) {
            try {
                server = start();
            } catch (IllegalStateException | IOException e) {
                startFailure = e instanceof IllegalStateException ? e.getMessage()
                        : "Trino did not start: " + e.getMessage();
                fail(startFailure, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while starting Trino", e);
            }
            System.err.println("Trino " + TrinoInstall.VERSION + " started in " + server.startup().toSeconds()
                    + " s on " + server.uri() + " (log: " + server.log() + ")");
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-trino"));
        }
        return server;
    }

    private static TrinoServer start() throws IOException, InterruptedException {
        TrinoInstall install = TrinoInstall.require(System.getenv());
        Path dir = StackPaths.discover().projectDir().resolve("local/target/trino");
        try {
            return TrinoServer.start(install, dir, LambdaEmulator.freePort());
        } catch (TrinoServer.PortInUseException takenMeanwhile) {
            return TrinoServer.start(install, dir, LambdaEmulator.freePort());
        }
    }
}
