package se.naravard.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpMethod;
import io.micronaut.transaction.exceptions.TransactionSystemException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * When a failed request is a 503 "database unavailable" rather than a 500: only when nothing can have
 * been stored. The messages and frames are the ones Micronaut's DataSourceTransactionManager gives;
 * that a real lost commit and a real lost statement look so is checked against a real database in
 * contract-service's DatabaseOutageIT.
 */
class DatabaseUnavailableAnswerTest {

    private static final PSQLException BROKEN =
            new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE);

    @Test
    void no_connection_at_all_is_503_for_a_read_and_a_write() {
        RuntimeException noConnection = new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available", "08001", BROKEN));

        assertThat(ProblemHandlers.answersUnavailable(HttpMethod.GET, noConnection))
                .isTrue();
        assertThat(ProblemHandlers.answersUnavailable(HttpMethod.POST, noConnection))
                .isTrue();
        assertThat(ProblemHandlers.answersUnavailable(HttpMethod.PUT, noConnection))
                .isTrue();
    }

    @Test
    void a_connection_lost_before_the_commit_is_503_the_transaction_went_with_it() {
        RuntimeException midTransaction = new DataAccessException("Error executing SQL UPDATE", BROKEN);
        // Then the rollback fails too (the connection is gone): still nothing committed.
        RuntimeException rollbackFailed =
                new TransactionSystemException("Could not roll back JDBC transaction", BROKEN);

        assertThat(ProblemHandlers.answersUnavailable(HttpMethod.POST, midTransaction))
                .isTrue();
        assertThat(ProblemHandlers.answersUnavailable(HttpMethod.POST, rollbackFailed))
                .isTrue();
    }

    @Test
    void a_failed_commit_of_a_write_stays_500_since_the_server_may_have_committed() {
        RuntimeException commitFailed = new TransactionSystemException("Could not commit JDBC transaction", BROKEN);

        assertThat(ProblemHandlers.answersUnavailable(HttpMethod.POST, commitFailed))
                .isFalse();
        assertThat(ProblemHandlers.answersUnavailable(HttpMethod.PUT, commitFailed))
                .isFalse();
        assertThat(ProblemHandlers.answersUnavailable(HttpMethod.DELETE, commitFailed))
                .isFalse();
        // A read stores nothing, committed or not.
        assertThat(ProblemHandlers.answersUnavailable(HttpMethod.GET, commitFailed))
                .isTrue();
    }

    /**
     * With the connection gone, Micronaut's clean-up after the commit or rollback (restoring
     * auto-commit) runs into the connection Hikari closed, and that exception replaces the first:
     * whether the commit had been reached is no longer said, so a write stays 500 and a read is 503.
     * The frames are those of a real lost commit and a real lost statement (contract-service's
     * DatabaseOutageIT makes both).
     */
    @Test
    void the_clean_up_failure_that_replaces_the_first_is_500_for_a_write_and_503_for_a_read() {
        RuntimeException cleanUp = cleanUpFailure();

        assertThat(ProblemHandlers.answersUnavailable(HttpMethod.POST, cleanUp)).isFalse();
        assertThat(ProblemHandlers.answersUnavailable(HttpMethod.PUT, cleanUp)).isFalse();
        assertThat(ProblemHandlers.answersUnavailable(HttpMethod.GET, cleanUp)).isTrue();
    }

    @Test
    void a_failure_thrown_within_a_commit_stays_500_for_a_write() {
        PSQLException inCommit = new PSQLException("An I/O error occurred", PSQLState.CONNECTION_FAILURE);
        inCommit.setStackTrace(new StackTraceElement[] {
            frame("org.postgresql.core.v3.QueryExecutorImpl", "execute"),
            frame("org.postgresql.jdbc.PgConnection", "commit"),
            frame("com.zaxxer.hikari.pool.ProxyConnection", "commit")
        });
        PSQLException inStatement = new PSQLException("An I/O error occurred", PSQLState.CONNECTION_FAILURE);
        inStatement.setStackTrace(new StackTraceElement[] {
            frame("org.postgresql.core.v3.QueryExecutorImpl", "execute"),
            frame("org.postgresql.jdbc.PgPreparedStatement", "executeUpdate"),
            // setAutoCommit is no commit
            frame("io.micronaut.data.connection.support.JdbcConnectionUtils", "setAutoCommit")
        });

        assertThat(ProblemHandlers.answersUnavailable(HttpMethod.POST, inCommit))
                .isFalse();
        assertThat(ProblemHandlers.answersUnavailable(HttpMethod.POST, inStatement))
                .isTrue();
    }

    /** As Micronaut Data 4.14 with Hikari reports a connection broken under a transaction. */
    static RuntimeException cleanUpFailure() {
        SQLException closed = new SQLException("Connection is closed");
        closed.setStackTrace(new StackTraceElement[] {
            frame("com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection", "lambda$getClosedConnection$0"),
            frame("com.zaxxer.hikari.pool.ProxyConnection", "setAutoCommit"),
            frame("io.micronaut.data.connection.support.JdbcConnectionUtils", "setAutoCommit")
        });
        RuntimeException e = new ConnectionException(
                "Could not set JDBC Connection [HikariProxyConnection@1 wrapping ClosedConnection] read-only", closed);
        e.setStackTrace(new StackTraceElement[] {
            frame("io.micronaut.data.connection.support.JdbcConnectionUtils", "setAutoCommit"),
            frame("io.micronaut.transaction.jdbc.DataSourceTransactionManager$1", "executionComplete"),
            frame("io.micronaut.data.connection.support.DefaultConnectionStatus", "complete"),
            frame("io.micronaut.data.connection.support.AbstractConnectionOperations", "executeWithNewConnection"),
            frame("io.micronaut.transaction.support.AbstractTransactionOperations", "doExecute")
        });
        return e;
    }

    static StackTraceElement frame(String className, String method) {
        return new StackTraceElement(className, method, null, -1);
    }

    @Test
    void any_other_failure_stays_500() {
        assertThat(ProblemHandlers.answersUnavailable(HttpMethod.GET, new IllegalStateException("a bug")))
                .isFalse();
        assertThat(ProblemHandlers.answersUnavailable(
                        HttpMethod.POST,
                        new DataAccessException(
                                "Error executing SQL INSERT",
                                new PSQLException("duplicate key", PSQLState.UNIQUE_VIOLATION))))
                .isFalse();
    }
}
