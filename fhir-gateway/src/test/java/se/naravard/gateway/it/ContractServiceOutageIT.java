package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Duration;
import org.hl7.fhir.r4.model.CarePlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import se.naravard.infra.EmbeddedKafkaBroker;

/**
 * contract-service slow (SIGSTOP: connections are accepted, nothing answers) → 504 after the request
 * timeout; stopped → 503 at once; the gateway never hangs. A contract-service and gateway of this
 * class's own, so the shared ones stay up.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContractServiceOutageIT {

    private static EmbeddedKafkaBroker kafka;
    private static ServiceModuleProcess service;
    private static GatewayInstance gateway;
    private static String id;

    @BeforeAll
    static void start() {
        // A broker of its own: this contract-service's events must not reach the shared gateway's cache.
        kafka = new EmbeddedKafkaBroker();
        kafka.start();
        service = ServiceModuleProcess.contractService(kafka);
        id = TestContracts.create(service).ids.get("active");
        gateway = GatewayInstance.start(service.baseUri());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        service.close();
        kafka.close();
    }

    @Test
    @Order(1)
    void a_slow_service_is_504_within_the_request_timeout_and_reads_work_again_when_it_answers() {
        IGenericClient fhir = GatewayStack.client(gateway.fhirBase());
        fhir.read().resource(CarePlan.class).withId(id).execute();
        service.pause();
        long started = System.nanoTime();
        try {
            assertThatThrownBy(() ->
                            fhir.read().resource(CarePlan.class).withId(id).execute())
                    .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(504);
                        assertThat(CarePlanIT.issue(e)
                                        .getDetails()
                                        .getCodingFirstRep()
                                        .getCode())
                                .isEqualTo("GATEWAY-021");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
        } finally {
            service.resume();
        }
        assertThat(fhir.read().resource(CarePlan.class).withId(id).execute().getStatus())
                .isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
    }

    @Test
    @Order(2)
    void a_stopped_service_is_503_at_once() {
        IGenericClient fhir = GatewayStack.client(gateway.fhirBase());
        service.close();
        long started = System.nanoTime();

        assertThatThrownBy(() -> fhir.read().resource(CarePlan.class).withId(id).execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(503);
                    assertThat(CarePlanIT.issue(e)
                                    .getDetails()
                                    .getCodingFirstRep()
                                    .getCode())
                            .isEqualTo("GATEWAY-020");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }
}
