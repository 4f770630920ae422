package se.naravard.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The fault tests' PostgreSQL: stopped and started again on the same port, with its data. */
class RestartablePostgresIT {

    @Test
    void a_restart_keeps_the_address_and_the_committed_data_and_refuses_connections_while_stopped()
            throws SQLException {
        try (RestartablePostgres postgres = new RestartablePostgres()) {
            postgres.start();
            String database = postgres.createDatabase("restart");
            String url = postgres.jdbcUrl(database);
            try (Connection c = connect(postgres, url);
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (id int)");
                s.execute("INSERT INTO kept VALUES (7)");
            }

            postgres.stop();
            assertThat(postgres.isRunning()).isFalse();
            assertThatThrownBy(() -> connect(postgres, url).close()).isInstanceOf(SQLException.class);

            postgres.start();
            assertThat(postgres.jdbcUrl(database)).isEqualTo(url);
            try (Connection c = connect(postgres, url);
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT id FROM kept")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).isEqualTo(7);
            }
        }
    }

    private static Connection connect(RestartablePostgres postgres, String url) throws SQLException {
        return DriverManager.getConnection(url, postgres.user(), postgres.password());
    }
}
