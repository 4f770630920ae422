package se.naravard.infra;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * One real PostgreSQL and one real Kafka broker shared by every test in a JVM.
 *
 * <p>Starting them takes seconds, so they are started once, lazily, on the first {@link #get()},
 * and stopped by a shutdown hook. Tests isolate themselves with their own database ({@link
 * PostgresHandle#createDatabase(String)}) and their own topic and group names, never with their own
 * servers. Use {@link WithRealInfra} or {@link InfraExtension} rather than calling this directly.
 *
 * <p>Backend choice, made once per JVM:
 *
 * <ul>
 *   <li>system property {@code naravard.infra} or environment variable {@code NARAVARD_INFRA}
 *       set to {@code embedded}: zonky PostgreSQL and an in-JVM KRaft broker, no Docker needed;
 *   <li>set to {@code testcontainers}: PostgreSQL 17 and {@code apache/kafka} containers, failing
 *       if Docker is not reachable;
 *   <li>unset or {@code auto}: containers if {@code DockerClientFactory} finds a Docker engine,
 *       embedded otherwise. Without Docker, Testcontainers logs one ERROR ("Could not find a valid
 *       Docker environment") while looking; set {@code embedded} to skip the probe and the line.
 * </ul>
 *
 * <p>Everything listens on free ports only.
 *
 * <p>Logging: the broker and zonky are chatty at INFO. A consumer module's {@code
 * src/test/resources/logback-test.xml} should contain
 *
 * <pre>{@code
 * <include resource="naravard-infra-logback-include.xml"/>
 * }</pre>
 *
 * <p>inside {@code <configuration>}, which sets {@code kafka}, {@code org.apache.kafka}, {@code
 * state.change.logger}, {@code io.zonky.test}, {@code org.testcontainers} and {@code
 * com.github.dockerjava} to WARN. Tests that stop the broker on purpose may also set {@code
 * org.apache.kafka.clients.NetworkClient} to ERROR, or every reconnect attempt logs a WARN. The
 * broker logs through SLF4J (scala-logging and the Java modules alike), so these levels apply to
 * it; only its log-level controller ({@code org.apache.kafka.server.logger.LoggingController})
 * uses the Log4j 2 API directly, and without a Log4j configuration that prints nothing below
 * ERROR.
 */
public final class TestInfra {

    /** How the servers were started. */
    public enum Backend {
        EMBEDDED,
        TESTCONTAINERS
    }

    static final String PROPERTY = "naravard.infra";
    static final String ENVIRONMENT_VARIABLE = "NARAVARD_INFRA";

    private static final Logger LOG = LoggerFactory.getLogger(TestInfra.class);
    private static final Object LOCK = new Object();
    private static TestInfra instance;
    private static RuntimeException startFailure;

    private final Backend backend;
    private final PostgresHandle postgres;
    private final KafkaHandle kafka;
    private final AutoCloseable postgresCloser;
    private final AutoCloseable kafkaCloser;
    private final Duration startupTime;

    private <P extends PostgresHandle & AutoCloseable, K extends KafkaHandle & AutoCloseable> TestInfra(
            Backend backend, P postgres, K kafka, Duration startupTime) {
        this.backend = backend;
        this.postgres = postgres;
        this.kafka = kafka;
        this.postgresCloser = postgres;
        this.kafkaCloser = kafka;
        this.startupTime = startupTime;
    }

    /**
     * Returns the JVM-wide instance, starting PostgreSQL and Kafka on the first call. If that start
     * fails, this and every later call throw, without retrying.
     */
    public static TestInfra get() {
        synchronized (LOCK) {
            if (instance != null) {
                return instance;
            }
            if (startFailure != null) {
                throw new IllegalStateException(
                        "Test infrastructure failed to start earlier in this JVM", startFailure);
            }
            try {
                instance = start(chooseBackend());
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "naravard-infra-shutdown"));
            return instance;
        }
    }

    public PostgresHandle postgres() {
        return postgres;
    }

    public KafkaHandle kafka() {
        return kafka;
    }

    public Backend backend() {
        return backend;
    }

    /** Wall-clock time it took to start both servers. */
    public Duration startupTime() {
        return startupTime;
    }

    @Override
    public String toString() {
        return "TestInfra[" + backend + ", " + postgres + ", " + kafka + "]";
    }

    static Backend chooseBackend() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENVIRONMENT_VARIABLE);
        }
        String choice = configured == null ? "auto" : configured.trim().toLowerCase(Locale.ROOT);
        switch (choice) {
            case "", "auto":
                return DockerClientFactory.instance().isDockerAvailable() ? Backend.TESTCONTAINERS : Backend.EMBEDDED;
            case "embedded":
                return Backend.EMBEDDED;
            case "testcontainers", "docker":
                return Backend.TESTCONTAINERS;
            default:
                throw new IllegalArgumentException(PROPERTY + "/" + ENVIRONMENT_VARIABLE + " must be embedded,"
                        + " testcontainers or auto, not '" + configured + "'");
        }
    }

    private static TestInfra start(Backend backend) {
        if (backend == Backend.EMBEDDED) {
            return startInParallel(backend, EmbeddedPostgresServer::startEphemeral, TestInfra::startEmbeddedKafka);
        }
        return startInParallel(backend, ContainerPostgres::launch, ContainerKafka::launch);
    }

    private static EmbeddedKafkaBroker startEmbeddedKafka() {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker();
        try {
            broker.start();
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    private static <P extends PostgresHandle & AutoCloseable, K extends KafkaHandle & AutoCloseable>
            TestInfra startInParallel(Backend backend, Supplier<P> postgresStarter, Supplier<K> kafkaStarter) {
        long started = System.nanoTime();
        CompletableFuture<P> postgres = CompletableFuture.supplyAsync(postgresStarter, task -> {
            Thread thread = new Thread(task, "naravard-infra-postgres-start");
            thread.setDaemon(true);
            thread.start();
        });
        K kafka;
        try {
            kafka = kafkaStarter.get();
        } catch (RuntimeException e) {
            postgres.thenAccept(TestInfra::closeQuietly);
            throw e;
        }
        try {
            P startedPostgres = postgres.join();
            Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
            TestInfra infra = new TestInfra(backend, startedPostgres, kafka, startupTime);
            LOG.info("Test infrastructure ({}) started in {} ms", backend, startupTime.toMillis());
            return infra;
        } catch (CompletionException e) {
            closeQuietly(kafka);
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void close() {
        closeQuietly(kafkaCloser);
        closeQuietly(postgresCloser);
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("Could not stop {}", resource, e);
        }
    }
}
