package se.naravard.transition.episode;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.transition.episode.EpisodeFixture.anEpisode;
import static se.naravard.transition.episode.EpisodeFixture.change;
import static se.naravard.transition.episode.EpisodeFixture.local;
import static se.naravard.transition.episode.EpisodeFixture.message;
import static se.naravard.transition.episode.EpisodeFixture.onlyRejection;
import static se.naravard.transition.episode.EpisodeFixture.send;
import static se.naravard.transition.episode.EpisodeFixture.sent;
import static se.naravard.transition.episode.EpisodeFixture.typeNames;
import static se.naravard.transition.episode.MessageType.ATERTAGANDE_UTSKRIVNINGSKLAR;
import static se.naravard.transition.episode.MessageType.INSKRIVNINGSMEDDELANDE;
import static se.naravard.transition.episode.MessageType.KALLELSE_SIP;
import static se.naravard.transition.episode.MessageType.MAKULERING;
import static se.naravard.transition.episode.MessageType.PATIENT_AVLIDEN;
import static se.naravard.transition.episode.MessageType.PLANERINGSUNDERLAG;
import static se.naravard.transition.episode.MessageType.UTSKRIVNINGSKLAR;
import static se.naravard.transition.episode.MessageType.UTSKRIVNINGSMEDDELANDE;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.naravard.transition.episode.EpisodeStatus.Kind;

/** The LUS message sequence of one episode (DOMAIN.md §5 steps 1–7; issue 4 "Domain"). */
class EpisodeSequenceTest {

    // DOMAIN.md §5 step 1: both the admission and the assessment time are stored.
    @Test
    void admission_creates_version_one_with_both_times_and_a_patient_admitted_event() {
        // given
        var fixture = anEpisode();
        // when
        var decision = fixture.admitDecision();
        // then
        var episode = EpisodeFixture.accepted(decision).episode();
        assertThat(episode.version()).isEqualTo(1);
        assertThat(episode.status().kind()).isEqualTo(Kind.ADMITTED);
        assertThat(episode.admission().physicianAssessedAt()).isEqualTo(local("2026-03-02T09:00"));
        assertThat(typeNames(decision)).containsExactly("patient-admitted");
    }

    // DOMAIN.md §5 step 1: the clock runs from the assessment, which belongs to this admission [DESIGN].
    @Test
    void assessment_before_admission_is_refused() {
        // given
        var fixture = anEpisode().assessedAt("2026-03-02T07:00");
        // when
        var rejection = onlyRejection(fixture.admitDecision());
        // then
        assertThat(rejection.code()).isEqualTo("TRANSITION-301");
        assertThat(rejection.field()).isEqualTo("/physicianAssessedAt");
    }

    // DOMAIN.md §5 step 2: the expected discharge date cannot precede the admission.
    @Test
    void expected_discharge_date_before_admission_is_refused() {
        // given
        var fixture = anEpisode().expectedDischargeDate("2026-03-01");
        // when / then
        assertThat(onlyRejection(fixture.admitDecision()).code()).isEqualTo("TRANSITION-302");
    }

    // DOMAIN.md §5 step 4 / issue 4: utskrivningsklar before admission is an illegal sequence.
    @Test
    void utskrivningsklar_before_admission_is_refused() {
        // given
        var episode = anEpisode().admit();
        // when
        var rejection = onlyRejection(send(episode, message(UTSKRIVNINGSKLAR, "2026-03-02T07:59")));
        // then
        assertThat(rejection.code()).isEqualTo("TRANSITION-305");
        assertThat(rejection.field()).isEqualTo("/sentAt");
    }

    // DOMAIN.md §5 step 4: one standing notice at a time.
    @Test
    void utskrivningsklar_when_already_utskrivningsklar_is_refused() {
        // given
        var episode = sent(anEpisode().admit(), message(UTSKRIVNINGSKLAR, "2026-03-05T10:00"));
        // when
        var rejection = onlyRejection(send(episode, message(UTSKRIVNINGSKLAR, "2026-03-05T11:00")));
        // then
        assertThat(rejection.code()).isEqualTo("TRANSITION-308");
        assertThat(rejection.field()).isEqualTo("/type");
    }

    // DOMAIN.md §5 step 4 (återtagande): a withdrawal needs a notice to withdraw.
    @Test
    void withdrawal_when_not_utskrivningsklar_is_refused() {
        // given
        var episode = anEpisode().admit();
        // when
        var rejection = onlyRejection(send(episode, message(ATERTAGANDE_UTSKRIVNINGSKLAR, "2026-03-05T10:00")));
        // then
        assertThat(rejection.code()).isEqualTo("TRANSITION-309");
    }

    // DOMAIN.md §5 step 4: the återtagande names the notice it withdraws.
    @Test
    void withdrawal_naming_another_message_is_refused() {
        // given
        var episode = sent(anEpisode().admit(), message(UTSKRIVNINGSKLAR, "2026-03-05T10:00"));
        // when
        var withdrawal =
                message(ATERTAGANDE_UTSKRIVNINGSKLAR, "2026-03-05T12:00").referringTo(MessageId.random());
        var rejection = onlyRejection(send(episode, withdrawal));
        // then
        assertThat(rejection.code()).isEqualTo("TRANSITION-310");
        assertThat(rejection.field()).isEqualTo("/refersTo");
    }

