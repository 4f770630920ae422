package se.naravard.gateway.server;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;

/**
 * The gateway's configuration (application.yml): the FHIR port, the addresses of contract-service,
 * transition-service and sip-service and the time limits of every call to them, and the read cache.
 */
@Singleton
public class GatewaySettings {

    private final int fhirPort;
    private final URI contractService;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final boolean warmUpValidator;
    private final boolean validateRequests;
    private final URI transitionService;
    private final Duration transitionConnectTimeout;
    private final Duration transitionRequestTimeout;
    private final URI sipService;
    private final Duration sipConnectTimeout;
    private final Duration sipRequestTimeout;
    private final Duration callInSettle;
    private final String kafkaBootstrapServers;
    private final boolean cacheEnabled;
    private final ReadCaches.Limits cacheLimits;
    private final Duration cacheCheckInterval;
    private final boolean securityEnabled;
    private final String jwks;
    private final String tokenIssuer;
    private final String tokenAudience;
    private final boolean accessLogEnabled;
    private final long maxRequestBytes;

    public GatewaySettings(
            @Value("${gateway.fhir.port:8080}") int fhirPort,
            @Value("${gateway.contract-service.url:`http://localhost:8081`}") String contractService,
            @Value("${gateway.contract-service.connect-timeout:1s}") Duration connectTimeout,
            @Value("${gateway.contract-service.request-timeout:3s}") Duration requestTimeout,
            @Value("${gateway.validator.warm-up:true}") boolean warmUpValidator,
            @Value("${gateway.validator.requests:false}") boolean validateRequests,
            @Value("${gateway.transition-service.url:`http://localhost:8083`}") String transitionService,
            @Value("${gateway.transition-service.connect-timeout:1s}") Duration transitionConnectTimeout,
            @Value("${gateway.transition-service.request-timeout:3s}") Duration transitionRequestTimeout,
            @Value("${gateway.sip-service.url:`http://localhost:8082`}") String sipService,
            @Value("${gateway.sip-service.connect-timeout:1s}") Duration sipConnectTimeout,
            @Value("${gateway.sip-service.request-timeout:3s}") Duration sipRequestTimeout,
            @Value("${gateway.call-in.settle-timeout:5s}") Duration callInSettle,
            @Value("${naravard.kafka.bootstrap-servers:}") String kafkaBootstrapServers,
            @Value("${gateway.cache.enabled:true}") boolean cacheEnabled,
            @Value("${gateway.cache.max-documents:20000}") long cacheMaxDocuments,
            @Value("${gateway.cache.max-age:60s}") Duration cacheMaxAge,
            @Value("${gateway.cache.check-interval:1s}") Duration cacheCheckInterval,
            @Value("${gateway.security.enabled:true}") boolean securityEnabled,
            @Value("${gateway.security.jwks:}") String jwks,
            @Value("${gateway.security.issuer:}") String tokenIssuer,
            @Value("${gateway.security.audience:naravard-fhir}") String tokenAudience,
            @Value("${gateway.access-log.enabled:true}") boolean accessLogEnabled,
            @Value("${gateway.fhir.max-request-bytes:1048576}") long maxRequestBytes) {
        this.fhirPort = fhirPort;
        this.contractService = base(contractService);
        this.transitionService = base(transitionService);
        this.transitionConnectTimeout = transitionConnectTimeout;
        this.transitionRequestTimeout = transitionRequestTimeout;
        this.sipService = base(sipService);
        this.sipConnectTimeout = sipConnectTimeout;
        this.sipRequestTimeout = sipRequestTimeout;
        this.callInSettle = callInSettle;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.cacheEnabled = cacheEnabled;
        this.cacheLimits = new ReadCaches.Limits(cacheMaxDocuments, cacheMaxAge);
        this.cacheCheckInterval = cacheCheckInterval;
        this.securityEnabled = securityEnabled;
        this.jwks = jwks;
        this.tokenIssuer = tokenIssuer;
        this.tokenAudience = tokenAudience;
        this.accessLogEnabled = accessLogEnabled;
        this.maxRequestBytes = maxRequestBytes;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.warmUpValidator = warmUpValidator;
        this.validateRequests = validateRequests;
    }

    /** 0 picks a free port (tests). */
    public int fhirPort() {
        return fhirPort;
    }

    public URI contractService() {
        return contractService;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public URI transitionService() {
        return transitionService;
    }

    public Duration transitionConnectTimeout() {
        return transitionConnectTimeout;
    }

    public Duration transitionRequestTimeout() {
        return transitionRequestTimeout;
    }

    public URI sipService() {
        return sipService;
    }

    public Duration sipConnectTimeout() {
        return sipConnectTimeout;
    }

    public Duration sipRequestTimeout() {
        return sipRequestTimeout;
    }

    private static URI base(String url) {
        return URI.create(url.endsWith("/") ? url : url + "/");
    }

    /** Whether resources sent are validated against base R4 before they are translated. */
    public boolean validateRequests() {
        return validateRequests;
    }

    public boolean warmUpValidator() {
        return warmUpValidator;
    }

    /**
     * How long a Task update (a SIP call-in done) waits for transition-service to record the kallelse
     * that sip-service's event brings, before it answers 202.
     */
    public Duration callInSettle() {
        return callInSettle;
    }

    /**
     * The brokers whose {@code contract.events} and {@code sip.events} keep the read caches current;
     * null when the cache is off or no brokers are configured (then every read goes to the services).
     */
    public String cacheBootstrapServers() {
        return cacheEnabled && !kafkaBootstrapServers.isBlank() ? kafkaBootstrapServers : null;
    }

    /** How many current contracts (and, separately, SIPs) the caches keep, and for how long at most. */
    public ReadCaches.Limits cacheLimits() {
        return cacheLimits;
    }

    /** How often the cache's feed checks that it is caught up with the topics. */
    public Duration cacheCheckInterval() {
        return cacheCheckInterval;
    }

    /**
     * Whether FHIR requests need a bearer token (true unless turned off for a development experiment:
     * the gateway then logs a warning at start-up).
     */
    public boolean securityEnabled() {
        return securityEnabled;
    }

    /** The identity provider's JWK set: {@code file:} or {@code http(s):} URL. */
    public String jwks() {
        return jwks;
    }

    public String tokenIssuer() {
        return tokenIssuer;
    }

    public String tokenAudience() {
        return tokenAudience;
    }

    /** Whether answers with patient data are logged (always, but for the benchmark's "log off" run). */
    public boolean accessLogEnabled() {
        return accessLogEnabled;
    }

    /** The largest request body the FHIR API reads (larger: 413). */
    public long maxRequestBytes() {
        return maxRequestBytes;
    }
}
