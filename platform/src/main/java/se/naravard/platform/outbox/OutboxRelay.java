package se.naravard.platform.outbox;

import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.naravard.platform.events.CloudEventCodec;
import se.naravard.platform.outbox.OutboxStore.PendingEvent;

/**
 * Publishes outbox rows to Kafka and marks them sent, in one PostgreSQL transaction per batch.
 *
 * <p><b>Order.</b> Rows are read per lane in {@code seq} order and a lane is owned by one relay at a
 * time through a transaction-scoped advisory lock. {@code FOR UPDATE SKIP LOCKED} alone would let two
 * relays publish one patient's consecutive events in parallel, and so out of order.
 *
 * <p><b>Latency.</b> A service wakes its relay right after a transaction that appended events
 * commits ({@link #wakeUp()}), so an event leaves within milliseconds. Rows written by another
 * instance are found by a poll every {@link RelaySettings#pollInterval()}; when another relay held
 * some lanes during a wake-up, the relay looks again after {@value #CONTENDED_RETRY_MS} ms. We do
 * not use LISTEN/NOTIFY: PostgreSQL serializes notifying commits cluster-wide until their WAL
 * flush, which halved commit throughput in our measurements (docs/benchmarks.md).
 *
 * <p><b>Failures.</b> Kafka down never fails a write: rows wait. A failed batch is not marked sent,
 * its attempts and error are recorded, the producer is replaced and the relay backs off
 * exponentially up to {@link RelaySettings#maxBackoff()}. A crash between publish and commit
 * re-publishes the batch: delivery is at least once, and consumers deduplicate on the event id.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final DataSource dataSource;
    private final Supplier<Producer<String, byte[]>> producers;
    private final OutboxStore store;
    private final RelaySettings settings;
    private final Clock clock;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();

    static final long CONTENDED_RETRY_MS = 20;

    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private Thread thread;
    private Producer<String, byte[]> producer;
    private Instant nextCleanup = Instant.EPOCH;
    private volatile Timer lag;
    private volatile Instant failingSince;
    private volatile String lastError;

    public OutboxRelay(
            DataSource dataSource, Supplier<Producer<String, byte[]>> producers, RelaySettings settings, Clock clock) {
        this.dataSource = dataSource;
        this.producers = producers;
        this.settings = settings;
        this.store = new OutboxStore(settings.lanes());
        this.clock = clock;
    }

    public synchronized void start(String name) {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "outbox-relay-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks the relay to look for new rows now; cheap and safe to call from any thread. */
    public void wakeUp() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        wakeUp();
        if (t != null) {
            try {
                t.join(settings.pollInterval().multipliedBy(3).toMillis() + 5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeProducer();
    }

    /** Events published since start. */
    public long publishedCount() {
        return published.get();
    }

    public long failedBatchCount() {
        return failedBatches.get();
    }

    /**
     * Since when every attempt has failed (Kafka or the database unreachable), or null while the relay
     * publishes, and the last failure: what readiness reports (docs/operations.md "Health").
     */
    public State state() {
        Thread t = thread;
        return new State(t != null && t.isAlive(), failingSince, lastError);
    }

    /** The relay's state for health: whether its thread runs, and whether it is failing. */
    public record State(boolean running, Instant failingSince, String lastError) {}

    /**
     * Records, per published event, how long it waited in the outbox (append to publish) into {@code
     * lag}: the relay lag an operator alerts on (docs/operations.md "Observability").
     */
    public void recordLagInto(Timer lag) {
        this.lag = lag;
    }

    private void recordLag(List<PendingEvent> rows) {
        Timer t = lag;
        if (t == null) {
            return;
        }
        Instant now = clock.instant();
        for (PendingEvent row : rows) {
            t.record(Duration.between(row.createdAt(), now).toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    public OutboxStore.Backlog backlog() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return store.backlog(c, clock.instant());
        }
    }

    private void loop() {
        Duration backoff = settings.initialBackoff();
        while (running) {
            try {
                Batch batch = publishBatch();
                backoff = settings.initialBackoff();
                failingSince = null;
                if (batch.published() < settings.batchSize()) {
                    cleanupIfDue();
                    awaitWork(batch.allLanes() ? settings.pollInterval() : Duration.ofMillis(CONTENDED_RETRY_MS));
                }
            } catch (Exception e) {
                failedBatches.incrementAndGet();
                lastError = e.toString();
                if (failingSince == null) {
                    failingSince = clock.instant();
                }
                LOG.warn("outbox relay: {}; retrying in {} ms", e.toString(), backoff.toMillis());
                closeProducer();
                pause(backoff);
                backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
            }
        }
    }

    /** What one pass published, and whether it owned every lane (no other relay was busy). */
    record Batch(int published, boolean allLanes) {}

    /** Publishes one batch. */
    Batch publishBatch() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<PendingEvent> rows = List.of();
            try {
                List<Integer> lanes = store.lockFreeLanes(c);
                boolean allLanes = lanes.size() == store.lanes();
                rows = lanes.isEmpty() ? List.of() : store.pending(c, lanes, settings.batchSize());
                if (rows.isEmpty()) {
                    c.commit();
                    return new Batch(0, allLanes);
                }
                send(rows);
                store.markSent(c, rows);
                c.commit();
                published.addAndGet(rows.size());
                recordLag(rows);
                return new Batch(rows.size(), allLanes);
            } catch (PublishException e) {
                store.recordFailure(c, rows, e.getMessage());
                c.commit();
                throw e;
            } catch (Exception e) {
                safeRollback(c);
                throw e;
            }
        }
    }

    private void send(List<PendingEvent> rows) throws PublishException {
        if (producer == null) {
            producer = producers.get();
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        try {
            // Metadata first, for every topic of the batch: a send that waits for metadata fails on its
            // own (max.block.ms) while a later one, once the metadata has arrived, succeeds, which put
            // a patient's later event on the topic before the earlier one (the retry then repeats both:
            // ServiceKilledBeforePublishIT saw consumers apply version 2 before version 1).
            for (String topic :
                    rows.stream().map(PendingEvent::topic).distinct().toList()) {
                producer.partitionsFor(topic);
            }
            for (PendingEvent row : rows) {
                Future<RecordMetadata> ack =
                        producer.send(CloudEventCodec.toRecord(row.topic(), row.envelope(), row.trace()));
                if (ack.isDone()) {
                    // Failed at once (no metadata after all, a record too large): stop here, before a later
                    // event of the same patient can overtake it. Once accepted, the idempotent producer
                    // keeps a partition's records in order, failing the later ones with an earlier one.
                    ack.get();
                }
                acks.add(ack);
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(settings.maxBackoff().toMillis() + 30_000, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while publishing", e);
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new PublishException("publish failed: " + cause, e);
        }
    }

    /** Waits until {@link #wakeUp()} or {@code max}, whichever comes first. */
    private void awaitWork(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (signal) {
            long left;
            while (!woken && running && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(signal, left);
            }
            woken = false;
        }
    }

    private void cleanupIfDue() throws SQLException {
        Instant now = clock.instant();
        if (now.isBefore(nextCleanup)) {
            return;
        }
        nextCleanup = now.plus(Duration.ofMinutes(1));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            int deleted;
            do {
                deleted = store.deleteSentBefore(c, now.minus(settings.retention()), 10_000);
            } while (deleted == 10_000 && running);
        }
    }

    private void pause(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        while (running && System.nanoTime() < until) {
            try {
                TimeUnit.MILLISECONDS.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debug("closing producer", e);
            }
            producer = null;
        }
    }

    private static void safeRollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed", e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Kafka did not acknowledge the whole batch. */
    static final class PublishException extends Exception {
        PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
