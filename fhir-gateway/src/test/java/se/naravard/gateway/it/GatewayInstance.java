package se.naravard.gateway.it;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.Map;
import se.naravard.gateway.server.FhirServer;

/**
 * The gateway in this JVM, as {@code Application} starts it, on free ports, reading {@code contractService},
 * {@code transitionService} and {@code sipService}.
 */
final class GatewayInstance implements AutoCloseable {

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

    static GatewayInstance start(URI contractService, URI transitionService, URI sipService) {
        long started = System.nanoTime();
        EmbeddedServer server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
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
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("[gateway] started in " + millis + " ms (validator warm-up included)");
        return new GatewayInstance(server, millis);
    }

    String fhirBase() {
        return "http://localhost:"
                + management.getApplicationContext().getBean(FhirServer.class).port() + "/fhir";
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
