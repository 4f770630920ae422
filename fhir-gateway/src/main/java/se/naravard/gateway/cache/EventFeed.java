package se.naravard.gateway.cache;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.naravard.platform.events.CloudEventCodec;
import se.naravard.platform.events.EventEnvelope;

/**
 * Reads the services' topics ({@code contract.events}, {@code sip.events}) from their end, on one
 * thread, and hands every event to its topic's handler: how the gateway's {@link DocumentCache}s learn
 * of changes made elsewhere. Every gateway instance reads every partition (no consumer group, no
 * offsets committed: a restart starts from the end with an empty cache, so there is nothing to
 * resume).
 *
 * <p><b>Live</b> means: every partition of every topic is assigned, the broker answered a check within
 * the last few check intervals, and the feed has read everything that existed at the previous check
 * (so what the caches hold is at most one interval behind the topics). A failed check empties the
 * caches ({@code onLost}) and the feed stays not live until it has caught up again; so does a change
 * in the number of partitions (the feed re-reads the partitions from their end) and an event a handler
 * cannot apply.
 *
 * <p>Each event is handled in a span continuing the trace the event carries ({@code ce_traceparent}), so
 * a write's trace shows when the gateway's caches learnt of it; {@link #lag()} is how many records the
 * feed had still to read at its last check (the metric {@code naravard.gateway.cache.feed.lag}).
 */
public final class EventFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration PARTITION_RECHECK = Duration.ofSeconds(30);
    /** How long one question to the broker may take before the feed counts it as unreachable. */
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(5);

    private final String bootstrapServers;
    private final Duration checkInterval;
    private final Map<String, Consumer<EventEnvelope>> handlers = new HashMap<>();
    private final List<Runnable> onLost = new ArrayList<>();
    private final Tracer tracer;
    private volatile boolean live;
    /** Records between the feed's positions and the topics' ends at the last check; -1 before one. */
    private volatile long lag = -1;

    private volatile boolean running;
    /** Why the feed last stopped being live (logged once per reason, not once per retry). */
    private String lastReason;

    private Thread thread;
    private KafkaConsumer<String, byte[]> consumer;

    /**
     * @param bootstrapServers the brokers; null or blank: a feed that is never live (every read goes to
     *     the services)
     * @param checkInterval how often the broker is asked for the topics' end offsets
     */
    public EventFeed(String bootstrapServers, Duration checkInterval) {
        this(bootstrapServers, checkInterval, OpenTelemetry.noop());
    }

    /** As above, with a span per event handled, continuing the event's trace. */
    public EventFeed(String bootstrapServers, Duration checkInterval, OpenTelemetry telemetry) {
        this.bootstrapServers = bootstrapServers == null || bootstrapServers.isBlank() ? null : bootstrapServers;
        this.checkInterval = checkInterval;
        this.tracer = telemetry.getTracer("se.naravard.gateway.cache");
    }

    /** Whether the feed can run at all (it has brokers). */
    public boolean configured() {
        return bootstrapServers != null;
    }

    /** Hands every event of {@code topic} to {@code handler}; before {@link #start}. */
    public EventFeed on(String topic, Consumer<EventEnvelope> handler) {
        handlers.put(topic, handler);
        return this;
    }

    /** Runs {@code r} whenever the feed stops being live (the caches must forget). */
    public EventFeed onLost(Runnable r) {
        onLost.add(r);
        return this;
    }

    public boolean isLive() {
        return live;
    }

    /**
     * Records of the feed's topics not yet read at its last check of the topics' ends (at most one check
     * interval old), or -1 when the feed has not checked since it started or lost its broker.
     */
    public long lag() {
        return lag;
    }

    public synchronized void start() {
        if (!configured() || running || handlers.isEmpty()) {
            return;
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "fhir-gateway-cache-feed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        running = true;
        thread = new Thread(this::run, "gateway-event-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Map<TopicPartition, Long> previousEnds = Map.of();
        long nextCheck = 0;
        long nextPartitionCheck = 0;
        Set<TopicPartition> assigned = Set.of();
        try {
            while (running) {
                long now = System.nanoTime();
                try {
                    if (assigned.isEmpty() || now >= nextPartitionCheck) {
                        Set<TopicPartition> all = partitions();
                        nextPartitionCheck = now + PARTITION_RECHECK.toNanos();
                        if (!all.equals(assigned)) {
                            lose(assigned.isEmpty() ? null : "the topics' partitions changed");
                            consumer.assign(all);
                            consumer.seekToEnd(all);
                            assigned = all;
                            previousEnds = Map.of();
                        }
                    }
                    if (assigned.isEmpty()) {
                        sleep(checkInterval);
                        continue;
                    }
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                        handle(r);
                    }
                    if (System.nanoTime() >= nextCheck) {
                        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, BROKER_TIMEOUT);
                        boolean caughtUp = !previousEnds.isEmpty();
                        long behind = 0;
                        for (TopicPartition tp : assigned) {
                            long position = consumer.position(tp, BROKER_TIMEOUT);
                            Long before = previousEnds.get(tp);
                            if (before == null || position < before) {
                                caughtUp = false;
                            }
                            behind += Math.max(0, ends.getOrDefault(tp, position) - position);
                        }
                        lag = behind;
                        if (caughtUp && !live) {
                            LOG.info("event feed live on {} partitions: the read cache is on", assigned.size());
                        }
                        live = caughtUp;
                        previousEnds = ends;
                        nextCheck = System.nanoTime() + checkInterval.toNanos();
                    }
                } catch (WakeupException e) {
                    return;
                } catch (KafkaException e) {
                    // Broker unreachable or a partition's leader gone: the caches cannot know what they miss.
                    lose("Kafka: " + e.getClass().getSimpleName());
                    lag = -1;
                    previousEnds = Map.of();
                    nextCheck = 0;
                    sleep(checkInterval);
                }
            }
        } finally {
            live = false;
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
        }
    }

    private Set<TopicPartition> partitions() {
        Set<TopicPartition> all = new java.util.HashSet<>();
        for (String topic : handlers.keySet()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, BROKER_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                return Set.of(); // not created yet: try again later
            }
            infos.forEach(i -> all.add(new TopicPartition(i.topic(), i.partition())));
        }
        return Set.copyOf(all);
    }

    private void handle(ConsumerRecord<String, byte[]> r) {
        Context parent = CloudEventCodec.traceOf(r);
        Span span = tracer.spanBuilder(r.topic() + " process")
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", r.topic())
                .setAttribute("messaging.destination.partition.id", String.valueOf(r.partition()))
                .setAttribute("messaging.kafka.offset", r.offset())
                .setAttribute("naravard.consumer", "gateway-cache-feed")
                .startSpan();
        try {
            handlers.get(r.topic()).accept(CloudEventCodec.fromRecord(r));
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            // A change the caches cannot apply: they might now hold an older version than the service.
            lose("unreadable event at " + r.topic() + "-" + r.partition() + "@" + r.offset() + ": " + e);
        } finally {
            span.end();
        }
    }

    private void lose(String why) {
        if (why != null && live) {
            LOG.warn("read cache emptied, reads go to the services until the feed catches up: {}", why);
        } else if (why != null && !why.equals(lastReason)) {
            LOG.warn("event feed not live (reads go to the services): {}", why);
        }
        lastReason = why;
        live = false;
        onLost.forEach(Runnable::run);
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        live = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
