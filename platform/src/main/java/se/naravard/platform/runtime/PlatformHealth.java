package se.naravard.platform.runtime;

import io.micronaut.context.BeanProvider;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import se.naravard.platform.consumer.IdempotentConsumer;
import se.naravard.platform.outbox.OutboxRelay;
import se.naravard.platform.outbox.OutboxStore;

/**
 * The outbox relay's and the consumers' state in {@code /health} and {@code /health/readiness}
 * (docs/operations.md "Health"). Always UP: Kafka down does not stop a service from taking writes
 * (they wait in the outbox), so neither readiness nor liveness may go down for it, or every instance
 * would leave the load balancer at once. The details say what an operator needs: the backlog and its
 * age, whether the relay is failing and since when, and whether each consumer runs. The database is the
 * {@code jdbc} indicator's, which takes readiness DOWN.
 */
@Singleton
public class PlatformHealth extends AbstractHealthIndicator<Map<String, Object>> {

    private final BeanProvider<OutboxRelay> relay;
    private final BeanProvider<EventConsumers> consumers;

    public PlatformHealth(BeanProvider<OutboxRelay> relay, BeanProvider<EventConsumers> consumers) {
        this.relay = relay;
        this.consumers = consumers;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        healthStatus = HealthStatus.UP;
        Map<String, Object> details = new LinkedHashMap<>();
        relay.ifPresent(r -> details.put("outbox", outbox(r)));
        consumers.ifPresent(c -> {
            Map<String, Object> running = new LinkedHashMap<>();
            for (IdempotentConsumer consumer : c.started()) {
                running.put(consumer.groupId(), consumer.isRunning() ? "running" : "stopped");
            }
            if (!running.isEmpty()) {
                details.put("consumers", running);
            }
        });
        return details;
    }

    private static Map<String, Object> outbox(OutboxRelay r) {
        Map<String, Object> outbox = new LinkedHashMap<>();
        OutboxRelay.State state = r.state();
        outbox.put("relay", !state.running() ? "stopped" : state.failingSince() == null ? "publishing" : "failing");
        if (state.failingSince() != null) {
            outbox.put("failingSince", state.failingSince().toString());
            outbox.put("lastError", state.lastError());
        }
        try {
            OutboxStore.Backlog backlog = r.backlog();
            outbox.put("backlog", backlog.pending());
            outbox.put("oldestAgeSeconds", backlog.oldestAge().toSeconds());
        } catch (Exception e) {
            outbox.put("backlog", "unreadable: " + e.getClass().getSimpleName());
        }
        return outbox;
    }

    @Override
    protected String getName() {
        return "naravard";
    }
}
