package se.naravard.gateway.server;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;

/**
 * The gateway's configuration (application.yml): the FHIR port, contract-service's address and the
 * time limits of every call to it.
 */
@Singleton
public class GatewaySettings {

    private final int fhirPort;
    private final URI contractService;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final boolean warmUpValidator;

    public GatewaySettings(
            @Value("${gateway.fhir.port:8080}") int fhirPort,
            @Value("${gateway.contract-service.url:`http://localhost:8081`}") String contractService,
            @Value("${gateway.contract-service.connect-timeout:1s}") Duration connectTimeout,
            @Value("${gateway.contract-service.request-timeout:3s}") Duration requestTimeout,
            @Value("${gateway.validator.warm-up:true}") boolean warmUpValidator) {
        this.fhirPort = fhirPort;
        this.contractService = URI.create(contractService.endsWith("/") ? contractService : contractService + "/");
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.warmUpValidator = warmUpValidator;
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

    public boolean warmUpValidator() {
        return warmUpValidator;
    }
}
