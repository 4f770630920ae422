package se.naravard.platform.runtime;

import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.outbox.Outbox;
import se.naravard.platform.outbox.OutboxStore;

/** The outbox on the connection of the current Micronaut transaction; refuses to work outside one. */
@Singleton
@Requires(beans = DataSource.class)
public class TransactionalOutbox implements Outbox {

    private final TransactionOperations<Connection> transactions;
    private final OutboxStore store;

    public TransactionalOutbox(TransactionOperations<Connection> transactions, PlatformSettings settings) {
        this.transactions = transactions;
        this.store = new OutboxStore(settings.relay().lanes());
    }

    @Override
    public void append(String topic, EventEnvelope event) {
        if (transactions.findTransactionStatus().isEmpty()) {
            throw new IllegalStateException("Outbox.append must run inside the transaction of the state change");
        }
        try {
            store.append(transactions.getConnection(), topic, event);
        } catch (SQLException e) {
            throw new IllegalStateException("could not append event " + event.id() + " to the outbox", e);
        }
    }
}
