package se.naravard.gateway.subscription;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What runs beside the deliveries, once a second on one thread per instance: subscriptions whose {@code
 * end} has come are turned off; the kvittenser deliveries made are sent to transition-service; the
 * backlog per subscription is handed to the metrics; and, every {@link #PURGE_EVERY}, the notifications
 * delivered (or dropped) longer ago than the retention are deleted.
 */
public final class Housekeeping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    static final Duration TICK = Duration.ofSeconds(1);
    static final Duration PURGE_EVERY = Duration.ofMinutes(10);
    static final int PURGE_BATCH = 5_000;
    static final int RECEIPTS_PER_TICK = 50;

    private final SubscriptionStore store;
    private final DeliveryReceipts receipts;
    private final Clock clock;
    private final SubscriptionSettings settings;
    private volatile Consumer<List<SubscriptionStore.BacklogGauge>> backlogListener = b -> {};
    private volatile boolean running;
    private Thread thread;
    private Instant lastPurge;

    public Housekeeping(
            SubscriptionStore store, DeliveryReceipts receipts, Clock clock, SubscriptionSettings settings) {
        this.store = store;
        this.receipts = receipts;
        this.clock = clock;
        this.settings = settings;
    }

    /** Who is handed the backlog per subscription each tick (the metrics). */
    public void onBacklogs(Consumer<List<SubscriptionStore.BacklogGauge>> listener) {
        this.backlogListener = listener;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "subscription-housekeeping");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.warn("subscription housekeeping: {}", e.toString());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(TICK.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void tick() {
        Instant now = clock.instant();
        List<UUID> ended = store.endDue(now);
        if (!ended.isEmpty()) {
            LOG.info("subscriptions turned off at their end: {}", ended);
        }
        while (sendReceipts() == RECEIPTS_PER_TICK) {
            // more are due: go on
        }
        backlogListener.accept(store.backlogs());
        if (lastPurge == null || !now.isBefore(lastPurge.plus(PURGE_EVERY))) {
            lastPurge = now;
            purge();
        }
    }

    /** Deletes the notifications delivered or dropped longer than the retention ago; how many. */
    public long purge() {
        long purged = store.purge(clock.instant().minus(settings.retention()), PURGE_BATCH);
        if (purged > 0) {
            LOG.info("subscriptions: {} notification(s) delivered over {} ago purged", purged, settings.retention());
        }
        return purged;
    }

    /** Sends the kvittenser due; how many were tried. */
    int sendReceipts() {
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try {
                Instant now = clock.instant();
                List<SubscriptionStore.PendingReceipt> due = store.dueReceipts(c, now, RECEIPTS_PER_TICK);
                for (SubscriptionStore.PendingReceipt r : due) {
                    send(c, r);
                }
                c.commit();
                return due.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            LOG.warn("subscription kvittens: the database: SQLState {}", e.getSQLState());
            return 0;
        }
    }

    private void send(Connection c, SubscriptionStore.PendingReceipt r) throws SQLException {
        Instant now = clock.instant();
        DeliveryReceipts.Answer answer;
        try {
            answer = receipts.record(r.messageId().toString(), r.addressee(), r.answeredAt());
        } catch (RuntimeException e) {
            Duration wait = DeliveryWorker.backoff(r.attempts() + 1, settings.firstRetry(), settings.maxRetry());
            store.receiptOutcome(
                    c, r, now, false, null, e.getClass().getSimpleName() + ": " + e.getMessage(), now.plus(wait));
            return;
        }
        if (answer.result() == DeliveryReceipts.Result.REFUSED) {
            LOG.warn("kvittens of message {} for {} refused: {}", r.messageId(), r.addressee(), answer.reason());
            store.receiptOutcome(c, r, now, false, answer.reason() == null ? "refused" : answer.reason(), null, null);
        } else {
            store.receiptOutcome(c, r, now, true, null, null, null);
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
