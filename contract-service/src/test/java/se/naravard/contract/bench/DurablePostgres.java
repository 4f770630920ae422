package se.naravard.contract.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import se.naravard.infra.EmbeddedPostgresServer;

/**
 * The PostgreSQL server. {@code durable} (the default): the zonky binaries that {@link
 * EmbeddedPostgresServer} uses, started with PostgreSQL's own defaults for durability ({@code
 * fsync=on}, {@code synchronous_commit=on}); zonky otherwise passes {@code -F} (fsync off) and {@code
 * synchronous_commit=off}, which no production install runs with and which would flatter every
 * commit. {@code -Dbench.postgres=infra} uses {@link EmbeddedPostgresServer} exactly as the ITs do, to
 * show the difference.
 */
final class DurablePostgres implements AutoCloseable {
    private final EmbeddedPostgres zonky;
    private final EmbeddedPostgresServer infra;
    private final AtomicInteger databases = new AtomicInteger();
    /** Autocommit connection to the {@code postgres} database: creates databases, reads server counters. */
    private Connection admin;

    private DurablePostgres(EmbeddedPostgres zonky, EmbeddedPostgresServer infra) {
        this.zonky = zonky;
        this.infra = infra;
    }

    static DurablePostgres start(boolean durable, boolean statements) throws IOException {
        if (!durable) {
            return new DurablePostgres(null, EmbeddedPostgresServer.startEphemeral());
        }
        // Options after zonky's -F win: postgres applies its command line in order.
        EmbeddedPostgres.Builder b =
                EmbeddedPostgres.builder().setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        if (statements) {
            b.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        return new DurablePostgres(b.start(), null);
    }

    void openAdmin() throws SQLException {
        admin = connect("postgres");
        admin.setAutoCommit(true);
    }

    Connection admin() {
        return admin;
    }

    void closeAdmin() throws SQLException {
        if (admin != null) {
            admin.close();
        }
    }

    int port() {
        return infra != null ? infra.port() : zonky.getPort();
    }

    String jdbcUrl(String db) {
        return "jdbc:postgresql://localhost:" + port() + "/" + db;
    }

    String user() {
        return "postgres";
    }

    String password() {
        return "postgres";
    }

    Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(db), user(), password());
    }

    HikariDataSource dataSource(String db, int size) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(jdbcUrl(db));
        c.setUsername(user());
        c.setPassword(password());
        c.setMaximumPoolSize(size);
        c.setPoolName("bench-" + db);
        return new HikariDataSource(c);
    }

    String createDatabase(String prefix) throws SQLException {
        String name = prefix + "_" + databases.incrementAndGet();
        try (Statement s = admin.createStatement()) {
            s.execute("create database " + name);
        }
        return name;
    }

    /** A file copy of {@code template} (which nobody may be connected to), named prefix + a suffix. */
    String copyDatabase(String template, String prefix) throws SQLException {
        String name = prefix + Long.toString(System.nanoTime() % 1_000_000, 36);
        try (Statement s = admin.createStatement()) {
            s.execute("create database " + name + " template " + template + " strategy file_copy");
        }
        return name;
    }

    @Override
    public void close() throws IOException {
        if (infra != null) {
            infra.close();
        } else {
            zonky.close();
        }
    }
}
