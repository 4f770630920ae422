package se.naravard.gateway.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import se.naravard.gateway.audit.AccessLog;
import se.naravard.gateway.cache.DocumentCache;
import se.naravard.gateway.cache.EventFeed;
import se.naravard.gateway.subscription.SubscriptionStore;
import se.naravard.gateway.subscription.Subscriptions;

/**
 * The gateway's own metrics beside the FHIR request timer ({@link FhirRequestObservation}) and the
 * platform's (docs/operations.md "Observability"): read-cache hits and misses per cache, cached
 * documents, the caches' feed (lag, live), and access-log records written and failed.
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
        Gauge.builder("naravard.gateway.cache.feed.lag", caches.feed(), EventFeed::lag)
                .baseUnit("records")
                .description("Records of contract/sip/transition.events the read caches' feed had not yet read at"
                        + " its last check; -1 while it has no broker")
                .register(registry);
        Gauge.builder("naravard.gateway.cache.feed.live", caches.feed(), f -> f.isLive() ? 1 : 0)
                .description("1 while the read caches' feed is live (else every read goes to the services)")
                .register(registry);
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
        Clock clock = subscriptions.clock();
        Map<UUID, Backlog> series = new ConcurrentHashMap<>();
        subscriptions.housekeeping().onBacklogs(rows -> {
            Instant now = clock.instant();
            Set<UUID> present = new HashSet<>();
            for (SubscriptionStore.BacklogGauge r : rows) {
                present.add(r.subscription());
                Backlog b = series.computeIfAbsent(r.subscription(), id -> Backlog.register(registry, id));
                b.count = r.count();
                b.ageSeconds = r.oldestRecordedAt() == null
                        ? 0
                        : Math.max(
                                        0,
                                        Duration.between(r.oldestRecordedAt(), now)
                                                .toMillis())
                                / 1000.0;
            }
            series.entrySet().removeIf(e -> {
                if (present.contains(e.getKey())) {
                    return false;
                }
                e.getValue().meters.forEach(registry::remove);
                return true;
            });
        });
    }

    /** The two gauges of one subscription and the values they read. */
    private static final class Backlog {
        volatile double count;
        volatile double ageSeconds;
        final List<Meter> meters = new ArrayList<>();

        static Backlog register(MeterRegistry registry, UUID id) {
            Backlog b = new Backlog();
            b.meters.add(Gauge.builder("naravard.gateway.subscription.backlog", b, x -> x.count)
                    .tag("subscription", id.toString())
                    .description("Undelivered notifications of a subscription")
                    .strongReference(true)
                    .register(registry));
            b.meters.add(Gauge.builder("naravard.gateway.subscription.backlog.oldest.age", b, x -> x.ageSeconds)
                    .tag("subscription", id.toString())
                    .description("How long the oldest undelivered notification of a subscription has waited")
                    .baseUnit("seconds")
                    .strongReference(true)
                    .register(registry));
            return b;
        }
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
