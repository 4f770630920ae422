package se.naravard.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.exceptions.CannotCreateTransactionException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

/**
 * Which failures are "the database is unavailable" (503 at the internal APIs, a retry for the
 * consumer), with the exceptions the driver, Hikari and Micronaut really throw, wrapped as they arrive.
 */
class DatabaseFailuresTest {

    /** What PgJDBC makes of an error message from the server: severity, SQLState, text. */
    private static PSQLException fromServer(String severity, String sqlState, String message) {
        return new PSQLException(
                new ServerErrorMessage("S" + severity + "\0V" + severity + "\0C" + sqlState + "\0M" + message + "\0"));
    }

    /** Hikari's answer when no connection comes within connection-timeout (HikariPool.createTimeoutException). */
    private static SQLTransientConnectionException hikariTimeout(Throwable lastFailure) {
        return new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 2000ms (total=0, active=0,"
                        + " idle=0, waiting=0)",
                "08001",
                lastFailure);
    }

    @Test
    void no_connection_within_the_pool_timeout_is_unavailable_as_micronaut_wraps_it() {
        PSQLException refused = new PSQLException(
                "Connection to localhost:5432 refused. Check that the hostname and port are correct",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT);
        SQLTransientConnectionException timeout = hikariTimeout(refused);

        assertThat(DatabaseFailures.isUnavailable(timeout)).isTrue();
        assertThat(DatabaseFailures.isUnavailable(
                        new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", timeout)))
                .isTrue();
        assertThat(DatabaseFailures.isUnavailable(new CannotCreateTransactionException(
                        "Could not open JDBC Connection for transaction",
                        new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", timeout))))
                .isTrue();
        // Hikari's own timeout without a driver error behind it (the pool was exhausted meanwhile).
        assertThat(DatabaseFailures.isUnavailable(
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))
                .isTrue();
        assertThat(DatabaseFailures.isUnavailable(new SQLNonTransientConnectionException("closed")))
                .isTrue();
    }

    @Test
    void a_connection_exception_class_08_from_the_driver_is_unavailable_behind_any_wrapper() {
        for (PSQLState state : new PSQLState[] {
            PSQLState.CONNECTION_FAILURE, // 08006: I/O error while sending to or reading from the backend
            PSQLState.CONNECTION_UNABLE_TO_CONNECT, // 08001
            PSQLState.CONNECTION_DOES_NOT_EXIST, // 08003
            PSQLState.CONNECTION_REJECTED // 08004
        }) {
            PSQLException broken = new PSQLException("An I/O error occurred while sending to the backend.", state);
            assertThat(DatabaseFailures.isUnavailable(broken))
                    .as(state.getState())
                    .isTrue();
            assertThat(DatabaseFailures.isUnavailable(new DataAccessException("Error executing SQL UPDATE", broken)))
                    .as("DataAccessException around " + state.getState())
                    .isTrue();
            // The outbox's own wrapping (TransactionalOutbox).
            assertThat(DatabaseFailures.isUnavailable(
                            new IllegalStateException("could not append event to the outbox", broken)))
                    .isTrue();
        }
    }

    @Test
    void a_server_going_away_or_not_yet_taking_connections_is_unavailable() {
        assertThat(DatabaseFailures.isUnavailable(
                        fromServer("FATAL", "57P01", "terminating connection due to administrator command")))
                .as("57P01 admin shutdown: a fast shutdown ends every session")
                .isTrue();
        assertThat(DatabaseFailures.isUnavailable(fromServer(
                        "FATAL", "57P02", "terminating connection because of crash of another server process")))
                .as("57P02 crash shutdown")
                .isTrue();
        assertThat(DatabaseFailures.isUnavailable(new DataAccessException(
                        "Error executing SQL Query",
                        fromServer("FATAL", "57P03", "the database system is starting up"))))
                .as("57P03 cannot connect now")
                .isTrue();
        assertThat(DatabaseFailures.isUnavailable(fromServer("FATAL", "53300", "sorry, too many clients already")))
                .as("53300 too many connections")
                .isTrue();
    }

    @Test
    void a_connection_hikari_closed_as_broken_is_unavailable_and_lost_in_use() {
        // What Micronaut Data reports when its clean-up runs into a connection Hikari evicted (57P01 …).
        SQLException closed = new SQLException("Connection is closed");
        closed.setStackTrace(new StackTraceElement[] {
            new StackTraceElement(
                    "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection",
                    "lambda$getClosedConnection$0",
                    null,
                    -1),
            new StackTraceElement("com.zaxxer.hikari.pool.ProxyConnection", "setAutoCommit", null, -1)
        });
        RuntimeException reported = new io.micronaut.data.connection.exceptions.ConnectionException(
                "Could not set JDBC Connection [HikariProxyConnection@1] read-only", closed);

        assertThat(DatabaseFailures.isUnavailable(reported)).isTrue();
        assertThat(DatabaseFailures.isConnectionLostInUse(reported)).isTrue();
        // Not lost in use: no connection was had at all.
        assertThat(DatabaseFailures.isConnectionLostInUse(hikariTimeout(null))).isFalse();
        // The same words from elsewhere (a closed connection used by mistake) are not an outage.
        assertThat(DatabaseFailures.isUnavailable(new SQLException("Connection is closed")))
                .isFalse();
    }

    @Test
    void a_failure_of_the_work_itself_is_not_unavailable() {
        assertThat(DatabaseFailures.isUnavailable(new DataAccessException(
                        "Error executing SQL INSERT",
                        fromServer(
                                "ERROR", "23505", "duplicate key value violates unique constraint \"contract_pkey\""))))
                .as("a constraint violation")
                .isFalse();
        assertThat(DatabaseFailures.isUnavailable(
                        fromServer("ERROR", "40001", "could not serialize access due to concurrent update")))
                .as("a serialization failure")
                .isFalse();
        assertThat(DatabaseFailures.isUnavailable(
                        fromServer("ERROR", "57014", "canceling statement due to statement timeout")))
                .as("57014 query canceled: class 57, but not 57P")
                .isFalse();
        assertThat(DatabaseFailures.isUnavailable(fromServer("ERROR", "42P01", "relation \"contract\" does not exist")))
                .as("a missing table")
                .isFalse();
        assertThat(DatabaseFailures.isUnavailable(new SQLException("no state"))).isFalse();
        assertThat(DatabaseFailures.isUnavailable(new UncheckedIOException(
                        "stored contract document is unreadable", new java.io.IOException("bad JSON"))))
                .isFalse();
        assertThat(DatabaseFailures.isUnavailable(new NullPointerException())).isFalse();
        assertThat(DatabaseFailures.isUnavailable(null)).isFalse();
    }

    @Test
    void the_sql_state_for_the_log_is_the_first_in_the_chain() {
        PSQLException refused = new PSQLException("refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT);

        assertThat(DatabaseFailures.sqlState(new CannotGetJdbcConnectionException("x", hikariTimeout(refused))))
                .isEqualTo("08001");
        assertThat(DatabaseFailures.sqlState(new IllegalStateException("x"))).isNull();
    }

    @Test
    void a_cycle_in_the_cause_chain_ends() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalStateException b = new IllegalStateException("b", a);
        a.initCause(b);

        assertThat(DatabaseFailures.isUnavailable(a)).isFalse();
    }
}
