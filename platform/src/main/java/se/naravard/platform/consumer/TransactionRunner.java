package se.naravard.platform.consumer;

import java.sql.Connection;

/**
 * Runs work in one database transaction. Plain JDBC in tests and tools; in a Micronaut service the
 * framework's transaction manager, so that repositories and {@code @Transactional} use cases called
 * from a handler join the same transaction.
 */
@FunctionalInterface
public interface TransactionRunner {

    <T> T inTransaction(Work<T> work) throws Exception;

    /** Work done with the transaction's connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws Exception;
    }

    /** A runner over a plain {@link javax.sql.DataSource}: commit on return, roll back on any throw. */
    static TransactionRunner jdbc(javax.sql.DataSource dataSource) {
        return new TransactionRunner() {
            @Override
            public <T> T inTransaction(Work<T> work) throws Exception {
                try (Connection c = dataSource.getConnection()) {
                    c.setAutoCommit(false);
                    try {
                        T result = work.run(c);
                        c.commit();
                        return result;
                    } catch (Exception | Error e) {
                        c.rollback();
                        throw e;
                    }
                }
            }
        };
    }
}
