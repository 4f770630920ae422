package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/**
 * SIPs drawn up through a real sip-service, read by HAPI's generic client as a journal system:
 * CarePlan (category sip) read, vread, history and search beside the contracts, with care team and
 * goals included; Consent active and inactive; meetings as Appointments; the Patient of a person with
 * only a SIP; 404 and 503 as OperationOutcomes.
 */
class SipIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private final IGenericClient fhir = STACK.client();

    @Test
    void a_sip_is_a_care_plan_of_category_sip_with_its_versions() {
        String id = "sip-" + STACK.sips.ids.get("active");

        CarePlan plan = fhir.read().resource(CarePlan.class).withId(id).execute();
        CarePlan first =
                fhir.read().resource(CarePlan.class).withIdAndVersion(id, "1").execute();
        Bundle history = fhir.history()
                .onInstance(new IdType("CarePlan", id))
                .returnBundle(Bundle.class)
                .execute();

        int version = STACK.sips.versions.get(STACK.sips.ids.get("active"));
        assertThat(plan.getStatus()).isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
        assertThat(plan.getMeta().getVersionId()).isEqualTo(Integer.toString(version));
        assertThat(plan.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("sip");
        assertThat(plan.getSubject().getReference()).isEqualTo("Patient/" + key(TestSips.WITH_CONTRACT));
        assertThat(plan.getCareTeamFirstRep().getReference()).isEqualTo("CareTeam/" + id);
        assertThat(plan.getGoal()).hasSize(2);
        assertThat(plan.getActivity()).filteredOn(a -> a.hasDetail()).hasSize(2);
        assertThat(plan.getActivity()).filteredOn(a -> a.hasReference()).hasSize(2);
        assertThat(first.getStatus()).isEqualTo(CarePlan.CarePlanStatus.DRAFT);
        assertThat(first.getActivity()).isEmpty();
        assertThat(history.getEntry())
                .extracting(e -> e.getResource().getMeta().getVersionId())
                .hasSize(version)
                .startsWith(Integer.toString(version))
                .endsWith("1");
    }

    @Test
    void a_search_without_category_finds_contracts_first_then_sips_and_category_selects_one_source() {
        String patient = "Patient/" + key(TestSips.WITH_CONTRACT);

        Bundle all = search("CarePlan?patient=" + patient);
        Bundle sips = search("CarePlan?patient=" + patient + "&category=sip");
        Bundle contracts = search("CarePlan?patient=" + patient + "&category=patientkontrakt");
        Bundle activeSips = search("CarePlan?subject=" + patient
                + "&category=https://naravard.se/fhir/CodeSystem/careplan-category%7Csip&status=active");

        assertThat(ids(all))
                .containsExactly(
                        STACK.contracts.ids.get("draft"),
                        "sip-" + STACK.sips.ids.get("active"),
                        "sip-" + STACK.sips.ids.get("draft"));
        assertThat(ids(sips))
                .containsExactly("sip-" + STACK.sips.ids.get("active"), "sip-" + STACK.sips.ids.get("draft"));
        assertThat(ids(contracts)).containsExactly(STACK.contracts.ids.get("draft"));
        assertThat(ids(activeSips)).containsExactly("sip-" + STACK.sips.ids.get("active"));
        assertThat(ids(search("CarePlan?_id=sip-" + STACK.sips.ids.get("revoked"))))
                .containsExactly("sip-" + STACK.sips.ids.get("revoked"));
    }

    @Test
    void the_care_team_and_goals_of_a_sip_plan_are_included() {
        Bundle b = search("CarePlan?patient.identifier=" + TestContracts.PNR_SYSTEM + "%7C"
                + TestSips.SIP_ONLY.replace("-", "") + "&_include=CarePlan:care-team&_include=CarePlan:goal");

        List<BundleEntryComponent> included = b.getEntry().stream()
                .filter(e -> e.getSearch().getMode() == SearchEntryMode.INCLUDE)
                .toList();
        assertThat(b.getEntry())
                .filteredOn(e -> e.getSearch().getMode() == SearchEntryMode.MATCH)
                .hasSize(1);
        CareTeam team = included.stream()
                .map(BundleEntryComponent::getResource)
                .filter(r -> r instanceof CareTeam)
                .map(r -> (CareTeam) r)
                .findFirst()
                .orElseThrow();
        assertThat(team.getParticipant())
                .extracting(p -> p.getRoleFirstRep().getCodingFirstRep().getCode())
                .containsExactly("patient", "primary-care", "social-services");
        assertThat(included)
                .filteredOn(e -> e.getResource() instanceof Goal)
                .extracting(e -> ((Goal) e.getResource()).getDescription().getText())
                .containsExactly("Bo kvar hemma");
    }

    @Test
    void goals_and_care_teams_of_sips_are_read_and_found_beside_the_contracts() {
        String sip = STACK.sips.ids.get("active");

        Goal second =
                fhir.read().resource(Goal.class).withId("sip-" + sip + "-g2").execute();
        CareTeam team =
                fhir.read().resource(CareTeam.class).withId("sip-" + sip).execute();
        Bundle goals = search("Goal?patient=Patient/" + key(TestSips.WITH_CONTRACT));
        Bundle teams = search("CareTeam?patient=Patient/" + key(TestSips.WITH_CONTRACT));

        assertThat(second.getDescription().getText()).isEqualTo("Gå till affären själv");
        assertThat(second.getLifecycleStatus()).isEqualTo(Goal.GoalLifecycleStatus.ACTIVE);
        assertThat(team.getParticipant())
                .extracting(p -> p.getRoleFirstRep().getCodingFirstRep().getCode())
                .containsExactly("patient", "primary-care", "social-services", "narstaende");
        assertThat(ids(goals)).contains("sip-" + sip + "-g1", "sip-" + sip + "-g2");
        assertThat(ids(teams))
                .containsExactly(STACK.contracts.ids.get("draft"), "sip-" + sip, "sip-" + STACK.sips.ids.get("draft"));
        assertThatThrownBy(() -> fhir.read()
                        .resource(Goal.class)
                        .withId("sip-" + sip + "-g3")
                        .execute())
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void a_revoked_consent_is_inactive_with_its_revocation_and_a_current_one_active() {
        Bundle revoked = search("Consent?patient=Patient/" + key(TestSips.SIP_ONLY));
        Bundle active = search("Consent?patient=Patient/" + key(TestSips.WITH_CONTRACT) + "&status=active");
        Consent byRepresentative = fhir.read()
                .resource(Consent.class)
                .withId("sip-" + STACK.sips.ids.get("draft") + "-c1")
                .execute();

        assertThat(revoked.getEntry()).hasSize(1);
        Consent c = (Consent) revoked.getEntryFirstRep().getResource();
        assertThat(c.getStatus()).isEqualTo(Consent.ConsentState.INACTIVE);
        assertThat(c.getExtensionByUrl("https://naravard.se/fhir/StructureDefinition/sip-consent-revocation")
                        .getExtensionByUrl("at"))
                .isNotNull();
        assertThat(c.getProvision().getActor()).hasSize(2);
        assertThat(ids(active))
                .containsExactlyInAnyOrder(
                        "sip-" + STACK.sips.ids.get("active") + "-c1", "sip-" + STACK.sips.ids.get("draft") + "-c1");
        assertThat(byRepresentative.getPerformerFirstRep().getDisplay()).isEqualTo("Greta Godman (god man)");
        assertThat(search("Consent?patient=Patient/" + key(TestSips.SIP_ONLY) + "&status=active")
                        .getEntry())
                .isEmpty();
    }

    @Test
    void meetings_are_appointments_fulfilled_when_held_and_booked_before() {
        String sip = STACK.sips.ids.get("active");

        Appointment held = fhir.read()
                .resource(Appointment.class)
                .withId("sip-" + sip + "-m1")
                .execute();
        Bundle all = search("Appointment?patient=Patient/" + key(TestSips.WITH_CONTRACT));
        Bundle booked = search("Appointment?patient=Patient/" + key(TestSips.WITH_CONTRACT) + "&status=booked");

        assertThat(held.getStatus()).isEqualTo(Appointment.AppointmentStatus.FULFILLED);
        assertThat(held.getIdentifierFirstRep().getValue()).isEqualTo("m1");
        assertThat(held.getDescription()).isEqualTo("video");
        assertThat(held.getParticipant()).hasSize(3);
        assertThat(ids(all)).containsExactly("sip-" + sip + "-m1", "sip-" + sip + "-m2");
        assertThat(ids(booked)).containsExactly("sip-" + sip + "-m2");
    }

    @Test
    void what_sip_service_has_no_command_for_is_refused_naming_the_element_and_nothing_changes() {
        String id = "sip-" + STACK.sips.ids.get("active");
        CarePlan plan = fhir.read().resource(CarePlan.class).withId(id).execute();
        String version = plan.getMeta().getVersionId();
        plan.getGoal().remove(1); // a goal is never removed from a SIP (SipWritesIT writes the rest)
        String provenance = "{\"resourceType\":\"Provenance\",\"recorded\":\"2026-11-25T10:00:00Z\","
                + "\"target\":[{\"reference\":\"CarePlan/x\"}],\"agent\":[{\"who\":{\"identifier\":"
                + "{\"system\":\"http://electronichealth.se/identifier/hsaid\",\"value\":\"SE2321000057-N001\"}},"
                + "\"onBehalfOf\":{\"identifier\":{\"system\":\"http://electronichealth.se/identifier/hsaid\","
                + "\"value\":\"" + TestSips.VC + "\"}}}]}";

        assertThatThrownBy(() -> fhir.update()
                        .resource(plan)
                        .withId(id)
                        .withAdditionalHeader("If-Match", "W/\"" + version + "\"")
                        .withAdditionalHeader("X-Provenance", provenance)
                        .execute())
                .isInstanceOfSatisfying(ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(422);
                    assertThat(CarePlanIT.issue(e)
                                    .getDetails()
                                    .getCodingFirstRep()
                                    .getCode())
                            .isEqualTo("GATEWAY-160");
                    assertThat(CarePlanIT.issue(e).getExpression().get(0).getValue())
                            .isEqualTo("CarePlan.goal");
                });
        assertThat(fhir.read()
                        .resource(CarePlan.class)
                        .withId(id)
                        .execute()
                        .getMeta()
                        .getVersionId())
                .isEqualTo(version);
    }

    @Test
    void the_patient_of_a_person_with_only_a_sip_can_be_read() {
        String key = key(TestSips.SIP_ONLY);

        Patient p = fhir.read().resource(Patient.class).withId(key).execute();

        assertThat(p.getIdentifierFirstRep().getValue()).isEqualTo(TestSips.SIP_ONLY.replace("-", ""));
    }

    @Test
    void an_unknown_sip_is_404_and_an_unknown_parameter_400_with_operation_outcomes() {
        assertThatThrownBy(() -> fhir.read()
                        .resource(CarePlan.class)
                        .withId("sip-00000000-0000-4000-8000-000000000000")
                        .execute())
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(CarePlanIT.issue(e)
                                    .getDetails()
                                    .getCodingFirstRep()
                                    .getCode())
                            .isEqualTo("GATEWAY-010");
                    assertThat(CarePlanIT.issue(e).getExpression().get(0).getValue())
                            .isEqualTo("CarePlan.id");
                });
        assertThatThrownBy(() -> fhir.read()
                        .resource(Consent.class)
                        .withId("sip-nope-c1")
                        .execute())
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> fhir.read()
                        .resource(Appointment.class)
                        .withId("sip-" + STACK.sips.ids.get("active") + "-m9")
                        .execute())
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> search("Appointment?patient=Patient/" + key(TestSips.SIP_ONLY) + "&date=2026-01-01"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(CarePlanIT.issue(e)
                                    .getDetails()
                                    .getCodingFirstRep()
                                    .getCode())
                            .isEqualTo("GATEWAY-001");
                    assertThat(CarePlanIT.issue(e).getExpression().get(0).getValue())
                            .isEqualTo("Appointment.start");
                });
        assertThatThrownBy(() -> search("Consent?status=active"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(CarePlanIT.issue(e)
                                .getDetails()
                                .getCodingFirstRep()
                                .getCode())
                        .isEqualTo("GATEWAY-004"));
    }

    @Test
    void a_stopped_sip_service_is_503_and_contracts_still_answer() {
        try (GatewayInstance alone = GatewayInstance.start(
                STACK.contractService.baseUri(), STACK.transitionService.baseUri(), GatewayInstance.nowhere())) {
            IGenericClient client = GatewayStack.client(alone.fhirBase());

            assertThatThrownBy(() -> client.read()
                            .resource(CarePlan.class)
                            .withId("sip-" + STACK.sips.ids.get("active"))
                            .execute())
                    .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(503);
                        assertThat(CarePlanIT.issue(e)
                                        .getDetails()
                                        .getCodingFirstRep()
                                        .getCode())
                                .isEqualTo("GATEWAY-020");
                        assertThat(CarePlanIT.issue(e).getDiagnostics()).contains("sip-service");
                    });
            assertThat(client.search()
                            .byUrl("CarePlan?patient=Patient/" + key(TestSips.WITH_CONTRACT)
                                    + "&category=patientkontrakt")
                            .returnBundle(Bundle.class)
                            .execute()
                            .getEntry())
                    .hasSize(1);
        }
    }

    private Bundle search(String url) {
        return fhir.search().byUrl(url).returnBundle(Bundle.class).execute();
    }

    static String key(String personnummer) {
        Bundle patients = GatewayStack.get()
                .client()
                .search()
                .forResource(Patient.class)
                .where(Patient.IDENTIFIER
                        .exactly()
                        .systemAndCode(TestContracts.PNR_SYSTEM, personnummer.replace("-", "")))
                .returnBundle(Bundle.class)
                .execute();
        return patients.getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    private static List<String> ids(Bundle b) {
        return b.getEntry().stream()
                .filter(e -> e.getSearch().getMode() != SearchEntryMode.INCLUDE)
                .map(BundleEntryComponent::getResource)
                .map(r -> r.getIdElement().getIdPart())
                .toList();
    }
}
