package se.naravard.infra;

/**
 * A running PostgreSQL server, whichever way it was started.
 *
 * <p>Tests depend on this rather than on {@link EmbeddedPostgresServer} or a Testcontainers
 * container, so the same test runs on a laptop without Docker and on a CI agent with it.
 */
public interface PostgresHandle {

    /** JDBC URL of {@code database} on this server, without credentials. */
    String jdbcUrl(String database);

    /** User name with the right to create databases. */
    String user();

    /** Password of {@link #user()}. */
    String password();

    /**
     * Creates an empty database whose name starts with a sanitised {@code namePrefix} and ends with
     * a unique suffix, and returns that name.
     *
     * <p>Each test class or service gets its own database, so Flyway migrations and test data never
     * meet even though the server is shared by the whole test JVM.
     */
    String createDatabase(String namePrefix);
}
