package se.naravard.platform.outbox;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import se.naravard.infra.PostgresHandle;

/** A fresh database with the platform schema, for one test class. */
public final class PlatformDatabase {

    private PlatformDatabase() {}

    public static DataSource create(PostgresHandle postgres, String prefix) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(postgres.jdbcUrl(postgres.createDatabase(prefix)));
        ds.setUser(postgres.user());
        ds.setPassword(postgres.password());
        PlatformSchema.migrate(ds);
        return ds;
    }
}
