package se.naravard.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One service of the local system, run as a child JVM from its module's build output: {@code
 * <moduleDirectory>/target/classes} in front of {@code <moduleDirectory>/target/runtime-classpath.txt}
 * (written at {@code package} by the module's maven-dependency-plugin {@code build-classpath}).
 *
 * @param name short name, used as the output prefix ({@code [contract] })
 * @param moduleDirectory the Maven module, relative to the repository root
 * @param mainClass the service's {@code main}
 * @param port its HTTP port; {@code GET /health} must answer UP there
 * @param apiPath its main REST resource, printed in the banner (e.g. {@code /contracts})
 * @param database the PostgreSQL database it owns, created if missing; null if it has none
 * @param topics the Kafka topics it publishes to, created if missing
 * @param env environment of the child: the service's configuration
 * @param heap the child's {@code -Xmx} option ({@link #HEAP} unless the service needs more)
 * @param apiPort the port of {@code apiPath} when the API is not on the health port (the FHIR
 *     gateway serves FHIR on Jetty, health on Netty); else {@code port}
 */
public record ServiceProcess(
        String name,
        String moduleDirectory,
        String mainClass,
        int port,
        String apiPath,
        String database,
        List<String> topics,
        Map<String, String> env,
        String heap,
        int apiPort) {

    public static final String HEAP = "-Xmx256m";

    public ServiceProcess {
        topics = List.copyOf(topics);
        env = Map.copyOf(env);
    }

    /** A service with the default heap and its API on its health port. */
    public ServiceProcess(
            String name,
            String moduleDirectory,
            String mainClass,
            int port,
            String apiPath,
            String database,
            List<String> topics,
            Map<String, String> env) {
        this(name, moduleDirectory, mainClass, port, apiPath, database, topics, env, HEAP, port);
    }

    public URI apiUri() {
        return URI.create("http://localhost:" + apiPort).resolve(apiPath);
    }

    public URI baseUri() {
        return URI.create("http://localhost:" + port);
    }

    public URI healthUri() {
        return baseUri().resolve("/health");
    }

    /**
     * The OpenAPI document that micronaut-openapi generated into {@code META-INF/swagger} (named
     * after the title and version, e.g. {@code contract-service-v1.yml}), served under {@code
     * /openapi/}.
     */
    Optional<URI> openApiUri(Path root) {
        Path swagger = classesDirectory(root).resolve("META-INF/swagger");
        if (!Files.isDirectory(swagger)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(swagger)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yml") || n.endsWith(".yaml") || n.endsWith(".json"))
                    .sorted()
                    .findFirst()
                    .map(n -> baseUri().resolve("/openapi/" + n));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    Path classesDirectory(Path root) {
        return root.resolve(moduleDirectory).resolve("target/classes");
    }

    /** {@code java <heap> -cp <classes>:<runtime classpath> <main>}, with the JDK running us. */
    public List<String> command(Path root) {
        Path classes = classesDirectory(root);
        Path classpathFile = root.resolve(moduleDirectory).resolve("target/runtime-classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(classpathFile)) {
            throw new StartupException(name + ": " + root.relativize(classes) + " or " + root.relativize(classpathFile)
                    + " is missing. Build first: deploy/local/run.sh without --no-build"
                    + " (or mvn -DskipTests install).");
        }
        String runtime;
        try {
            runtime = Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, heap, "-Dfile.encoding=UTF-8", "-cp"));
        command.add(runtime.isEmpty() ? classes.toString() : classes + File.pathSeparator + runtime);
        command.add(mainClass);
        return command;
    }
}
