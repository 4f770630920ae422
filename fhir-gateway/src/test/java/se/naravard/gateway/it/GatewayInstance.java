package se.naravard.gateway.it;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import se.naravard.gateway.server.FhirServer;
import se.naravard.gateway.server.ReadCaches;
import se.naravard.infra.KafkaHandle;
import se.naravard.infra.PostgresHandle;
import se.naravard.infra.TestIdentity;
import se.naravard.infra.TestInfra;

/**
 * The gateway in this JVM, as {@code Application} starts it, on free ports, reading {@code contractService},
 * {@code transitionService} and {@code sipService}.
 */
final class GatewayInstance implements AutoCloseable {

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    /** The subscription endpoints the ITs' gateways allow: their loopback receivers. */
    static final String LOOPBACK_ENDPOINTS = "http://localhost:*,http://127.0.0.1:*";

    private final EmbeddedServer management;
    private final long startupMillis;

    private GatewayInstance(EmbeddedServer management, long startupMillis) {
        this.management = management;
        this.startupMillis = startupMillis;
    }

    /** transition-service and sip-service at ports where nothing listens (a gateway that reads contracts only). */
    static GatewayInstance start(URI contractService) {
        return start(contractService, nowhere(), nowhere());
    }

    /** A port where nothing listens. */
    static URI nowhere() {
        return URI.create("http://localhost:" + se.naravard.infra.FreePorts.find());
    }

    /**
     * Without the read cache: every read reaches the services (the outage tests need that). The shared
     * stack's gateway has the cache ({@link #startCached}).
     */
    static GatewayInstance start(URI contractService, URI transitionService, URI sipService) {
        return start(contractService, transitionService, sipService, Map.of("gateway.cache.enabled", false));
    }

    /**
     * With the read cache fed from the JVM-wide Kafka broker, checked every 200 ms; returns once the
     * feed is live (the cache answers).
     */
    static GatewayInstance startCached(URI contractService, URI transitionService, URI sipService) {
        return startCached(
                contractService, transitionService, sipService, TestInfra.get().kafka());
    }

