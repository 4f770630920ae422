package se.naravard.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka 4.4 cluster (KRaft, combined broker and controller) inside this JVM.
 *
 * <p>It replaces a Kafka container where there is no Docker engine. The broker is the production
 * {@code KafkaRaftServer}, not a mock, so idempotent producers, consumer groups and committed
 * offsets behave as in production.
 *
 * <p>Ports and log directory are fixed for the lifetime of the object: {@link #stop()} followed by
 * {@link #start()} brings the broker back on the same address with the data it had, which is what
 * outage tests need. Ports given as {@code 0} are chosen once, at construction.
 *
 * <p>Start-up takes 1.5–3 s and about 40 MB of heap. The broker logs through SLF4J; its internal
 * log-level controller also touches Log4j 2, which is on the classpath through {@code
 * kafka-server}. See {@link TestInfra} for the logger levels to set.
 *
 * <p>Thread-safe: lifecycle methods are synchronized.
 */
public final class EmbeddedKafkaBroker implements KafkaHandle, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final int port;
    private final int controllerPort;
    private final Path logDirectory;
    private final boolean ownsLogDirectory;
    private final String newClusterId = Uuid.randomUuid().toString();

    private KafkaRaftServer server;
    private boolean closed;

    /** A broker on free ports with a temporary log directory that {@link #close()} deletes. */
    public EmbeddedKafkaBroker() {
        this(0, 0, null);
    }

    /**
     * A broker on the given ports and log directory.
     *
     * @param port client port; {@code 0} picks a free one
     * @param controllerPort KRaft controller port; {@code 0} picks a free one
     * @param logDirectory where topics are stored, kept on {@link #close()}; {@code null} means a
     *     temporary directory that {@link #close()} deletes
     */
    public EmbeddedKafkaBroker(int port, int controllerPort, Path logDirectory) {
        int[] free = port == 0 || controllerPort == 0 ? FreePorts.find(2) : new int[] {port, controllerPort};
        this.port = port != 0 ? port : free[0];
        this.controllerPort = controllerPort != 0 ? controllerPort : free[1];
        if (this.port == this.controllerPort) {
            throw new IllegalArgumentException("port and controllerPort must differ: " + this.port);
        }
        this.ownsLogDirectory = logDirectory == null;
        this.logDirectory = ownsLogDirectory ? createTempDirectory() : logDirectory.toAbsolutePath();
    }

    @Override
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path logDirectory() {
        return logDirectory;
    }

    /** Formats the log directory if needed, starts the broker and waits until clients can use it. */
    @Override
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("Broker on " + bootstrapServers() + " is closed");
        }
        if (server != null) {
            return;
        }
        long started = System.nanoTime();
        Properties properties = properties();
        formatStorage(properties);
        KafkaRaftServer candidate = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        try {
            candidate.startup();
            Topics.awaitReachable(bootstrapServers(), READY_TIMEOUT);
        } catch (RuntimeException e) {
            try {
                shutDown(candidate);
            } catch (RuntimeException shutdownFailure) {
                e.addSuppressed(shutdownFailure);
            }
            throw e;
        }
        server = candidate;
        LOG.info(
                "Kafka broker started on {} (controller port {}, log dir {}) in {} ms",
                bootstrapServers(),
                controllerPort,
                logDirectory,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Shuts the broker down cleanly; its data stays in the log directory. */
    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        KafkaRaftServer stopping = server;
        server = null;
        shutDown(stopping);
        LOG.info("Kafka broker on {} stopped", bootstrapServers());
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public void createTopics(int partitions, String... names) {
        Topics.create(bootstrapServers(), partitions, names);
    }

    /** Stops the broker and deletes the log directory if this object created it. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        if (ownsLogDirectory) {
            deleteRecursively(logDirectory);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + bootstrapServers() + ", " + logDirectory + "]";
    }

    private Properties properties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDirectory.toString());
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("num.partitions", "3");
        // The default dedupe buffer takes 128 MB of heap for the log cleaner alone.
        p.setProperty("log.cleaner.dedupe.buffer.size", "2097152");
        return p;
    }

    private void formatStorage(Properties properties) {
        Path configFile = null;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            Files.createDirectories(logDirectory);
            configFile = Files.createTempFile("naravard-kafka-", ".properties");
            try (OutputStream out = Files.newOutputStream(configFile)) {
                properties.store(out, "embedded Kafka broker");
            }
            String[] args = {"format", "-t", clusterId(), "-c", configFile.toString(), "--ignore-formatted"};
            int exitCode;
            try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                exitCode = StorageTool.execute(args, printStream);
            }
            if (exitCode != 0) {
                throw new IllegalStateException("Formatting Kafka log directory " + logDirectory + " failed ("
                        + exitCode + "): " + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare Kafka log directory " + logDirectory, e);
        } finally {
            if (configFile != null) {
                deleteRecursively(configFile);
            }
        }
    }

    /**
     * A formatted log directory keeps its cluster id: the storage tool refuses to reuse it under
     * another one, even with {@code --ignore-formatted}.
     */
    private String clusterId() throws IOException {
        Path metaProperties = logDirectory.resolve("meta.properties");
        if (!Files.exists(metaProperties)) {
            return newClusterId;
        }
        Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(metaProperties)) {
            meta.load(in);
        }
        return meta.getProperty("cluster.id", newClusterId);
    }

    private static void shutDown(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("naravard-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary Kafka log directory", e);
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {}", path, e);
        }
    }
}
