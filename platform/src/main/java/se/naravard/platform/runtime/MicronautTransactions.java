package se.naravard.platform.runtime;

import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import javax.sql.DataSource;
import se.naravard.platform.consumer.TransactionRunner;

/** Consumer transactions through Micronaut's transaction manager, so handlers can call use cases. */
@Singleton
@Requires(beans = DataSource.class)
public class MicronautTransactions implements TransactionRunner {

    private final TransactionOperations<Connection> transactions;

    public MicronautTransactions(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T inTransaction(Work<T> work) throws Exception {
        return transactions.executeWrite(status -> work.run(status.getConnection()));
    }
}
