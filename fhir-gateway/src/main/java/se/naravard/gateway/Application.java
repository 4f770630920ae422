package se.naravard.gateway;

import io.micronaut.runtime.Micronaut;

/**
 * The FHIR gateway: Micronaut on Netty for management ({@code /health}), HAPI's RestfulServer on an
 * embedded Jetty 12 for FHIR R4 ({@code /fhir}), started by {@link se.naravard.gateway.server.FhirServer}.
 */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
