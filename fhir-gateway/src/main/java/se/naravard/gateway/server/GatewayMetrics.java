package se.naravard.gateway.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import se.naravard.gateway.audit.AccessLog;
import se.naravard.gateway.cache.DocumentCache;
import se.naravard.gateway.cache.EventFeed;

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

    public GatewayMetrics(MeterRegistry registry, ReadCaches caches, AccessLog accessLog) {
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
