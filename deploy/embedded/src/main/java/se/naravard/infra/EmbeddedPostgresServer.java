package se.naravard.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server started from the zonky binaries on the classpath, without Docker.
 *
 * <p>It runs as a child process of this JVM. As root, zonky wraps {@code initdb} and {@code
 * postgres} in {@code unshare -U}, because PostgreSQL refuses to run as root.
 *
 * <p>Two ways to start it:
 *
 * <ul>
 *   <li>{@link #startEphemeral()} for tests: a free port and a temporary data directory that is
 *       removed on {@link #close()}.
 *   <li>{@link #startPersistent(int, Path)} for the local run: a fixed port and a data directory
 *       that survives restarts, so local data outlives the process.
 * </ul>
 *
 * <p>Authentication is {@code trust} on loopback; {@link #password()} exists so that callers can
 * configure a data source the same way as for any other server.
 */
public final class EmbeddedPostgresServer implements PostgresHandle, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts a throw-away server on a free port. */
    public static EmbeddedPostgresServer startEphemeral() {
        return start(EmbeddedPostgres.builder(), "ephemeral data directory");
    }

    /**
     * Starts a throw-away server with PostgreSQL's own durability defaults ({@code fsync=on}, {@code
     * synchronous_commit=on}). zonky otherwise passes {@code -F} and {@code synchronous_commit=off},
     * which flatter every commit; benchmarks use this one.
     */
    public static EmbeddedPostgresServer startDurable() {
        // Options after zonky's -F win: postgres applies its command line in order.
        return start(
                EmbeddedPostgres.builder().setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on"),
                "ephemeral data directory, fsync on, synchronous_commit on");
    }

    /**
     * Starts a server on {@code port} with its data in {@code dataDirectory}, which is created on
     * first use and reused afterwards. The caller must {@link #close()} it: no JVM shutdown hook does.
     */
    public static EmbeddedPostgresServer startPersistent(int port, Path dataDirectory) {
        return startPersistent(port, dataDirectory, false);
    }

    /**
     * As {@link #startPersistent(int, Path)}; {@code durable} keeps PostgreSQL's own {@code fsync=on}
     * and {@code synchronous_commit=on} as {@link #startDurable()} does (the FHIR benchmark runs so).
     */
    public static EmbeddedPostgresServer startPersistent(int port, Path dataDirectory, boolean durable) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (durable) {
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        return start(
                builder.setPort(port)
                        .setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(false)
                        // The owner stops it (deploy/local: after the services, so they shut down
                        // cleanly); zonky's own hook would stop it at the same moment as them.
                        .setRegisterShutdownHook(false),
                dataDirectory + (durable ? ", fsync on, synchronous_commit on" : ""));
    }

    private static EmbeddedPostgresServer start(EmbeddedPostgres.Builder builder, String dataDescription) {
        long started = System.nanoTime();
        try {
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(builder.start());
            LOG.info(
                    "PostgreSQL started on port {} ({}) in {} ms",
                    server.port(),
                    dataDescription,
                    (System.nanoTime() - started) / 1_000_000);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    /** The port PostgreSQL listens on, on localhost. */
    public int port() {
        return postgres.getPort();
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    @Override
    public String createDatabase(String namePrefix) {
        return Databases.create(this, namePrefix);
    }

    /** Stops PostgreSQL; an ephemeral server's data directory is deleted. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop embedded PostgreSQL on port " + port(), e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPostgresServer[" + jdbcUrl(Databases.ADMIN_DATABASE) + "]";
    }
}
