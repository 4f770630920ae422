package se.naravard.transition.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.platform.identity.PatientIdentifier;
import se.naravard.transition.episode.Addressee;
import se.naravard.transition.episode.Admission;
import se.naravard.transition.episode.AdmissionKind;
import se.naravard.transition.episode.Change;
import se.naravard.transition.episode.Decision;
import se.naravard.transition.episode.Episode;
import se.naravard.transition.episode.EpisodeId;
import se.naravard.transition.episode.EpisodeRules;
import se.naravard.transition.episode.Message;
import se.naravard.transition.episode.MessageId;
import se.naravard.transition.episode.MessageType;
import se.naravard.transition.episode.Receipt;
import se.naravard.transition.episode.ReceiptKind;
import se.naravard.transition.episode.ReceiptStatus;

/** The stored document is the evidence: a round trip must give back exactly the same episode. */
class EpisodeDocumentsTest {

    static final HsaId WARD = HsaId.of("SE2321000057-WARD1");
    static final HsaId NURSE = HsaId.of("SE2321000057-P0001");
    static final HsaId MUNICIPAL = HsaId.of("SE2120000589-HEM1");
    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void an_episode_in_every_kind_of_state_survives_a_round_trip() {
        var rules = EpisodeRules.defaults();
        var episode = accepted(Episode.admit(
                new Admission(
                        EpisodeId.random(),
                        PatientIdentifier.parse("19121212-1212"),
                        WARD,
                        Kommunkod.of("0680"),
                        T0,
                        T0.plusSeconds(600),
                        java.time.LocalDate.parse("2026-03-09"),
                        true,
                        true,
                        AdmissionKind.UNPLANNED),
                change(T0),
                rules));
        var notice = Message.of(
                MessageId.random(),
                MessageType.INSKRIVNINGSMEDDELANDE,
                T0.plusSeconds(3600),
                WARD,
                List.of(Addressee.municipal(MUNICIPAL, Kommunkod.of("0680")), Addressee.primaryCare(WARD)));
        episode = accepted(episode.send(notice, change(T0.plusSeconds(3600))));
        episode = accepted(episode.recordReceipt(
                notice.id(),
                new Receipt(
                        MUNICIPAL,
                        ReceiptStatus.FATAL_ERROR,
                        T0.plusSeconds(3700),
                        "unknown unit",
                        ReceiptKind.AUTOMATIC),
                change(T0.plusSeconds(3700))));
        var ready = Message.of(
                MessageId.random(),
                MessageType.UTSKRIVNINGSKLAR,
                T0.plusSeconds(86_400),
                WARD,
                List.of(Addressee.municipal(MUNICIPAL, Kommunkod.of("0680"))));
        episode = accepted(episode.send(ready, change(T0.plusSeconds(86_400))));
        episode = accepted(episode.sweep(T0.plusSeconds(10 * 86_400)));
        episode = accepted(episode.discharge(T0.plusSeconds(11 * 86_400), change(T0.plusSeconds(11 * 86_400))));

        var document = EpisodeDocuments.toDocument(episode);
        var back = EpisodeDocuments.fromDocument(document, rules);

        assertThat(back).isEqualTo(episode);
        assertThat(document.tasks()).extracting(t -> t.state()).contains("met", "missed", "open");
        assertThat(document.status().code()).isEqualTo("discharged");
        assertThat(document.admissionKind()).as("kept in every later version").isEqualTo("unplanned");
    }

    @Test
    void an_admission_of_unknown_kind_has_no_admission_kind_and_reads_back_as_unknown() {
        var rules = EpisodeRules.defaults();
        var admission = new Admission(
                EpisodeId.random(),
                PatientIdentifier.parse("19121212-1212"),
                WARD,
                Kommunkod.of("0680"),
                T0,
                T0,
                null,
                false,
                false);
        var planned = new Admission(
                admission.id(),
                admission.patient(),
                WARD,
                admission.kommun(),
                T0,
                T0,
                null,
                false,
                false,
                AdmissionKind.PLANNED);

        var unknown = EpisodeDocuments.toDocument(accepted(Episode.admit(admission, change(T0), rules)));
        var known = EpisodeDocuments.toDocument(accepted(Episode.admit(planned, change(T0), rules)));

        assertThat(unknown.admissionKind()).isNull();
        assertThat(EpisodeDocuments.fromDocument(unknown, rules).admission().kind())
                .isNull();
        assertThat(known.admissionKind()).isEqualTo("planned");
        assertThat(EpisodeDocuments.fromDocument(known, rules).admission().kind())
                .isEqualTo(AdmissionKind.PLANNED);
    }

    @Test
    void a_task_keeps_its_id_from_version_to_version() {
        var id = new EpisodeId(UUID.fromString("6f1c2d4e-1111-4a4a-9b9b-000000000001"));
        var task = new se.naravard.transition.episode.DeadlineTask(
                se.naravard.transition.episode.TaskKind.ADMISSION_NOTICE,
                T0,
                null,
                null,
                new se.naravard.transition.deadline.DeadlineState.Open(),
                null);
        var met = new se.naravard.transition.episode.DeadlineTask(
                task.kind(), task.dueAt(), null, null, new se.naravard.transition.deadline.DeadlineState.Met(T0), null);

        assertThat(EpisodeDocuments.taskId(id, met)).isEqualTo(EpisodeDocuments.taskId(id, task));
    }

    @Test
    void codes_are_lower_case_with_hyphens_both_ways() {
        assertThat(Codes.of(MessageType.ATERTAGANDE_UTSKRIVNINGSKLAR)).isEqualTo("atertagande-utskrivningsklar");
        assertThat(Codes.parse(MessageType.class, "kallelse-sip")).contains(MessageType.KALLELSE_SIP);
        assertThat(Codes.parse(MessageType.class, "KALLELSE_SIP")).isEmpty();
    }

    private static Change change(Instant at) {
        return new Change(NURSE, WARD, at);
    }

    private static Episode accepted(Decision d) {
        assertThat(d).isInstanceOf(Decision.Accepted.class);
        return ((Decision.Accepted) d).episode();
    }
}
