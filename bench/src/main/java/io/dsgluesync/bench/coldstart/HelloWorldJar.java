package io.dsgluesync.bench.coldstart;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The hello-world reference function: {@code coldstart/HelloWorldHandler.java} (a bench resource) compiled against
 * the runtime interface client's {@code aws-lambda-java-core} and packaged alone in a small jar, so that it runs
 * under the same emulator, runtime client, JVM and {@code JAVA_TOOL_OPTIONS} as the functions.
 */
final class HelloWorldJar {
    static final String HANDLER = "hello.HelloWorldHandler::handleRequest";
    private static final String SOURCE = "coldstart/HelloWorldHandler.java";
    /**
     * The runtime interface client 2.x needs {@code software.amazon.awssdk:utils-lite} at run time (its loop starts
     * with {@code SdkInternalThreadLocal}); Lambda's managed runtime brings it, and the function jars carry it with
     * the SDK, so the hello-world jar carries it too.
     */
    private static final String RIC_RUNTIME_CLASS = "software/amazon/awssdk/utilslite/SdkInternalThreadLocal.class";

    private HelloWorldJar() {
    }

    /** Builds {@code dir/hello.jar} and answers its path. */
    static Path build(Path dir, Path ricDir) throws IOException {
        Path src = dir.resolve("hello-src/hello/HelloWorldHandler.java");
        Path classes = dir.resolve("hello-classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        try (InputStream in = HelloWorldJar.class.getClassLoader().getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IOException("bench resource " + SOURCE + " is missing");
            }
            Files.write(src, in.readAllBytes());
        }
        Path core = coreJar(ricDir);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IOException("the bench needs a JDK (javax.tools found no compiler) to build the hello-world jar");
        }
        int status = javac.run(null, null, null, "--release", "17", "-cp", core.toString(),
                "-d", classes.toString(), src.toString());
        if (status != 0) {
            throw new IOException("javac failed on " + src);
        }
        Path jar = dir.resolve("hello.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                jarOut.write(Files.readAllBytes(file));
                jarOut.closeEntry();
            }
            try (InputStream in = HelloWorldJar.class.getClassLoader().getResourceAsStream(RIC_RUNTIME_CLASS)) {
                if (in == null) {
                    throw new IOException(RIC_RUNTIME_CLASS + " is not on the bench's class path");
                }
                jarOut.putNextEntry(new JarEntry(RIC_RUNTIME_CLASS));
                jarOut.write(in.readAllBytes());
                jarOut.closeEntry();
            }
        }
        return jar;
    }

    private static Path coreJar(Path ricDir) throws IOException {
        try (Stream<Path> jars = Files.list(ricDir)) {
            List<Path> core = jars.filter(p -> p.getFileName().toString().startsWith("aws-lambda-java-core-")).toList();
            if (core.isEmpty()) {
                throw new IOException("no aws-lambda-java-core jar in " + ricDir + "; run mvn package first");
            }
            return core.get(0);
        }
    }
}
