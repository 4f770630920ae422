package se.naravard.infra;

import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** PostgreSQL in a Testcontainers container, used where a Docker engine is reachable. */
final class ContainerPostgres implements PostgresHandle, AutoCloseable {

    static final DockerImageName IMAGE = DockerImageName.parse("postgres:17-alpine");

    private final PostgreSQLContainer<?> container;

    private ContainerPostgres(PostgreSQLContainer<?> container) {
        this.container = container;
    }

    static ContainerPostgres launch() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(IMAGE)
                .withDatabaseName(Databases.ADMIN_DATABASE)
                .withUsername("postgres")
                .withPassword("postgres");
        container.start();
        return new ContainerPostgres(container);
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + container.getHost() + ":"
                + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/" + database;
    }

    @Override
    public String user() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public String createDatabase(String namePrefix) {
        return Databases.create(this, namePrefix);
    }

    @Override
    public void close() {
        container.stop();
    }
}
