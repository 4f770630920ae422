package se.naravard.gateway.audit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The access log's writer outlives what the PostgreSQL driver throws when the server ends a session
 * under a batch: an {@link AssertionError} ("getAutoCommit() should not throw"), seen in
 * GatewayDatabaseOutageIT. Before, it ended the writer thread, and every later answer with patient data
 * waited 5 s and was refused until a restart. Here the data source throws that error once, then refuses
 * as a database that is away does: the second request must be told so at once by a writer still alive,
 * not time out waiting for a dead one. (The rows' real storage is AccessLogIT's, on PostgreSQL.)
 */
class AccessLogWriterTest {

    private static final AccessRecord ROW = new AccessRecord(
            UUID.randomUUID(),
            Instant.parse("2026-12-05T21:00:00Z"),
            "staff",
            "nurse-1",
            "SE2321000057-N001",
            "SE2321000057-VC01",
            "region",
            null,
            "TREAT",
            "0123456789abcdef0123456789abcdef",
            "read",
            "CarePlan",
            "c1",
            null,
            AccessRecord.SUCCESS,
            200,
            false,
            null,
            null);

    @Test
    void an_assertion_error_from_the_driver_fails_that_batch_and_the_writer_goes_on() {
        AtomicInteger calls = new AtomicInteger();
        try (AccessLog log = new AccessLog(new Refusing(calls))) {
            assertThatThrownBy(() -> log.append(List.of(ROW)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot be written");

            assertThatThrownBy(() -> log.append(List.of(ROW)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot be written")
                    .hasMessageNotContaining("did not commit");
        }
    }

    /** The driver's AssertionError at the first connection, then "no connection" as a database away. */
    private record Refusing(AtomicInteger calls) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            if (calls.getAndIncrement() == 0) {
                throw new AssertionError("pgStatement.getConnection().getAutoCommit() should not throw");
            }
            throw new SQLTransientConnectionException("no connection", "08001");
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
