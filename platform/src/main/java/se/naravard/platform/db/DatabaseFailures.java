package se.naravard.platform.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Which failures mean "the database cannot be reached right now" rather than "this request or this
 * event is at fault": the one definition the internal APIs (503 instead of 500, {@code
 * ProblemHandlers}) and the idempotent consumer (retry instead of dead-lettering) share.
 *
 * <p>The cause chain is walked, since the failure arrives wrapped: Hikari's {@link
 * SQLTransientConnectionException} ("connection is not available, request timed out") inside Micronaut's
 * {@code CannotGetJdbcConnectionException} or {@code CannotCreateTransactionException}, a {@code
 * PSQLException} inside Micronaut Data's {@code DataAccessException} or a store's own {@code
 * IllegalStateException}. Unavailable is:
 *
 * <ul>
 *   <li>{@link SQLTransientConnectionException}, {@link SQLNonTransientConnectionException};
 *   <li>SQLState class {@code 08}, connection exception (refused, broken, does not exist);
 *   <li>class {@code 57P}, operator intervention: {@code 57P01} admin shutdown (a fast shutdown ends
 *       every session), {@code 57P02} crash shutdown, {@code 57P03} cannot connect now (starting up,
 *       recovering), {@code 57P04} database dropped, {@code 57P05} idle session timeout;
 *   <li>class {@code 53}, insufficient resources ({@code 53300} too many connections, disk full, out of
 *       memory): the database cannot take the work now, whatever the work is;
 *   <li>Hikari's "Connection is closed" (no SQLState) from a connection it had evicted as broken
 *       ({@link #isConnectionLostInUse}).
 * </ul>
 *
 * Nothing else: a constraint violation, a syntax error, a serialization failure ({@code 40001}) or a
 * timeout of a statement ({@code 57014}, class 57 but not 57P) says something about the work.
 */
public final class DatabaseFailures {

    /** The stand-in Hikari puts behind a connection it closed; every call on it fails. */
    private static final String HIKARI_CLOSED_CONNECTION = "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection";

    /** Causes looked at, at most: a chain is a handful deep; a cycle must not loop forever. */
    private static final int MAX_DEPTH = 32;

    private DatabaseFailures() {}

    /** Whether {@code failure}, or any of its causes, says the database is unreachable or unable to work now. */
    public static boolean isUnavailable(Throwable failure) {
        Throwable c = failure;
        for (int depth = 0; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
            if (c instanceof SQLTransientConnectionException || c instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (c instanceof SQLException sql && isUnavailableState(sql.getSQLState())) {
                return true;
            }
            if (isClosedByPool(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the connection broke while it was in use: the chain holds Hikari's "Connection is closed"
     * from a connection it had already evicted because of a connection-level error (SQLState 08,
     * 57P01…), which Micronaut Data's clean-up of the transaction then ran into. That report replaces
     * the first failure (Micronaut Data 4.14 keeps no suppressed one), so it does not say whether the
     * connection broke before the commit or during it.
     */
    public static boolean isConnectionLostInUse(Throwable failure) {
        Throwable c = failure;
        for (int depth = 0; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
            if (isClosedByPool(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isClosedByPool(Throwable t) {
        StackTraceElement[] frames = t.getStackTrace();
        return t instanceof SQLException sql
                && sql.getSQLState() == null
                && frames.length > 0
                && frames[0].getClassName().equals(HIKARI_CLOSED_CONNECTION);
    }

    /** The SQLState of the first failure in the chain that has one, or null: for a log line (never a message). */
    public static String sqlState(Throwable failure) {
        Throwable c = failure;
        for (int depth = 0; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
            if (c instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    static boolean isUnavailableState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53"));
    }
}
