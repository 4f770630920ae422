package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

/**
 * Inpatient episodes recorded through a real transition-service, read by HAPI's generic client as a
 * journal system: Encounter read, vread and search; the Communications and Tasks of an episode; 404
 * and 503 as OperationOutcomes.
 */
class EpisodeIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private final IGenericClient fhir = STACK.client();

    @Test
    void the_subject_of_an_encounter_can_be_read_even_without_a_contract() {
        var enc = fhir.read()
                .resource(org.hl7.fhir.r4.model.Encounter.class)
                .withId(STACK.episodes.ids.get("no-contract"))
                .execute();

        var patient = fhir.read()
                .resource(org.hl7.fhir.r4.model.Patient.class)
                .withUrl(enc.getSubject().getReference())
                .execute();

        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo("194001059874");
    }

    @Test
    void an_episode_is_an_inpatient_encounter_of_the_patient_with_its_versions() {
        String id = STACK.episodes.ids.get("discharged");

        Encounter enc = fhir.read().resource(Encounter.class).withId(id).execute();
        Encounter first =
                fhir.read().resource(Encounter.class).withIdAndVersion(id, "1").execute();

        assertThat(enc.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        assertThat(enc.getClass_().getCode()).isEqualTo("IMP");
        assertThat(enc.getSubject().getReference()).isEqualTo("Patient/" + CarePlanIT.tolvanKey());
        assertThat(enc.getServiceProvider().getIdentifier().getValue()).isEqualTo(TestEpisodes.HOSPITAL);
        assertThat(enc.getPeriod().hasStart()).isTrue();
        assertThat(enc.getPeriod().hasEnd()).isTrue();
        assertThat(Integer.parseInt(enc.getMeta().getVersionId())).isGreaterThan(1);
        assertThat(first.getMeta().getVersionId()).isEqualTo("1");
        assertThat(first.getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS);
        assertThat(first.getPeriod().hasEnd()).isFalse();
    }

    @Test
    void encounters_are_found_by_the_patients_identifier_and_by_status() {
        Bundle all = fhir.search()
                .byUrl("Encounter?patient.identifier=" + TestContracts.PNR_SYSTEM + "%7C" + TestContracts.TOLVAN)
                .returnBundle(Bundle.class)
                .execute();
        Bundle inHospital = fhir.search()
                .byUrl("Encounter?patient=Patient/" + CarePlanIT.tolvanKey() + "&status=in-progress")
                .returnBundle(Bundle.class)
                .execute();

        assertThat(ids(all))
                .containsExactlyInAnyOrder(
                        STACK.episodes.ids.get("utskrivningsklar"),
                        STACK.episodes.ids.get("discharged"),
                        STACK.episodes.ids.get("admitted"));
        assertThat(ids(inHospital))
                .containsExactlyInAnyOrder(
                        STACK.episodes.ids.get("utskrivningsklar"), STACK.episodes.ids.get("admitted"));
    }

    @Test
    void the_messages_of_an_episode_are_communications_with_receipts_makulering_and_atertagande() {
        String id = STACK.episodes.ids.get("utskrivningsklar");

        Bundle b = fhir.search()
                .byUrl("Communication?encounter=Encounter/" + id + "&_include=Communication:encounter")
                .returnBundle(Bundle.class)
                .execute();

        List<Communication> messages = b.getEntry().stream()
                .filter(e -> e.getSearch().getMode() == SearchEntryMode.MATCH)
                .map(e -> (Communication) e.getResource())
                .toList();
        assertThat(messages)
                .extracting(c -> c.getCategoryFirstRep().getCodingFirstRep().getCode())
                .containsExactlyInAnyOrder(
                        "inskrivningsmeddelande",
                        "planeringsunderlag",
                        "makulering",
                        "utskrivningsklar",
                        "atertagande-utskrivningsklar",
                        "utskrivningsklar");
        assertThat(b.getEntry())
                .filteredOn(e -> e.getSearch().getMode() == SearchEntryMode.INCLUDE)
                .extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly(id);
        Communication cancelled = messages.stream()
                .filter(c -> c.getIdElement().getIdPart().equals(STACK.episodes.cancelledMessage))
                .findFirst()
                .orElseThrow();
        assertThat(cancelled.getStatus()).isEqualTo(Communication.CommunicationStatus.ENTEREDINERROR);
        Communication notice = messages.stream()
                .filter(c ->
                        c.getCategoryFirstRep().getCodingFirstRep().getCode().equals("inskrivningsmeddelande"))
                .findFirst()
                .orElseThrow();
        assertThat(notice.getRecipient()).hasSize(2);
        assertThat(notice.getExtensionsByUrl("https://naravard.se/fhir/StructureDefinition/lus-receipt"))
                .hasSize(2);
        assertThat(messages).filteredOn(c -> c.hasInResponseTo()).hasSize(2);
        assertThat(fhir.search()
                        .byUrl("Communication?patient=Patient/" + CarePlanIT.tolvanKey())
                        .returnBundle(Bundle.class)
                        .execute()
                        .getEntry()
                        .size())
                .isGreaterThan(messages.size());
    }

    @Test
    void the_deadline_tasks_of_an_episode_are_tasks_with_due_times() {
        String id = STACK.episodes.ids.get("utskrivningsklar");

        Bundle b = fhir.search()
                .byUrl("Task?encounter=" + id)
                .returnBundle(Bundle.class)
                .execute();
        Bundle completed = fhir.search()
                .byUrl("Task?patient=Patient/" + CarePlanIT.tolvanKey() + "&status=completed")
                .returnBundle(Bundle.class)
                .execute();

        List<Task> tasks =
                b.getEntry().stream().map(e -> (Task) e.getResource()).toList();
        assertThat(tasks).isNotEmpty();
        assertThat(tasks).allSatisfy(t -> {
            assertThat(t.getIntent()).isEqualTo(Task.TaskIntent.ORDER);
            assertThat(t.getEncounter().getReference()).isEqualTo("Encounter/" + id);
            assertThat(t.getRestriction().getPeriod().hasEnd()).isTrue();
        });
        assertThat(tasks)
                .extracting(t -> t.getCode().getCodingFirstRep().getCode())
                .contains("admission-notice", "sip-call-in");
        assertThat(completed.getEntry())
                .extracting(e -> ((Task) e.getResource()).getStatus())
                .isNotEmpty()
                .containsOnly(Task.TaskStatus.COMPLETED);
    }

    @Test
    void an_encounter_search_brings_its_messages_and_tasks_by_revinclude_and_filters_by_date() {
        String id = STACK.episodes.ids.get("discharged");
        Bundle b = fhir.search()
                .byUrl("Encounter?_id=" + id + "&_revinclude=Communication:encounter&_revinclude=Task:encounter")
                .returnBundle(Bundle.class)
                .execute();
        Bundle none = fhir.search()
                .byUrl("Encounter?patient=Patient/" + CarePlanIT.tolvanKey() + "&date=lt2000-01-01")
                .returnBundle(Bundle.class)
                .execute();
        Bundle all = fhir.search()
                .byUrl("Encounter?patient=Patient/" + CarePlanIT.tolvanKey()
                        + "&date=ge2000-01-01&_lastUpdated=gt2000-01-01")
                .returnBundle(Bundle.class)
                .execute();

        assertThat(b.getTotal()).isEqualTo(1);
        assertThat(b.getEntry())
                .filteredOn(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)
                .extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly(id);
        assertThat(b.getEntry())
                .filteredOn(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE)
                .extracting(e -> e.getResource().fhirType())
                .contains("Communication", "Task")
                .containsOnly("Communication", "Task");
        assertThat(none.getTotal()).isZero();
        assertThat(all.getTotal()).isEqualTo(3);
    }

    @Test
    void an_unknown_episode_is_404_with_an_operation_outcome() {
        assertThatThrownBy(() -> fhir.read()
                        .resource(Encounter.class)
                        .withId("00000000-0000-4000-8000-000000000000")
                        .execute())
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(CarePlanIT.issue(e)
                                .getDetails()
                                .getCodingFirstRep()
                                .getCode())
                        .isEqualTo("GATEWAY-010"));
        assertThatThrownBy(() ->
                        fhir.read().resource(Encounter.class).withId("nope").execute())
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void a_search_must_name_a_patient_or_an_encounter() {
        assertThatThrownBy(() -> fhir.search()
                        .byUrl("Task?status=requested")
                        .returnBundle(Bundle.class)
                        .execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(CarePlanIT.issue(e)
                                    .getDetails()
                                    .getCodingFirstRep()
                                    .getCode())
                            .isEqualTo("GATEWAY-004");
                });
    }

    @Test
    void a_stopped_transition_service_is_503_and_contracts_still_answer() {
        try (GatewayInstance alone = GatewayInstance.start(STACK.contractService.baseUri())) {
            IGenericClient client = GatewayStack.client(alone.fhirBase());

            assertThatThrownBy(() -> client.read()
                            .resource(Encounter.class)
                            .withId(STACK.episodes.ids.get("admitted"))
                            .execute())
                    .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(503);
                        assertThat(CarePlanIT.issue(e)
                                        .getDetails()
                                        .getCodingFirstRep()
                                        .getCode())
                                .isEqualTo("GATEWAY-020");
                        assertThat(CarePlanIT.issue(e).getDiagnostics()).contains("transition-service");
                    });
            assertThat(client.read()
                            .resource(org.hl7.fhir.r4.model.CarePlan.class)
                            .withId(STACK.contracts.ids.get("active"))
                            .execute()
                            .getStatus())
                    .isEqualTo(org.hl7.fhir.r4.model.CarePlan.CarePlanStatus.ACTIVE);
        }
    }

    private static List<String> ids(Bundle b) {
        return b.getEntry().stream()
                .map(BundleEntryComponent::getResource)
                .map(r -> r.getIdElement().getIdPart())
                .toList();
    }
}
