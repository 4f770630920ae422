package se.naravard.platform.runtime;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a service's internal API checks service credentials (docs/operations.md "Service credentials").
 * Keys under {@code naravard.service-auth.}: {@code jwks} ({@code SERVICE_JWKS}) and {@code issuer}
 * ({@code SERVICE_TOKEN_ISSUER}), both required; {@code audience} ({@code SERVICE_TOKEN_AUDIENCE},
 * {@code naravard-services}); {@code allowed-clients} ({@code SERVICE_ALLOWED_CLIENTS}, comma-separated,
 * {@code fhir-gateway}; {@code *} for every service client of the identity provider); {@code enabled}
 * ({@code SERVICE_AUTH_ENABLED}, true).
 *
 * <p>Read when the application context starts: a service with the check on but without the identity
 * provider's keys or issuer does not start. Turning the check off must be said explicitly ({@code
 * enabled=false}) and is logged as a warning at every start.
 */
@Context
public class ServiceAuthSettings {

    public static final String DEFAULT_AUDIENCE = "naravard-services";
    private static final Logger LOG = LoggerFactory.getLogger(ServiceAuthSettings.class);

    private final boolean enabled;
    private final String jwks;
    private final String issuer;
    private final String audience;
    private final List<String> allowedClients;

    public ServiceAuthSettings(
            @Value("${naravard.service-auth.enabled:true}") boolean enabled,
            @Value("${naravard.service-auth.jwks:}") String jwks,
            @Value("${naravard.service-auth.issuer:}") String issuer,
            @Value("${naravard.service-auth.audience:" + DEFAULT_AUDIENCE + "}") String audience,
            @Value("${naravard.service-auth.allowed-clients:fhir-gateway}") String allowedClients,
            @Value("${naravard.service-name:}") String serviceName) {
        this.enabled = enabled;
        this.jwks = jwks.trim();
        this.issuer = issuer.trim();
        this.audience = audience.trim();
        this.allowedClients = Arrays.stream(allowedClients.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        String who = serviceName.isBlank() ? "this service" : serviceName;
        if (!enabled) {
            LOG.warn(
                    "naravard.service-auth.enabled=false: {} checks NO service credentials; every route of its HTTP"
                            + " server is open to any caller. Only for a test harness, or a server with no internal API;"
                            + " never with real data.",
                    who);
            return;
        }
        if (this.jwks.isEmpty() || this.issuer.isEmpty()) {
            throw new IllegalStateException("set SERVICE_JWKS (the identity provider's JWK set, file: or https: URL)"
                    + " and SERVICE_TOKEN_ISSUER: " + who + " does not start without them"
                    + " (its internal API accepts service credentials only; docs/operations.md)");
        }
        if (this.audience.isEmpty() || this.allowedClients.isEmpty()) {
            throw new IllegalStateException("SERVICE_TOKEN_AUDIENCE and SERVICE_ALLOWED_CLIENTS must not be empty");
        }
        LOG.info(
                "internal API: service tokens of {} for audience {} from clients {}",
                this.issuer,
                this.audience,
                this.allowedClients);
    }

    public boolean enabled() {
        return enabled;
    }

    public String jwks() {
        return jwks;
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    public List<String> allowedClients() {
        return allowedClients;
    }
}
