package se.naravard.gateway.encounter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.naravard.gateway.EpisodeFixtures;
import se.naravard.gateway.communication.CommunicationMapper;
import se.naravard.gateway.fhir.Systems;
import se.naravard.gateway.task.TaskMapper;
import se.naravard.gateway.transition.TransitionDocs.Episode;

/** The episode → Encounter, Communication and Task mappings of docs/fhir.md. */
class EpisodeMappingTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @ParameterizedTest
    @CsvSource({
        "admitted, in-progress, false",
        "utskrivningsklar, in-progress, false",
        "discharged, finished, true",
        "closed-deceased, finished, true",
        "closed-moved, finished, true",
        "closed-interrupted, cancelled, true"
    })
    void the_encounter_status_follows_the_episode(String status, String fhirStatus, boolean ended) {
        Encounter enc = EncounterMapper.toEncounter(EpisodeFixtures.episode(status), KEY);

        assertThat(enc.getStatus().toCode()).isEqualTo(fhirStatus);
        assertThat(enc.getPeriod().hasEnd()).isEqualTo(ended);
    }

    @Test
    void an_encounter_is_inpatient_with_the_admitting_unit_and_the_lus_extensions() {
        Episode e = EpisodeFixtures.episode("utskrivningsklar");

        Encounter enc = EncounterMapper.toEncounter(e, KEY);

        assertThat(enc.getIdElement().getIdPart()).isEqualTo(EpisodeFixtures.EPISODE);
        assertThat(enc.getMeta().getVersionId()).isEqualTo(Integer.toString(e.version()));
        assertThat(enc.getClass_().getCode()).isEqualTo("IMP");
        assertThat(enc.getSubject().getReference()).isEqualTo("Patient/" + KEY);
        assertThat(enc.getServiceProvider().getIdentifier().getValue()).isEqualTo(EpisodeFixtures.HOSPITAL);
        assertThat(enc.getExtensionByUrl(Systems.EXT_KOMMUN).getValue().primitiveValue())
                .isEqualTo("0680");
        assertThat(((BooleanType) enc.getExtensionByUrl(Systems.EXT_NEEDS_BOTH_PRINCIPALS)
                                .getValue())
                        .booleanValue())
                .isTrue();
        assertThat(enc.hasExtension(Systems.EXT_UTSKRIVNINGSKLAR)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"utskrivningsklar, EM, emergency", "discharged, R, routine", "bare, , "})
    void an_unplanned_admission_is_priority_emergency_a_planned_one_routine_an_unknown_one_none(
            String status, String code, String display) {
        Encounter enc = EncounterMapper.toEncounter(EpisodeFixtures.episode(status), KEY);

        assertThat(enc.hasPriority()).isEqualTo(code != null);
        if (code != null) {
            assertThat(enc.getPriority().getCodingFirstRep().getSystem())
                    .isEqualTo("http://terminology.hl7.org/CodeSystem/v3-ActPriority");
            assertThat(enc.getPriority().getCodingFirstRep().getCode()).isEqualTo(code);
            assertThat(enc.getPriority().getCodingFirstRep().getDisplay()).isEqualTo(display);
        }
    }

    @Test
    void messages_carry_type_receipts_and_what_they_withdraw_or_cancel() {
        List<Communication> all =
                CommunicationMapper.toCommunications(EpisodeFixtures.episode("utskrivningsklar"), KEY);

        Communication admission = all.get(0);
        assertThat(admission.getIdElement().getIdPart()).isEqualTo(EpisodeFixtures.ADMISSION_MESSAGE);
        assertThat(admission.getCategoryFirstRep().getCodingFirstRep().getCode())
                .isEqualTo("inskrivningsmeddelande");
        assertThat(admission.getEncounter().getReference()).isEqualTo("Encounter/" + EpisodeFixtures.EPISODE);
        assertThat(admission.getRecipient()).hasSize(2);
        List<Extension> receipts = admission.getExtensionsByUrl(Systems.EXT_RECEIPT);
        assertThat(receipts).hasSize(2);
        assertThat(receipts.get(1).getExtensionByUrl("status").getValue().primitiveValue())
                .isEqualTo("fatal-error");
        assertThat(all.get(1).getStatus()).isEqualTo(Communication.CommunicationStatus.ENTEREDINERROR);
        assertThat(all.get(2).getInResponseToFirstRep().getReference())
                .isEqualTo("Communication/" + all.get(1).getIdElement().getIdPart());
        assertThat(all.get(4).getInResponseToFirstRep().getReference())
                .isEqualTo("Communication/" + all.get(3).getIdElement().getIdPart());
    }

    @Test
    void deadline_tasks_are_requested_completed_or_failed_with_due_time_and_owner() {
        List<Task> tasks = TaskMapper.toTasks(EpisodeFixtures.episode("utskrivningsklar"), KEY);

        assertThat(tasks)
                .extracting(t -> t.getStatus().toCode())
                .containsExactly("completed", "failed", "requested", "failed");
        Task receipt = tasks.get(1);
        assertThat(receipt.getIntent()).isEqualTo(Task.TaskIntent.ORDER);
        assertThat(receipt.getCode().getCodingFirstRep().getCode()).isEqualTo("receipt");
        assertThat(receipt.getOwner().getIdentifier().getValue()).isEqualTo(EpisodeFixtures.PRIMARY);
        assertThat(receipt.getFocus().getReference()).isEqualTo("Communication/" + EpisodeFixtures.ADMISSION_MESSAGE);
        assertThat(receipt.getRestriction().getPeriod().getEndElement().getValueAsString())
                .isEqualTo("2026-11-22T12:05:00+00:00");
        assertThat(tasks.get(0).getExecutionPeriod().getEndElement().getValueAsString())
                .isEqualTo("2026-11-22T10:05:00+00:00");
        assertThat(tasks.get(3).getExecutionPeriod().hasEnd()).isTrue();
        assertThat(tasks.get(0).getOwner().getIdentifier().getValue()).isEqualTo(EpisodeFixtures.HOSPITAL);
    }
}
