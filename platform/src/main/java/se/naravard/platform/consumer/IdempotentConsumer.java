package se.naravard.platform.consumer;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.naravard.platform.db.DatabaseFailures;
import se.naravard.platform.events.CloudEventCodec;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.observability.TraceScope;
import se.naravard.platform.outbox.PlatformSchema;

/**
 * Reads CloudEvents from Kafka and applies each exactly once to the service's database.
 *
 * <ul>
 *   <li>Each event runs in one transaction that first inserts {@code (group, event id)} into
 *       {@code processed_event}; a duplicate finds the row and is skipped, so redelivery is harmless.
 *   <li>Offsets are committed (synchronously) only after the effect is committed.
 *   <li>A failing event is retried {@link ConsumerSettings#maxAttempts()} times with backoff, then
 *       written to {@code <topic>.dlq} with the reason in a header ({@link DeadLetters}); a record
 *       that is not a CloudEvent, or whose handler throws {@link PoisonEventException}, goes there
 *       at once. The partition then moves on, so one poison
 *       record does not stop a patient's later events forever.
 * </ul>
 */
public final class IdempotentConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotentConsumer.class);

    private final ConsumerSettings settings;
    private final TransactionRunner transactions;
    private final EventHandler handler;
    private final Producer<String, byte[]> deadLetterProducer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final Tracer tracer;
    private volatile Map<TopicPartition, Long> lag = Map.of();
    private volatile boolean running;
    private Thread thread;

    public IdempotentConsumer(
            ConsumerSettings settings,
            TransactionRunner transactions,
            EventHandler handler,
            Producer<String, byte[]> deadLetterProducer) {
        this(settings, transactions, handler, deadLetterProducer, OpenTelemetry.noop());
    }

    /**
     * A consumer that continues the trace each event carries (CloudEvents {@code traceparent}): one
     * span per event, current while the handler runs, so the outbox rows it appends carry the same
     * trace on.
     */
    public IdempotentConsumer(
            ConsumerSettings settings,
            TransactionRunner transactions,
            EventHandler handler,
            Producer<String, byte[]> deadLetterProducer,
            OpenTelemetry telemetry) {
        this.tracer = telemetry.getTracer("se.naravard.platform.consumer");
        this.settings = settings;
        this.transactions = transactions;
        this.handler = handler;
        this.deadLetterProducer = deadLetterProducer;
        this.consumer = new KafkaConsumer<>(props(settings), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static Properties props(ConsumerSettings s) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, s.groupId());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
        return p;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        consumer.subscribe(settings.topics());
        thread = new Thread(this::loop, "consumer-" + settings.groupId());
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    processBatch(records);
                }
                updateLag();
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("consumer {} woken up unexpectedly", settings.groupId(), e);
            }
        } catch (RuntimeException e) {
            LOG.error("consumer {} stopped: {}", settings.groupId(), e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Processes a batch in order and commits what is done. If a record can neither be applied nor
     * dead-lettered (the database or Kafka is down), every partition is rewound to its first record
     * not done, and the batch is read again after a pause: nothing is skipped.
     */
    private void processBatch(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        try {
            for (ConsumerRecord<String, byte[]> record : records) {
                if (!running) {
                    break;
                }
                process(record);
                done.put(
                        new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
            }
        } catch (RuntimeException e) {
            LOG.warn("consumer {}: {}; rewinding and retrying", settings.groupId(), e.toString());
            for (TopicPartition tp : records.partitions()) {
                OffsetAndMetadata d = done.get(tp);
                consumer.seek(
                        tp, d != null ? d.offset() : records.records(tp).get(0).offset());
            }
            sleep(settings.retryBackoff().multipliedBy(4));
        }
        if (!done.isEmpty()) {
            consumer.commitSync(done);
        }
    }

    /** Records each assigned partition's lag as of the last fetch (local: no call to the broker). */
    private void updateLag() {
        Map<TopicPartition, Long> now = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            consumer.currentLag(tp).ifPresent(l -> now.put(tp, l));
        }
        lag = Map.copyOf(now);
    }

    /**
     * Records not yet processed per assigned partition (log end offset minus position, as of the last
     * fetch); partitions whose lag is not known yet are left out.
     */
    public Map<TopicPartition, Long> lag() {
        return lag;
    }

    /** Whether the consumer's thread runs (it stops only when closed, or on a bug it logged). */
    public boolean isRunning() {
        Thread t = thread;
        return running && t != null && t.isAlive();
    }

    public String groupId() {
        return settings.groupId();
    }

    /** Applies one record, or dead-letters it, in a span continuing the record's trace. */
    void process(ConsumerRecord<String, byte[]> record) {
        Context parent = CloudEventCodec.traceOf(record);
        Span span = tracer.spanBuilder(record.topic() + " process")
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.consumer.group.name", settings.groupId())
                .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
                .setAttribute("messaging.kafka.offset", record.offset())
                .startSpan();
        try (TraceScope ignored = TraceScope.activate(parent.with(span))) {
            processTraced(record, span);
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    /** Applies one record, or dead-letters it; returns only when one of the two is durable. */
    private void processTraced(ConsumerRecord<String, byte[]> record, Span span) {
        EventEnvelope event;
        try {
            event = CloudEventCodec.fromRecord(record);
        } catch (IllegalArgumentException e) {
            span.setAttribute("naravard.outcome", "dead-lettered");
            deadLetter(record, 1, e);
            return;
        }
        span.setAttribute("messaging.message.id", event.id().toString());
        span.setAttribute("cloudevents.event_type", event.type());
        Duration backoff = settings.retryBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                boolean fresh = transactions.inTransaction(c -> applyOnce(event, c));
                (fresh ? applied : duplicates).incrementAndGet();
                span.setAttribute("naravard.outcome", fresh ? "applied" : "duplicate");
                return;
            } catch (Exception e) {
                if (DatabaseFailures.isUnavailable(e)) {
                    // The database is unreachable: the event is not at fault, so it must not be
                    // dead-lettered. Rewind and retry until the database is back.
                    throw new IllegalStateException("database unavailable: " + e, e);
                }
                if (attempt >= settings.maxAttempts() || isPoison(e)) {
                    span.setAttribute("naravard.outcome", "dead-lettered");
                    deadLetter(record, attempt, e);
                    return;
                }
                LOG.warn(
                        "consumer {}: event {} failed (attempt {}): {}",
                        settings.groupId(),
                        event.id(),
                        attempt,
                        e.toString());
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    static boolean isPoison(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PoisonEventException) {
                return true;
            }
        }
        return false;
    }

    private boolean applyOnce(EventEnvelope event, Connection c) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("insert into " + PlatformSchema.SCHEMA
                + ".processed_event (consumer, event_id) values (?, ?) on conflict do nothing")) {
            ps.setString(1, settings.groupId());
            ps.setObject(2, event.id());
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        handler.handle(event, c);
        return true;
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, int attempts, Throwable failure) {
        LOG.error(
                "consumer {}: {}/{}@{} to dead letters after {} attempt(s): {}",
                settings.groupId(),
                record.topic(),
                record.partition(),
                record.offset(),
                attempts,
                failure.toString());
        try {
            deadLetterProducer
                    .send(DeadLetters.of(record, settings.groupId(), attempts, failure))
                    .get(30, TimeUnit.SECONDS);
            deadLettered.incrementAndGet();
        } catch (Exception e) {
            // Without a durable dead letter the offset must not move: stop and let a restart retry.
            throw new IllegalStateException(
                    "could not write dead letter for " + record.topic() + "/" + record.partition() + "@"
                            + record.offset(),
                    e);
        }
    }

    private void sleep(Duration d) {
        try {
            TimeUnit.MILLISECONDS.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long appliedCount() {
        return applied.get();
    }

    public long duplicateCount() {
        return duplicates.get();
    }

    public long deadLetteredCount() {
        return deadLettered.get();
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t == null) {
            consumer.close(Duration.ZERO);
            return;
        }
        consumer.wakeup();
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