    // DOMAIN.md §5 step 4: withdrawn, then utskrivningsklar again; the new notice time counts.
    @Test
    void renewed_utskrivningsklar_after_withdrawal_is_accepted_with_the_new_notice_time() {
        // given
        var notice = message(UTSKRIVNINGSKLAR, "2026-03-05T10:00");
        var episode = sent(anEpisode().admit(), notice);
        episode = sent(
                episode,
                message(ATERTAGANDE_UTSKRIVNINGSKLAR, "2026-03-06T09:00").referringTo(notice.id()));
        assertThat(episode.status().kind()).isEqualTo(Kind.ADMITTED);
        // when
        var renewed = sent(episode, message(UTSKRIVNINGSKLAR, "2026-03-08T14:00"));
        // then
        assertThat(renewed.status()).isEqualTo(new EpisodeStatus.Utskrivningsklar(local("2026-03-08T14:00")));
        assertThat(renewed.version()).isEqualTo(episode.version() + 1);
        assertThat(renewed.lastChange().at()).isEqualTo(local("2026-03-08T14:00"));
    }

    // Issue 4: a second discharge is an illegal sequence.
    @Test
    void second_discharge_is_refused() {
        // given
        var episode = EpisodeFixture.accepted(
                        anEpisode().admit().discharge(local("2026-03-09T11:00"), change(local("2026-03-09T11:00"))))
                .episode();
        // when
        var rejection = onlyRejection(episode.discharge(local("2026-03-10T11:00"), change(local("2026-03-10T11:00"))));
        // then
        assertThat(rejection.code()).isEqualTo("TRANSITION-314");
        assertThat(rejection.field()).isEqualTo("/at");
    }

    // DOMAIN.md §5 "Message set": makulering marks the referred message entered-in-error [PRACTICE].
    @Test
    void makulering_marks_the_message_cancelled_and_undoes_its_status() {
        // given
        var notice = message(UTSKRIVNINGSKLAR, "2026-03-05T10:00");
        var episode = sent(anEpisode().admit(), notice);
        // when
        var decision = send(episode, message(MAKULERING, "2026-03-05T10:30").referringTo(notice.id()));
        // then
        var after = EpisodeFixture.accepted(decision).episode();
        assertThat(after.message(notice.id()).orElseThrow().isCancelled()).isTrue();
        assertThat(after.status().kind()).isEqualTo(Kind.ADMITTED);
        assertThat(typeNames(decision)).startsWith("message-sent", "message-cancelled");
    }

    // Issue 4: anything after makulering of the same message is refused; a second makulering too.
    @Test
    void second_makulering_of_the_same_message_is_refused() {
        // given
        var planning = message(PLANERINGSUNDERLAG, "2026-03-03T10:00");
        var episode = sent(anEpisode().admit(), planning);
        episode = sent(episode, message(MAKULERING, "2026-03-03T11:00").referringTo(planning.id()));
        // when
        var rejection = onlyRejection(
                send(episode, message(MAKULERING, "2026-03-03T12:00").referringTo(planning.id())));
        // then
        assertThat(rejection.code()).isEqualTo("TRANSITION-311");
        assertThat(rejection.field()).isEqualTo("/refersTo");
    }

    // Issue 4: anything after makulering: an återtagande of a cancelled notice is refused.
    @Test
    void withdrawal_of_a_cancelled_notice_is_refused() {
        // given
        var notice = message(UTSKRIVNINGSKLAR, "2026-03-05T10:00");
        var episode = sent(anEpisode().admit(), notice);
        episode = sent(episode, message(MAKULERING, "2026-03-05T10:30").referringTo(notice.id()));
        // when
        var withdrawal =
                message(ATERTAGANDE_UTSKRIVNINGSKLAR, "2026-03-05T11:00").referringTo(notice.id());
        // then
        assertThat(onlyRejection(send(episode, withdrawal)).code()).isEqualTo("TRANSITION-311");
    }

    // DOMAIN.md §5 "Message set": a makulering must name a message of this episode.
    @Test
    void makulering_of_an_unknown_message_is_refused() {
        // given
        var episode = anEpisode().admit();
        // when
        var rejection = onlyRejection(
                send(episode, message(MAKULERING, "2026-03-03T12:00").referringTo(MessageId.random())));
        // then
        assertThat(rejection.code()).isEqualTo("TRANSITION-310");
    }

    // DOMAIN.md §5 "Message set" (patient avliden [PRACTICE]): a closed episode takes only makulering [DESIGN].
    @Test
    void message_after_the_patient_died_is_refused_but_makulering_is_accepted() {
        // given
        var death = message(PATIENT_AVLIDEN, "2026-03-04T03:00");
        var episode = sent(anEpisode().admit(), death);
        assertThat(episode.status())
                .isEqualTo(new EpisodeStatus.Closed(EpisodeStatus.ClosedReason.DECEASED, local("2026-03-04T03:00")));
        // when
        var refused = send(episode, message(PLANERINGSUNDERLAG, "2026-03-04T09:00"));
        var cancelled = send(episode, message(MAKULERING, "2026-03-04T09:00").referringTo(death.id()));
        // then
        assertThat(onlyRejection(refused).code()).isEqualTo("TRANSITION-312");
        assertThat(EpisodeFixture.accepted(cancelled).episode().status().kind()).isEqualTo(Kind.ADMITTED);
    }

