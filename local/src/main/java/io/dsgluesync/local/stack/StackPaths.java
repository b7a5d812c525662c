package io.dsgluesync.local.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project's local tooling lives: the virtualenv, the emulator binary, the stack's state and logs. */
public record StackPaths(Path projectDir) {

    /** The project root: {@code dsgs.projectDir} if set, else the nearest folder upwards holding template.yaml. */
    public static StackPaths discover() {
        String configured = System.getProperty("dsgs.projectDir", System.getenv("DSGS_PROJECT_DIR"));
        if (configured != null && !configured.isBlank()) {
            return new StackPaths(Path.of(configured).toAbsolutePath().normalize());
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the project folder (template.yaml) above "
                    + Path.of("").toAbsolutePath());
        }
        return new StackPaths(dir);
    }

    public Path template() {
        return projectDir.resolve("template.yaml");
    }

    public Path motoServer() {
        return projectDir.resolve(".venv/bin/moto_server");
    }

    public Path rie() {
        return projectDir.resolve(".tools/aws-lambda-rie");
    }

    public Path ricDir() {
        return projectDir.resolve("local/target/ric");
    }

    public Path localTools() {
        return projectDir.resolve("local/target/dsgs-local.jar");
    }

    public Path stateDir() {
        return projectDir.resolve(".local");
    }

    public Path eventsDir() {
        return projectDir.resolve("events");
    }

    public Path require(Path path, String howToGetIt) {
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is missing: " + howToGetIt);
        }
        return path;
    }
}
