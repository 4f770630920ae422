package se.naravard.platform.outbox;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Creates and upgrades the platform's own tables (outbox, processed events) in the schema
 * {@value #SCHEMA}, with a Flyway history of its own. Services keep their tables and migrations in
 * their own schema, so neither history ever blocks the other.
 */
public final class PlatformSchema {

    public static final String SCHEMA = "naravard_platform";

    private PlatformSchema() {}

    public static void migrate(DataSource dataSource) {
        Flyway.configure(PlatformSchema.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .createSchemas(true)
                .table("platform_schema_history")
                .locations("classpath:se/naravard/platform/db")
                .load()
                .migrate();
    }
}