    // DOMAIN.md §5 steps 6–7: after discharge only same-day information, SIP call-in and makulering [DESIGN].
    @Test
    void after_discharge_only_same_day_utskrivningsmeddelande_and_sip_call_in_are_accepted() {
        // given
        var episode = EpisodeFixture.accepted(
                        anEpisode().admit().discharge(local("2026-03-09T11:00"), change(local("2026-03-09T11:00"))))
                .episode();
        // when / then
        EpisodeFixture.accepted(send(episode, message(UTSKRIVNINGSMEDDELANDE, "2026-03-09T23:00")));
        EpisodeFixture.accepted(send(episode, message(KALLELSE_SIP, "2026-03-10T09:00")));
        assertThat(onlyRejection(send(episode, message(UTSKRIVNINGSMEDDELANDE, "2026-03-10T00:30")))
                        .code())
                .isEqualTo("TRANSITION-313");
        assertThat(onlyRejection(send(episode, message(UTSKRIVNINGSKLAR, "2026-03-09T12:00")))
                        .code())
                .isEqualTo("TRANSITION-313");
    }

    // DOMAIN.md §5 "Message set": messages go to affected units; none is no message.
    @Test
    void message_without_addressee_is_refused() {
        // given
        var episode = anEpisode().admit();
        var m = Message.of(
                MessageId.random(), INSKRIVNINGSMEDDELANDE, local("2026-03-02T10:00"), EpisodeFixture.WARD, List.of());
        // when
        var rejection = onlyRejection(send(episode, m));
        // then
        assertThat(rejection.code()).isEqualTo("TRANSITION-303");
        assertThat(rejection.field()).isEqualTo("/addressees");
    }

    // Issue 4 "Messages": a municipal unit is addressed by kommunkod and HSA-id.
    @Test
    void municipal_addressee_without_kommun_is_refused_naming_the_addressee() {
        // given
        var episode = anEpisode().admit();
        var m = Message.of(
                MessageId.random(),
                INSKRIVNINGSMEDDELANDE,
                local("2026-03-02T10:00"),
                EpisodeFixture.WARD,
                List.of(
                        Addressee.primaryCare(EpisodeFixture.PRIMARY_CARE),
                        new Addressee(Addressee.Kind.MUNICIPAL, EpisodeFixture.MUNICIPAL_UNIT, null)));
        // when
        var rejection = onlyRejection(send(episode, m));
        // then
        assertThat(rejection.code()).isEqualTo("TRANSITION-304");
        assertThat(rejection.field()).isEqualTo("/addressees/1/kommun");
    }

    // DOMAIN.md §5 "Message set": deadlines run from sentAt, so sentAt must be in recorded order [DESIGN].
    @Test
    void message_dated_before_the_last_recorded_message_is_refused() {
        // given
        var episode = sent(anEpisode().admit(), message(PLANERINGSUNDERLAG, "2026-03-03T10:00"));
        // when
        var rejection = onlyRejection(send(episode, message(PLANERINGSUNDERLAG, "2026-03-03T09:00")));
        // then
        assertThat(rejection.code()).isEqualTo("TRANSITION-306");
    }

    // Message ids are the key for receipts and makulering.
    @Test
    void the_same_message_id_twice_is_refused() {
        // given
        var m = message(PLANERINGSUNDERLAG, "2026-03-03T10:00");
        var episode = sent(anEpisode().admit(), m);
        // when
        var rejection = onlyRejection(episode.send(m, change(local("2026-03-03T11:00"))));
        // then
        assertThat(rejection.code()).isEqualTo("TRANSITION-307");
        assertThat(rejection.field()).isEqualTo("/id");
    }

    // DOMAIN.md §5 "Message set" (patient avliden/flyttad/avbrott [PRACTICE]): a closed episode is not discharged.
    @Test
    void discharge_of_a_closed_episode_is_refused() {
        // given
        var episode = sent(anEpisode().admit(), message(MessageType.PATIENT_FLYTTAD, "2026-03-04T10:00"));
        // when
        var rejection = onlyRejection(episode.discharge(local("2026-03-05T10:00"), change(local("2026-03-05T10:00"))));
        // then
        assertThat(rejection.code()).isEqualTo("TRANSITION-312");
        assertThat(rejection.field()).isEqualTo("/at");
    }

    // DOMAIN.md §5: the episode starts at admission; a discharge cannot precede it.
    @Test
    void discharge_before_admission_is_refused() {
        // given
        var episode = anEpisode().admit();
        // when
        var rejection = onlyRejection(episode.discharge(local("2026-03-01T10:00"), change(local("2026-03-02T10:00"))));
        // then
        assertThat(rejection.code()).isEqualTo("TRANSITION-305");
    }
}
