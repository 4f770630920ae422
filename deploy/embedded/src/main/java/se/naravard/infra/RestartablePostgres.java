package se.naravard.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL (zonky, as {@link EmbeddedPostgresServer}) that a fault test can {@link #stop()}
 * and {@link #start()} again on the same port and data directory, as {@link KafkaHandle} does for
 * the broker: committed data survives, clients see the server go away (their connections are
 * terminated, new ones refused) and come back on the same address.
 *
 * <p>Its own server, never the JVM-wide {@link TestInfra} one: stopping that would break every other
 * test of the JVM. The data directory is temporary and deleted on {@link #close()}. Thread-safe.
 */
public final class RestartablePostgres implements PostgresHandle, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RestartablePostgres.class);

    private final int port;
    private final Path root;
    private final Path dataDirectory;
    private EmbeddedPostgresServer server;
    private boolean closed;

    /** A server on a free port with a temporary data directory; not started yet. */
    public RestartablePostgres() {
        this.port = FreePorts.find();
        try {
            this.root = Files.createTempDirectory("naravard-postgres-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary PostgreSQL data directory", e);
        }
        // zonky runs initdb when the directory holds no postgresql.conf, i.e. on the first start only.
        this.dataDirectory = root.resolve("data");
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "naravard-restartable-postgres-shutdown"));
    }

    /** Starts the server (initialising the data directory the first time); does nothing if it runs. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        if (server == null) {
            server = EmbeddedPostgresServer.startPersistent(port, dataDirectory);
        }
    }

    /**
     * Stops the server (PostgreSQL's fast shutdown: open sessions are terminated, their transactions
     * rolled back); its data stays. Does nothing if it is stopped.
     */
    public synchronized void stop() {
        if (server != null) {
            EmbeddedPostgresServer stopping = server;
            server = null;
            stopping.close();
            LOG.info("PostgreSQL on port {} stopped", port);
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public int port() {
        return port;
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public String password() {
        return "postgres";
    }

    /** Needs the server running. */
    @Override
    public String createDatabase(String namePrefix) {
        return Databases.create(this, namePrefix);
    }

    /** Stops the server and deletes its data directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            stop();
        } catch (RuntimeException e) {
            LOG.warn("Could not stop {}", this, e);
        }
        closed = true;
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {}", root, e);
        }
    }

    @Override
    public String toString() {
        return "RestartablePostgres[" + jdbcUrl(Databases.ADMIN_DATABASE) + ", " + dataDirectory + "]";
    }
}
