package se.naravard.gateway.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micronaut.context.annotation.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import se.naravard.gateway.audit.AccessLog;
import se.naravard.gateway.cache.DocumentCache;
import se.naravard.gateway.subscription.Subscriptions;

/**
 * The gateway's own metrics beside the FHIR request timer ({@link FhirRequestObservation}) and the
 * platform's (docs/operations.md "Observability"): read-cache hits and misses per cache, cached
 * documents, and access-log records written and failed.
 *
 * <p>Other gateway features add theirs the same way: inject Micrometer's {@link MeterRegistry} (a bean
 * of every service) and register meters named {@code naravard.<feature>.<what>} with low-cardinality
 * tags (never an id or a patient); they appear on {@code /prometheus} of the management port.
 */
@Context
public class GatewayMetrics {

    public GatewayMetrics(MeterRegistry registry, ReadCaches caches, AccessLog accessLog, Subscriptions subscriptions) {
        cache(registry, "contracts", caches.contracts());
        cache(registry, "sips", caches.sips());
        cache(registry, "episodes", caches.episodes());
        FunctionCounter.builder("naravard.gateway.access.log.records", accessLog, AccessLog::writtenCount)
                .tag("result", "written")
                .description("Access-log records committed, or failed (each failure failed its request)")
                .register(registry);
        FunctionCounter.builder("naravard.gateway.access.log.records", accessLog, AccessLog::failedCount)
                .tag("result", "failed")
                .register(registry);
        subscriptionBacklog(registry, subscriptions);
    }

    /**
     * Issue 10's subscription backlog per subscriber: undelivered notifications and the age of the
     * oldest, per subscription (tag {@code subscription}: its id, no personal data; a subscription
     * turned off or deleted leaves the series), refreshed each second by the subscriptions' housekeeping.
     */
    private static void subscriptionBacklog(MeterRegistry registry, Subscriptions subscriptions) {
        if (subscriptions.housekeeping() == null) {
            return; // no brokers: nothing is delivered, so nothing is behind
        }
        MultiGauge count = MultiGauge.builder("naravard.gateway.subscription.backlog")
                .description("Undelivered notifications of a subscription")
                .register(registry);
        MultiGauge age = MultiGauge.builder("naravard.gateway.subscription.backlog.oldest.age")
                .description("How long the oldest undelivered notification of a subscription has waited")
                .baseUnit("seconds")
                .register(registry);
        Clock clock = subscriptions.clock();
        subscriptions.housekeeping().onBacklogs(rows -> {
            Instant now = clock.instant();
            count.register(
                    rows.stream()
                            .map(r -> MultiGauge.Row.of(
                                    Tags.of("subscription", r.subscription().toString()), r.count()))
                            .toList(),
                    true);
            age.register(
                    rows.stream()
                            .map(r -> MultiGauge.Row.of(
                                    Tags.of("subscription", r.subscription().toString()),
                                    r.oldestRecordedAt() == null
                                            ? 0
                                            : Math.max(
                                                            0,
                                                            Duration.between(r.oldestRecordedAt(), now)
                                                                    .toMillis())
                                                    / 1000.0))
                            .toList(),
                    true);
        });
    }

    private static void cache(MeterRegistry registry, String name, DocumentCache<?> cache) {
        FunctionCounter.builder("naravard.gateway.cache.reads", cache, DocumentCache::hits)
                .tags("cache", name, "result", "hit")
                .description("Reads of a read cache while its feed is live: answered from it, or passed to the service")
                .register(registry);
        FunctionCounter.builder("naravard.gateway.cache.reads", cache, DocumentCache::misses)
                .tags("cache", name, "result", "miss")
                .register(registry);
        Gauge.builder("naravard.gateway.cache.documents", cache, DocumentCache::size)
                .tag("cache", name)
                .description("Documents in a read cache")
                .register(registry);
    }
}
