package se.naravard.platform.runtime;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.naravard.platform.consumer.IdempotentConsumer;
import se.naravard.platform.outbox.OutboxRelay;
import se.naravard.platform.outbox.OutboxStore;

/**
 * The platform's metrics (docs/operations.md "Observability"): the outbox relay's and the idempotent
 * consumers'. What needs the database or the consumers' state (backlog, age of the oldest unsent event,
 * consumer lag) is refreshed every {@code naravard.metrics.refresh-interval} (default 15s) by one cheap
 * query, never per scrape. A service registers its own meters on the same {@link MeterRegistry} bean.
 */
@Singleton
@Requires(beans = MeterRegistry.class)
public class PlatformMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformMetrics.class);

    private final MeterRegistry registry;
    private final BeanProvider<OutboxRelay> relay;
    private final BeanProvider<EventConsumers> consumers;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private final MultiGauge consumerLag;
    private volatile boolean outboxBound;

    public PlatformMetrics(
            MeterRegistry registry, BeanProvider<OutboxRelay> relay, BeanProvider<EventConsumers> consumers) {
        this.registry = registry;
        this.relay = relay;
        this.consumers = consumers;
        this.consumerLag = MultiGauge.builder("naravard.consumer.lag")
                .baseUnit("records")
                .description("Records not yet processed per consumer group and partition (as of its last fetch)")
                .register(registry);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        relay.ifPresent(this::bindOutbox);
        refresh();
    }

    private synchronized void bindOutbox(OutboxRelay r) {
        if (outboxBound) {
            return;
        }
        outboxBound = true;
        Gauge.builder("naravard.outbox.backlog", backlog, AtomicLong::get)
                .baseUnit("events")
                .description("Outbox events not yet published to Kafka")
                .register(registry);
        Gauge.builder("naravard.outbox.oldest.age", oldestAgeMillis, a -> a.get() / 1000.0)
                .baseUnit("seconds")
                .description("How long the oldest unpublished outbox event has waited (0 when none)")
                .register(registry);
        FunctionCounter.builder("naravard.outbox.published", r, OutboxRelay::publishedCount)
                .baseUnit("events")
                .description("Events the relay published to Kafka")
                .register(registry);
        FunctionCounter.builder("naravard.outbox.publish.failures", r, OutboxRelay::failedBatchCount)
                .description("Relay batches that failed (Kafka or the database unreachable); the relay retries")
                .register(registry);
        r.recordLagInto(Timer.builder("naravard.outbox.relay.lag")
                .description("Time from an event's append to the outbox to its publication")
                .serviceLevelObjectives(
                        Duration.ofMillis(100),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(5))
                .register(registry));
    }

    /** Called by {@link EventConsumers} for each consumer it starts. */
    void bindConsumer(IdempotentConsumer consumer) {
        String group = consumer.groupId();
        FunctionCounter.builder("naravard.consumer.events", consumer, IdempotentConsumer::appliedCount)
                .tags(Tags.of("group", group, "outcome", "applied"))
                .baseUnit("events")
                .description("Events a consumer group applied, skipped as duplicates, or dead-lettered")
                .register(registry);
        FunctionCounter.builder("naravard.consumer.events", consumer, IdempotentConsumer::duplicateCount)
                .tags(Tags.of("group", group, "outcome", "duplicate"))
                .baseUnit("events")
                .register(registry);
        FunctionCounter.builder("naravard.consumer.dead.letters", consumer, IdempotentConsumer::deadLetteredCount)
                .tags(Tags.of("group", group))
                .description("Events a consumer group wrote to <topic>.dlq (poison or out of attempts)")
                .register(registry);
    }

    /** Reads the outbox backlog (one indexed query) and the consumers' lag; never fails the scheduler. */
    @Scheduled(fixedDelay = "${naravard.metrics.refresh-interval:15s}", initialDelay = "1s")
    void refresh() {
        relay.ifPresent(r -> {
            try {
                OutboxStore.Backlog b = r.backlog();
                backlog.set(b.pending());
                oldestAgeMillis.set(Math.max(0, b.oldestAge().toMillis()));
            } catch (Exception e) {
                // The database is down: readiness says so; keep the last values rather than invent zeros.
                LOG.debug("outbox backlog not read: {}", e.toString());
            }
        });
        consumers.ifPresent(all -> {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (IdempotentConsumer c : all.started()) {
                c.lag()
                        .forEach((tp, lag) -> rows.add(MultiGauge.Row.of(
                                Tags.of(
                                        "group",
                                        c.groupId(),
                                        "topic",
                                        tp.topic(),
                                        "partition",
                                        String.valueOf(tp.partition())),
                                lag)));
            }
            consumerLag.register(rows, true);
        });
    }
}
