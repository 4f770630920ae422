package se.naravard.platform.runtime;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.outbox.Outbox;
import se.naravard.platform.outbox.OutboxRelay;
import se.naravard.platform.outbox.OutboxStore;

/** The outbox on the connection of the current Micronaut transaction; refuses to work outside one. */
@Singleton
@Requires(beans = DataSource.class)
public class TransactionalOutbox implements Outbox {

    private final TransactionOperations<Connection> transactions;
    private final OutboxStore store;
    private final BeanProvider<OutboxRelay> relay;

    public TransactionalOutbox(
            TransactionOperations<Connection> transactions,
            PlatformSettings settings,
            BeanProvider<OutboxRelay> relay) {
        this.transactions = transactions;
        this.store = new OutboxStore(settings.relay().lanes());
        this.relay = relay;
    }

    @Override
    public void append(String topic, EventEnvelope event) {
        var status = transactions
                .findTransactionStatus()
                .orElseThrow(() ->
                        new IllegalStateException("Outbox.append must run inside the transaction of the state change"));
        try {
            store.append(transactions.getConnection(), topic, event);
        } catch (SQLException e) {
            throw new IllegalStateException("could not append event " + event.id() + " to the outbox", e);
        }
        // Wake this instance's relay once the row is visible, i.e. after commit (never on rollback).
        status.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.ifPresent(OutboxRelay::wakeUp);
            }
        });
    }
}
