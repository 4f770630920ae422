package se.naravard.gateway.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import se.naravard.infra.FreePorts;
import se.naravard.infra.KafkaHandle;
import se.naravard.infra.PostgresHandle;
import se.naravard.infra.TestIdentity;
import se.naravard.infra.TestInfra;
import se.naravard.local.RunningService;
import se.naravard.local.ServiceProcess;

/**
 * A real service module (contract-service, transition-service, sip-service) in a child JVM, started from {@code
 * <module>/target/classes} and its {@code runtime-classpath.txt} (its {@code package} output, built
 * earlier in the reactor) with deploy/local's launcher, on a database of its own on the JVM-wide
 * PostgreSQL and the JVM-wide Kafka broker.
 */
final class ServiceModuleProcess implements AutoCloseable {

    /**
     * What differs between the services: name and module, main class, the health path, the
     * environment prefix of port and database ({@code CONTRACT_SERVICE_PORT}, {@code CONTRACT_DB_URL}
     * …) and the topics it publishes to; {@code env}: settings of its own.
     */
    record Module(
            String name,
            String module,
            String mainClass,
            String healthPath,
            String envPrefix,
            String topic,
            Map<String, String> env) {}

    static final Module CONTRACT = new Module(
            "contract",
            "contract-service",
            "se.naravard.contract.Application",
            "/contracts",
            "CONTRACT",
            "contract.events",
            Map.of());

    static final Module TRANSITION = new Module(
            "transition",
            "transition-service",
            "se.naravard.transition.app.Application",
            "/episodes",
            "TRANSITION",
            "transition.events",
            Map.of());

    /**
     * sip-service with its reaction to transition.events: it opens a call-in task for each SIP call-in
     * clock of transition-service (the test episodes' too), which a Task update completes (TaskUpdateIT);
     * transition-service records the kallelse from sip-service's event in turn.
     */
    static final Module SIP =
            new Module("sip", "sip-service", "se.naravard.sip.Application", "/sips", "SIP", "sip.events", Map.of());

    private final RunningService running;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServiceModuleProcess(RunningService running) {
        this.running = running;
        this.base = running.service().baseUri();
    }

    static ServiceModuleProcess contractService() {
        return start(CONTRACT);
    }

    /**
     * A contract-service of its own that publishes to {@code kafka}, not to the JVM-wide broker: its
     * events would otherwise reach the shared gateway's read cache, which trusts contract.events to
     * come from the one contract-service it reads (as in production).
     */
    static ServiceModuleProcess contractService(KafkaHandle kafka) {
        return start(CONTRACT, kafka);
    }

    static ServiceModuleProcess transitionService() {
        return start(TRANSITION);
    }

    static ServiceModuleProcess sipService() {
        return start(SIP);
    }

    static ServiceModuleProcess start(Module m) {
        return start(m, TestInfra.get().kafka());
    }

    static ServiceModuleProcess start(Module m, KafkaHandle kafka) {
        PostgresHandle postgres = TestInfra.get().postgres();
        return start(m, postgres, postgres.createDatabase("gateway_" + m.name()), kafka, Map.of());
    }

    /**
     * On {@code database} of {@code postgres} (a new one, or the one an earlier, stopped or killed,
     * instance used: the fault tests), publishing to {@code kafka}, with {@code extraEnv} over the
     * module's own settings.
     */
    static ServiceModuleProcess start(
            Module m, PostgresHandle postgres, String database, KafkaHandle kafka, Map<String, String> extraEnv) {
        kafka.createTopics(1, m.topic(), m.topic() + ".dlq");
        int port = FreePorts.find();
        String env = m.envPrefix();
        Map<String, String> variables = new java.util.HashMap<>(m.env());
        variables.putAll(Map.of(
                env + "_SERVICE_PORT",
                Integer.toString(port),
                env + "_DB_URL",
                postgres.jdbcUrl(database),
                env + "_DB_USER",
                postgres.user(),
                env + "_DB_PASSWORD",
                postgres.password(),
                "KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers()));
        variables.putAll(extraEnv);
        // Its internal API trusts the JVM's test identity provider: the gateway's and the tests' service tokens.
        variables.putAll(TestIdentity.serviceAuthEnvironment());
        ServiceProcess service = new ServiceProcess(
                m.name(), m.module(), m.mainClass(), port, m.healthPath(), database, List.of(), Map.copyOf(variables));
        RunningService running = RunningService.start(service, repositoryRoot(), System.out);
        try {
            running.awaitHealthy(Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            running.stop(Duration.ofSeconds(5));
            throw e;
        }
        return new ServiceModuleProcess(running);
    }

    URI baseUri() {
        return base;
    }

    /** SIGSTOP: the port still accepts connections (the kernel does), but nothing answers: a slow service. */
    void pause() {
        signal("-STOP");
    }

    void resume() {
        signal("-CONT");
    }

    /** The child JVM's process id: the same before and after a fault means the service was not restarted. */
    long pid() {
        return running.process().pid();
    }

    boolean isAlive() {
        return running.process().isAlive();
    }

    /**
     * SIGKILL, as the kernel's OOM killer or a node failure does: no shutdown hook, no clean close of
     * anything; returns once the process is gone.
     */
    void kill() {
        running.process().destroyForcibly();
        try {
            if (!running.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the killed service did not exit within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM and wait: the port is closed afterwards. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    /** SIGTERM, and SIGKILL after {@code grace}. */
    void close(Duration grace) {
        resume();
        running.stop(grace);
    }

    /**
     * POST or PUT JSON (or GET with a null body) with the tests' service token (unless {@code headers}
     * name an {@code Authorization}); returns status and body.
     */
    HttpResponse<String> send(String method, String path, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        boolean authorization = false;
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
            authorization |= headers[i].equalsIgnoreCase("Authorization");
        }
        if (!authorization) {
            b.header("Authorization", TestIdentity.serviceAuthorization());
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void signal(String signal) {
        if (!running.process().isAlive()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder(
                            "kill", signal, Long.toString(running.process().pid()))
                    .inheritIO()
                    .start();
            kill.waitFor();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The directory holding the root pom and contract-service/ (Failsafe runs in fhir-gateway/). */
    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("contract-service")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "no repository root above " + Path.of("").toAbsolutePath());
    }
}
