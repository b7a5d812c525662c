package io.dsgluesync.local.trino;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Trino server installed by {@code local/bin/setup-trino} into a cache outside the checkout: the server's
 * {@code lib/} and {@code plugin/hive/}, and the JDK (Trino 476 needs Java 24 or newer) the script chose.
 */
public record TrinoInstall(Path home, Path javaHome) {
    public static final String VERSION = "476";
    private static final String HOW_TO_INSTALL = "run local/bin/setup-trino";

    /** The installation in {@code $DSGS_CACHE_DIR} (default {@code ~/.cache/datasphere-glue-sync}). */
    public static TrinoInstall require(Map<String, String> env) {
        String cache = env.get("DSGS_CACHE_DIR");
        Path cacheDir = cache == null || cache.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "datasphere-glue-sync")
                : Path.of(cache);
        Path home = cacheDir.resolve("trino-" + VERSION);
        // setup-trino writes .installed only after both archives are unpacked.
        if (!Files.isRegularFile(home.resolve(".installed")) || !Files.isRegularFile(home.resolve(".java-home"))) {
            throw new IllegalStateException("Trino " + VERSION + " is not installed in " + home + ": "
                    + HOW_TO_INSTALL);
        }
        Path javaHome;
        try {
            javaHome = Path.of(Files.readString(home.resolve(".java-home")).trim());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + home.resolve(".java-home") + ": " + HOW_TO_INSTALL, e);
        }
        TrinoInstall install = new TrinoInstall(home, javaHome);
        if (!Files.isExecutable(install.java())) {
            throw new IllegalStateException(install.java() + " is missing (the JDK moved?): " + HOW_TO_INSTALL);
        }
        return install;
    }

    public Path java() {
        return javaHome.resolve("bin").resolve("java");
    }

    /** For {@code -cp}: the JVM expands a trailing {@code *} to every jar in the folder. */
    public String classPath() {
        return home.resolve("lib") + "/*";
    }

    public Path pluginDir() {
        return home.resolve("plugin");
    }
}
