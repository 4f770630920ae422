package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** CareTeam, Goal and Patient, the CapabilityStatement, formats and the management port. */
class TeamGoalPatientIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private final IGenericClient fhir = STACK.client();

    @Test
    void the_care_team_holds_the_patient_fast_vardkontakt_fast_lakarkontakt_and_narstaende() {
        String id = STACK.contracts.ids.get("active");

        CareTeam team = fhir.read().resource(CareTeam.class).withId(id).execute();

        assertThat(team.getStatus()).isEqualTo(CareTeam.CareTeamStatus.ACTIVE);
        assertThat(team.getParticipant())
                .extracting(p -> p.getRoleFirstRep().getCodingFirstRep().getCode())
                .containsExactly("patient", "fast-vardkontakt", "fast-lakarkontakt", "kontakt", "narstaende");
        assertThat(team.getParticipant().get(1).getMember().getIdentifier().getValue())
                .isEqualTo(TestContracts.NURSE);
        assertThat(team.getParticipant().get(1).getOnBehalfOf().getIdentifier().getValue())
                .isEqualTo(TestContracts.UNIT);
        assertThat(fhir.search()
                        .forResource(CareTeam.class)
                        .where(CareTeam.PATIENT.hasId("Patient/" + CarePlanIT.tolvanKey()))
                        .returnBundle(Bundle.class)
                        .execute()
                        .getEntry())
                .hasSize(3);
    }

    @Test
    void goals_are_the_patients_own_words_numbered_within_the_contract() {
        String id = STACK.contracts.ids.get("completed");

        Goal second = fhir.read().resource(Goal.class).withId(id + "-2").execute();
        Bundle all = fhir.search()
                .forResource(Goal.class)
                .where(Goal.SUBJECT.hasId("Patient/" + CarePlanIT.tolvanKey()))
                .returnBundle(Bundle.class)
                .execute();

        assertThat(second.getDescription().getText()).isEqualTo("Bo kvar hemma");
        assertThat(second.getLifecycleStatus()).isEqualTo(Goal.GoalLifecycleStatus.COMPLETED);
        assertThat(all.getEntry()).hasSize(6);
        assertThatThrownBy(
                        () -> fhir.read().resource(Goal.class).withId(id + "-3").execute())
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void a_patient_is_found_by_personnummer_or_samordningsnummer_and_read_by_its_pseudonymous_id() {
        String key = CarePlanIT.tolvanKey();

        Patient tolvan = fhir.read().resource(Patient.class).withId(key).execute();
        Bundle coordination = fhir.search()
                .forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(TestContracts.SNR_SYSTEM, "197010632391"))
                .returnBundle(Bundle.class)
                .execute();

        assertThat(key).matches("[0-9a-f]{32}");
        assertThat(tolvan.getIdentifierFirstRep().getValue()).isEqualTo(TestContracts.TOLVAN);
        assertThat(tolvan.getBirthDateElement().getValueAsString()).isEqualTo("1912-12-12");
        assertThat(coordination.getEntry()).hasSize(1);
        // A key no document names: no care relation either, so 403 like any patient the caller has no
        // relation with (a 404 would tell an unrelated caller which keys have data).
        assertThatThrownBy(() -> fhir.read()
                        .resource(Patient.class)
                        .withId("0123456789abcdef0123456789abcdef")
                        .execute())
                .isInstanceOf(ForbiddenOperationException.class);
        assertThatThrownBy(() -> fhir.search()
                        .forResource(Patient.class)
                        .where(Patient.IDENTIFIER.exactly().systemAndCode("urn:oid:1.2.3", TestContracts.TOLVAN))
                        .returnBundle(Bundle.class)
                        .execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                                CarePlanIT.issue(e).getExpression().get(0).getValue())
                        .isEqualTo("Patient.identifier"));
    }

    @Test
    void the_capability_statement_lists_exactly_what_is_implemented() {
        CapabilityStatement cs =
                fhir.capabilities().ofType(CapabilityStatement.class).execute();

        Map<String, CapabilityStatementRestResourceComponent> resources =
                cs.getRestFirstRep().getResource().stream().collect(Collectors.toMap(r -> r.getType(), r -> r));
        assertThat(resources.keySet())
                .containsExactlyInAnyOrder(
                        "CarePlan",
                        "CareTeam",
                        "Goal",
                        "Patient",
                        "Encounter",
                        "Communication",
                        "Task",
                        "Consent",
                        "Appointment",
                        "AuditEvent",
                        "Measure",
                        "MeasureReport",
                        "Subscription",
                        "OperationDefinition");
        assertThat(interactions(resources.get("Measure"))).containsExactlyInAnyOrder("read", "search-type");
        assertThat(resources.get("Measure").getOperation())
                .extracting(o -> o.getName())
                .containsExactly("evaluate-measure");
        assertThat(interactions(resources.get("MeasureReport"))).containsExactlyInAnyOrder("read", "search-type");
        assertThat(cs.getRestFirstRep().getOperation())
                .extracting(o -> o.getName())
                .containsExactlyInAnyOrder("export", "export-poll-status", "export-download");
        assertThat(interactions(resources.get("Subscription")))
                .containsExactlyInAnyOrder("read", "search-type", "create", "update", "delete");
        assertThat(resources.get("Subscription").getOperation())
                .extracting(o -> o.getName())
                .containsExactlyInAnyOrder("status", "events");
        assertThat(interactions(resources.get("CarePlan")))
                .containsExactlyInAnyOrder("read", "vread", "create", "update", "history-instance", "search-type");
        assertThat(resources.get("CarePlan").getConditionalCreate()).isTrue();
        assertThat(interactions(resources.get("CareTeam")))
                .containsExactlyInAnyOrder("read", "vread", "update", "history-instance", "search-type");
        assertThat(interactions(resources.get("Goal")))
                .containsExactlyInAnyOrder("read", "vread", "update", "history-instance", "search-type");
        assertThat(cs.getRestFirstRep().getInteraction())
                .extracting(i -> i.getCode().toCode())
                .containsExactly("transaction");
        assertThat(resources.get("CarePlan").getSearchInclude())
                .extracting(i -> i.getValue())
                .contains("CarePlan:care-team", "CarePlan:goal");
        assertThat(resources.get("CarePlan").getSearchParam())
                .extracting(p -> p.getName())
                .containsExactlyInAnyOrder("patient", "subject", "status", "category", "date", "_lastUpdated", "_id");
        assertThat(interactions(resources.get("Patient"))).containsExactlyInAnyOrder("read", "search-type");
        assertThat(interactions(resources.get("Encounter")))
                .containsExactlyInAnyOrder("read", "vread", "history-instance", "search-type");
        assertThat(resources.get("Encounter").getSearchParam())
                .extracting(p -> p.getName())
                .containsExactlyInAnyOrder("patient", "subject", "status", "date", "_lastUpdated", "_id");
        assertThat(interactions(resources.get("Communication")))
                .containsExactlyInAnyOrder("read", "create", "search-type");
        assertThat(resources.get("Communication").getConditionalCreate()).isTrue();
        assertThat(resources.get("Communication").getSearchParam())
                .extracting(p -> p.getName())
                .containsExactlyInAnyOrder("patient", "subject", "encounter");
        assertThat(resources.get("Communication").getSearchInclude())
                .extracting(i -> i.getValue())
                .contains("Communication:encounter");
        assertThat(interactions(resources.get("Task"))).containsExactlyInAnyOrder("read", "update", "search-type");
        assertThat(resources.get("Task").getSearchParam())
                .extracting(p -> p.getName())
                .containsExactlyInAnyOrder("patient", "subject", "encounter", "status");
        assertThat(interactions(resources.get("Consent")))
                .as("create and update: a spärr registered and lifted; a SIP's consent given and revoked")
                .containsExactlyInAnyOrder("read", "vread", "history-instance", "search-type", "create", "update");
        assertThat(resources.get("Consent").getSearchParam())
                .extracting(p -> p.getName())
                .containsExactlyInAnyOrder("patient", "status", "_id");
        assertThat(interactions(resources.get("Appointment")))
                .as("create: a SIP meeting planned; update: one recorded as held")
                .containsExactlyInAnyOrder("read", "vread", "history-instance", "search-type", "create", "update");
        assertThat(resources.get("Appointment").getSearchParam())
                .extracting(p -> p.getName())
                .containsExactlyInAnyOrder("patient", "status", "_id");
    }

    @Test
    void xml_is_served_on_request_and_health_answers_on_the_management_port() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> xml = get(
                http,
                URI.create(
                        STACK.gateway.fhirBase() + "/CarePlan/" + STACK.contracts.ids.get("draft") + "?_format=xml"));
        HttpResponse<String> health = get(http, STACK.gateway.managementUri().resolve("/health"));
        // The paths deploy/k8s probes and deploy/compose's healthchecks call.
        HttpResponse<String> liveness = get(http, STACK.gateway.managementUri().resolve("/health/liveness"));
        HttpResponse<String> readiness = get(http, STACK.gateway.managementUri().resolve("/health/readiness"));

        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(xml.headers().firstValue("Content-Type").orElse("")).contains("fhir+xml");
        assertThat(xml.body()).contains("<CarePlan xmlns=\"http://hl7.org/fhir\">");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("jdbc");
    }

    private static List<String> interactions(CapabilityStatementRestResourceComponent r) {
        return r.getInteraction().stream().map(i -> i.getCode().toCode()).toList();
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + TestTokens.journalSystem())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
