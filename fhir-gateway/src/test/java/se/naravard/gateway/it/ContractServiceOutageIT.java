package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import se.naravard.infra.EmbeddedKafkaBroker;

/**
 * contract-service slow (SIGSTOP: connections are accepted, nothing answers) → 504 after the request
 * timeout; stopped → 503 at once (the code says which: a stop the gateway waited out would be a 504);
 * the gateway never hangs (the client gives up after {@link #PATIENCE}, well past the 3 s timeout). A contract-service and gateway of this
 * class's own, so the shared ones stay up.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContractServiceOutageIT {

    private static EmbeddedKafkaBroker kafka;
    private static ServiceModuleProcess service;
    private static GatewayInstance gateway;
    private static String id;

    /** How long the client waits: the gateway's request timeout (3 s) and a wide margin for a busy machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);

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
    void a_slow_service_is_504_within_the_request_timeout_and_reads_work_again_when_it_answers() throws Exception {
        IGenericClient fhir = GatewayStack.client(gateway.fhirBase());
        fhir.read().resource(CarePlan.class).withId(id).execute();
        service.pause();
        try {
            assertAnswered(read(), 504, "GATEWAY-021");
        } finally {
            service.resume();
        }
        assertThat(fhir.read().resource(CarePlan.class).withId(id).execute().getStatus())
                .isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
    }

    @Test
    @Order(2)
    void a_stopped_service_is_503_at_once() throws Exception {
        service.close();

        assertAnswered(read(), 503, "GATEWAY-020");
    }

    /** The CarePlan read by a client that waits {@link #PATIENCE}, well past the gateway's 3 s timeout. */
    private static HttpResponse<String> read() throws Exception {
        return gateway.getWithin("/CarePlan/" + id, PATIENCE);
    }

    private static void assertAnswered(HttpResponse<String> answer, int status, String code) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        OperationOutcome outcome =
                FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, answer.body());
        assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
                .isEqualTo(code);
    }
}
