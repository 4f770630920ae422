package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.PreferReturnEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.naravard.infra.EmbeddedKafkaBroker;

/**
 * The gateway's read cache against a real contract-service and Kafka: a read after a write through
 * the gateway sees the write; a change made in contract-service directly reaches the cache with its
 * event; and what the cache holds is answered even while contract-service does not answer (SIGSTOP),
 * which shows the reads really come from the cache. Its own contract-service, so pausing it disturbs no
 * other IT.
 */
class ReadCacheIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedKafkaBroker kafka;
    private static ServiceModuleProcess service;
    private static GatewayInstance gateway;
    private static IGenericClient fhir;

    @BeforeAll
    static void start() {
        GatewayStack stack = GatewayStack.get();
        // A broker of its own: this contract-service's events must not reach the shared gateway's cache.
        kafka = new EmbeddedKafkaBroker();
        kafka.start();
        kafka.createTopics(1, "sip.events");
        service = ServiceModuleProcess.contractService(kafka);
        gateway = GatewayInstance.startCached(
                service.baseUri(), stack.transitionService.baseUri(), stack.sipService.baseUri(), kafka);
        fhir = GatewayStack.client(gateway.fhirBase());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        service.close();
        kafka.close();
    }

    @Test
    void a_read_after_a_write_through_the_gateway_sees_the_write_at_once() throws Exception {
        String id = draft("19810107-9294");
        CarePlan plan = read(id);
        plan.setId(new IdType("CarePlan", id));
        plan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
        plan.addNote().setText("Överenskommet vid besök");

        fhir.update()
                .resource(plan)
                .withId(id)
                .withAdditionalHeader("If-Match", "W/\"1\"")
                .withAdditionalHeader("X-Provenance", ContractWritesIT.PROVENANCE)
                .prefer(PreferReturnEnum.MINIMAL)
                .execute();

        // The update was answered without a body (return=minimal): its log row names the patient anyway.
        try (java.sql.Connection c = gateway.database();
                java.sql.PreparedStatement s = c.prepareStatement(
                        "SELECT patient_key FROM access_log WHERE action = 'update' AND resource_id = ?")) {
            s.setString(1, id);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1))
                        .isEqualTo(plan.getSubject().getReferenceElement().getIdPart());
            }
        }
        // No waiting: the gateway put contract-service's answer into its cache.
        CarePlan after = read(id);
        assertThat(after.getMeta().getVersionId()).isEqualTo("2");
        assertThat(after.getStatus()).isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
        assertAnsweredWhileContractServiceIsPaused(
                () -> "2".equals(read(id).getMeta().getVersionId()));
    }

    @Test
    void a_change_made_in_contract_service_reaches_cached_reads_and_searches_with_its_event() throws Exception {
        String pnr = "19900602-2397";
        String id = draft(pnr);
        String patient = patientKey(pnr);
        assertThat(read(id).getMeta().getVersionId()).isEqualTo("1");
        assertThat(search(patient).getEntry()).hasSize(1);

        var agreed = service.send(
                "POST",
                "/contracts/" + id + "/status",
                "{\"status\":\"active\",\"actor\":" + TestContracts.actor() + ",\"reason\":\"Överenskommet\"}",
                "If-Match",
                "\"1\"");
        assertThat(agreed.statusCode()).as(agreed.body()).isEqualTo(200);
        String second = draft(pnr);

        await("the read shows version 2", () -> "2".equals(read(id).getMeta().getVersionId()));
        await(
                "the search shows both contracts",
                () -> search(patient).getEntry().size() == 2);
        assertAnsweredWhileContractServiceIsPaused(() -> search(patient).getEntry().stream()
                        .map(e -> e.getResource().getIdElement().getIdPart())
                        .toList()
                        .equals(java.util.List.of(second, id))
                && read(id).getStatus() == CarePlan.CarePlanStatus.ACTIVE);
    }

    /** With contract-service stopped (SIGSTOP) the gateway's answer comes from its cache, or it would be 504. */
    private static void assertAnsweredWhileContractServiceIsPaused(BooleanSupplier check) {
        service.pause();
        try {
            assertThat(check.getAsBoolean()).isTrue();
        } finally {
            service.resume();
        }
    }

    private static CarePlan read(String id) {
        return fhir.read().resource(CarePlan.class).withId(id).execute();
    }

    private static Bundle search(String patientKey) {
        return fhir.search()
                .byUrl("CarePlan?patient=Patient/" + patientKey + "&category=patientkontrakt")
                .returnBundle(Bundle.class)
                .execute();
    }

    private static String patientKey(String pnr) {
        Bundle patients = fhir.search()
                .byUrl("Patient?identifier=" + TestContracts.PNR_SYSTEM + "|" + pnr.replace("-", ""))
                .returnBundle(Bundle.class)
                .execute();
        return patients.getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    private static String draft(String pnr) throws Exception {
        var r = service.send("POST", "/contracts", TestContracts.createJson(pnr));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("id").asText();
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what)
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .until(condition::getAsBoolean);
    }
}
