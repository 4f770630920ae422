package se.naravard.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@WithRealInfra
class PostgresIT {

    @Test
    void eachCreatedDatabaseIsSeparate(PostgresHandle postgres) throws SQLException {
        String first = postgres.createDatabase("PostgresIT first");
        String second = postgres.createDatabase("PostgresIT first");

        assertThat(first).isNotEqualTo(second).startsWith("postgresit_first_");

        try (Connection connection = connect(postgres, first);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE care_plan (id bigint PRIMARY KEY, title text NOT NULL)");
            statement.execute("INSERT INTO care_plan VALUES (1, 'SIP'), (2, 'LUS')");
            assertThat(count(statement, "SELECT count(*) FROM care_plan")).isEqualTo(2);
        }
        try (Connection connection = connect(postgres, second);
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT count(*) FROM care_plan"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("does not exist");
            statement.execute("CREATE TABLE care_plan (id bigint PRIMARY KEY)");
            assertThat(count(statement, "SELECT count(*) FROM care_plan")).isZero();
            assertThat(count(statement, "SELECT current_setting('server_version_num')::int"))
                    .isGreaterThanOrEqualTo(170000);
        }
    }

    private static Connection connect(PostgresHandle postgres, String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), postgres.password());
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet resultSet = statement.executeQuery(sql)) {
            resultSet.next();
            return resultSet.getLong(1);
        }
    }
}