    /** As {@link #startCached(URI, URI, URI)}, its cache fed from {@code kafka}. */
    static GatewayInstance startCached(URI contractService, URI transitionService, URI sipService, KafkaHandle kafka) {
        GatewayInstance g = start(
                contractService,
                transitionService,
                sipService,
                Map.of(
                        "naravard.kafka.bootstrap-servers",
                        kafka.bootstrapServers(),
                        "gateway.cache.check-interval",
                        "200ms"));
        try {
            Awaitility.await("the gateway's event feed live")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> g.caches().feed().isLive());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            g.close();
            throw new IllegalStateException("the gateway's event feed did not become live within 30 s", e);
        }
        return g;
    }

    /** Without the read cache, with {@code extra} settings over the ITs' own. */
    static GatewayInstance startWith(
            URI contractService, URI transitionService, URI sipService, Map<String, Object> extra) {
        Map<String, Object> settings = new java.util.HashMap<>(Map.of("gateway.cache.enabled", false));
        settings.putAll(extra);
        return start(contractService, transitionService, sipService, settings);
    }

    private static GatewayInstance start(
            URI contractService, URI transitionService, URI sipService, Map<String, Object> extra) {
        return start(contractService, transitionService, sipService, extra, null, null);
    }

    /**
     * Without the read cache, with {@code extra} settings, and {@code clock} as the subscriptions' clock
     * (a simulated one: their scheduling then runs on it).
     */
    static GatewayInstance startWithClock(
            URI contractService,
            URI transitionService,
            URI sipService,
            Map<String, Object> extra,
            java.time.Clock clock) {
        return startWithClock(contractService, transitionService, sipService, extra, clock, null);
    }

    /**
     * As {@link #startWithClock(URI, URI, URI, Map, java.time.Clock)}, with {@code endpoints} instead of
     * the allow-list of subscription endpoints (a test's, to change it while the gateway runs).
     */
    static GatewayInstance startWithClock(
            URI contractService,
            URI transitionService,
            URI sipService,
            Map<String, Object> extra,
            java.time.Clock clock,
            se.naravard.gateway.subscription.EndpointPolicy endpoints) {
        Map<String, Object> settings = new java.util.HashMap<>(Map.of("gateway.cache.enabled", false));
        settings.putAll(extra);
        return start(contractService, transitionService, sipService, settings, clock, endpoints);
    }

    private static GatewayInstance start(
            URI contractService,
            URI transitionService,
            URI sipService,
            Map<String, Object> extra,
            java.time.Clock clock,
            se.naravard.gateway.subscription.EndpointPolicy endpoints) {
        long started = System.nanoTime();
        Map<String, Object> properties = new java.util.HashMap<>(Map.of(
                "micronaut.server.port",
                -1,
                "gateway.fhir.port",
                0,
                "gateway.contract-service.url",
                contractService.toString(),
                "gateway.transition-service.url",
                transitionService.toString(),
                "gateway.sip-service.url",
                sipService.toString(),
                // The ITs exercise request validation (ContractWritesIT), off by default.
                "gateway.validator.requests",
                true));
        properties.putAll(TestTokens.gatewaySettings());
        // The ITs' receivers listen on loopback: allow-listed here, as deploy/local does; never in
        // production (docs/operations.md "Subscription endpoints").
        properties.put("gateway.subscriptions.allowed-endpoints", LOOPBACK_ENDPOINTS);
        // Its service token for the services' internal APIs, as the platform's token agent keeps one.
        properties.put(
                "naravard.service-token.file",
                TestIdentity.serviceTokenFile(TestIdentity.GATEWAY_CLIENT).toString());
        // Its own database (the access log) on the JVM-wide PostgreSQL.
        PostgresHandle postgres = TestInfra.get().postgres();
        properties.put("datasources.default.username", postgres.user());
        properties.put("datasources.default.password", postgres.password());
        String database;
        if (extra.containsKey("datasources.default.url")) {
            String url = extra.get("datasources.default.url").toString();
            database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*$", "");
        } else {
            database = postgres.createDatabase("gateway");
            properties.put("datasources.default.url", postgres.jdbcUrl(database));
        }
        // Its own consumer groups: the gateways of one test JVM share a broker, not a database (a
        // shared group would hand some partitions to a gateway of another database).
        properties.put("gateway.followup.consumer-group", "fhir-gateway.followup." + database);
        properties.put("gateway.subscriptions.consumer-group", "fhir-gateway.subscriptions." + database);
        properties.putAll(extra);
        EmbeddedServer server;
        if (clock == null && endpoints == null) {
            server = ApplicationContext.run(EmbeddedServer.class, properties);
        } else {
            ApplicationContext context =
                    ApplicationContext.builder().properties(properties).build();
            if (clock != null) {
                context.registerSingleton(
                        java.time.Clock.class,
                        clock,
                        io.micronaut.inject.qualifiers.Qualifiers.byName(
                                se.naravard.gateway.server.SubscriptionFactory.CLOCK));
            }
            if (endpoints != null) {
                context.registerSingleton(
                        se.naravard.gateway.subscription.EndpointPolicy.class,
                        endpoints,
                        io.micronaut.inject.qualifiers.Qualifiers.byName(
                                se.naravard.gateway.server.SubscriptionFactory.ENDPOINT_POLICY));
            }
            context.start();
            server = context.getBean(EmbeddedServer.class);
            server.start();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("[gateway] started in " + millis + " ms (validator warm-up included)");
        return new GatewayInstance(server, millis);
    }

    String fhirBase() {
        return "http://localhost:"
                + management.getApplicationContext().getBean(FhirServer.class).port() + "/fhir";
    }

    /**
     * {@code GET <fhirBase><path>} as a journal system (JSON), by a client that waits at most {@code
     * patience}: a gateway that holds the request longer is an {@link java.net.http.HttpTimeoutException}
     * (a bound on hanging, not a measure of speed).
     */
    java.net.http.HttpResponse<String> getWithin(String path, Duration patience) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(fhirBase() + path))
                .timeout(patience)
                .header("Authorization", "Bearer " + TestTokens.journalSystem())
                .header("Accept", "application/fhir+json")
                .GET()
                .build();
        return HTTP.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** A connection to the gateway's own database (the access log). */
    java.sql.Connection database() throws java.sql.SQLException {
        String url = context().getRequiredProperty("datasources.default.url", String.class);
        PostgresHandle postgres = TestInfra.get().postgres();
        return java.sql.DriverManager.getConnection(url, postgres.user(), postgres.password());
    }

    ReadCaches caches() {
        return context().getBean(ReadCaches.class);
    }

    URI managementUri() {
        return management.getURI();
    }

    ApplicationContext context() {
        return management.getApplicationContext();
    }

    long startupMillis() {
        return startupMillis;
    }

    @Override
    public void close() {
        management.getApplicationContext().close();
    }
}
