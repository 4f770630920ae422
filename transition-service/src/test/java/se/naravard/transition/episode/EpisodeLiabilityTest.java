package se.naravard.transition.episode;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.transition.episode.EpisodeFixture.accepted;
import static se.naravard.transition.episode.EpisodeFixture.anEpisode;
import static se.naravard.transition.episode.EpisodeFixture.change;
import static se.naravard.transition.episode.EpisodeFixture.local;
import static se.naravard.transition.episode.EpisodeFixture.message;
import static se.naravard.transition.episode.EpisodeFixture.sent;
import static se.naravard.transition.episode.MessageType.ATERTAGANDE_UTSKRIVNINGSKLAR;
import static se.naravard.transition.episode.MessageType.INSKRIVNINGSMEDDELANDE;
import static se.naravard.transition.episode.MessageType.KALLELSE_SIP;
import static se.naravard.transition.episode.MessageType.MAKULERING;
import static se.naravard.transition.episode.MessageType.PATIENT_AVLIDEN;
import static se.naravard.transition.episode.MessageType.UTSKRIVNINGSKLAR;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.naravard.transition.agreement.Precondition;
import se.naravard.transition.agreement.TestAgreements;
import se.naravard.transition.liability.LiabilityCalculator;
import se.naravard.transition.liability.Withdrawal;

/** Payment-liability facts derived from the episode's own messages (DOMAIN.md §5 "Payment liability"). */
class EpisodeLiabilityTest {

    private static final LocalDate AS_OF = LocalDate.parse("2026-03-20");

    // DOMAIN.md §5 "Payment liability": liability counts from the utskrivningsklar notice; none without it.
    @Test
    void no_liability_case_without_an_utskrivningsklar_notice() {
        // given
        var episode = anEpisode().admit();
        // when / then
        assertThat(episode.liabilityCase(AS_OF, Set.of())).isEmpty();
    }

    // DOMAIN.md §5 step 4 and "Payment liability": notice, withdrawal, renewal and discharge from the messages.
    @Test
    void liability_case_takes_notice_withdrawal_renewal_and_discharge_from_the_messages() {
        // given
        var notice = message(UTSKRIVNINGSKLAR, "2026-03-05T10:00");
        var episode = sent(anEpisode().admit(), message(INSKRIVNINGSMEDDELANDE, "2026-03-02T10:00"));
        episode = sent(episode, notice);
        episode = sent(
                episode,
                message(ATERTAGANDE_UTSKRIVNINGSKLAR, "2026-03-06T09:00").referringTo(notice.id()));
        episode = sent(episode, message(UTSKRIVNINGSKLAR, "2026-03-08T14:00"));
        episode = accepted(episode.discharge(local("2026-03-12T11:00"), change(local("2026-03-12T11:00"))))
                .episode();
        // when
        var facts = episode.liabilityCase(AS_OF, Set.of(Precondition.FAST_VARDKONTAKT_APPOINTED))
                .orElseThrow();
        // then
        assertThat(facts.utskrivningsklarSentAt()).isEqualTo(local("2026-03-05T10:00"));
        assertThat(facts.withdrawals())
                .containsExactly(new Withdrawal(local("2026-03-06T09:00"), local("2026-03-08T14:00")));
        assertThat(facts.dischargedAt()).isEqualTo(local("2026-03-12T11:00"));
        assertThat(facts.fulfilled())
                .containsExactlyInAnyOrder(
                        Precondition.ADMISSION_NOTICE_IN_TIME,
                        Precondition.UTSKRIVNINGSKLAR_SENT,
                        Precondition.FAST_VARDKONTAKT_APPOINTED);
        assertThat(new LiabilityCalculator()
                        .calculate(facts, TestAgreements.defaultAgreement())
                        .rejections())
                .isEmpty();
    }

    // DOMAIN.md §5 "typical preconditions": the messages, not the caller, prove the admission notice in time.
    @Test
    void liability_case_ignores_a_claimed_admission_notice_the_messages_do_not_show() {
        // given a notice, but no inskrivningsmeddelande
        var episode = sent(anEpisode().admit(), message(UTSKRIVNINGSKLAR, "2026-03-05T10:00"));
        // when
        var facts = episode.liabilityCase(AS_OF, Set.of(Precondition.ADMISSION_NOTICE_IN_TIME))
                .orElseThrow();
        // then
        assertThat(facts.fulfilled()).doesNotContain(Precondition.ADMISSION_NOTICE_IN_TIME);
        assertThat(facts.withdrawals()).isEmpty();
        assertThat(facts.dischargedAt()).isNull();
    }

    // Makulering: a cancelled notice is no evidence; the next standing notice counts.
    @Test
    void liability_case_skips_a_cancelled_notice() {
        // given
        var wrong = message(UTSKRIVNINGSKLAR, "2026-03-05T10:00");
        var episode = sent(anEpisode().admit(), wrong);
        episode = sent(episode, message(MAKULERING, "2026-03-05T10:30").referringTo(wrong.id()));
        episode = sent(episode, message(UTSKRIVNINGSKLAR, "2026-03-07T09:00"));
        // when
        var facts = episode.liabilityCase(AS_OF, Set.of()).orElseThrow();
        // then
        assertThat(facts.utskrivningsklarSentAt()).isEqualTo(local("2026-03-07T09:00"));
    }

    // Precondition FAST_VARDKONTAKT_APPOINTED: required where both principals act; the kallelse till SIP,
    // sent by the fast vårdkontakt (DOMAIN.md §5 step 5), is its evidence.
    @Test
    void a_kallelse_till_sip_proves_the_fast_vardkontakt_where_both_principals_act() {
        // given
        var episode = sent(anEpisode().admit(), message(UTSKRIVNINGSKLAR, "2026-03-05T10:00"));
        // when
        var before = episode.liabilityCase(AS_OF, Set.of()).orElseThrow();
        var after = sent(episode, message(KALLELSE_SIP, "2026-03-06T10:00"))
                .liabilityCase(AS_OF, Set.of())
                .orElseThrow();
        // then
        assertThat(before.fulfilled()).doesNotContain(Precondition.FAST_VARDKONTAKT_APPOINTED);
        assertThat(after.fulfilled())
                .contains(Precondition.FAST_VARDKONTAKT_APPOINTED, Precondition.SIP_CALLED_WHERE_REQUIRED);
    }

    // Precondition FAST_VARDKONTAKT_APPOINTED applies "where both principals must act" only.
    @Test
    void no_fast_vardkontakt_is_required_when_only_one_principal_acts() {
        // given
        var episode =
                sent(anEpisode().needsBothPrincipals(false).admit(), message(UTSKRIVNINGSKLAR, "2026-03-05T10:00"));
        // when
        var facts = episode.liabilityCase(AS_OF, Set.of()).orElseThrow();
        // then
        assertThat(facts.fulfilled())
                .contains(Precondition.FAST_VARDKONTAKT_APPOINTED, Precondition.SIP_CALLED_WHERE_REQUIRED);
    }

    // DOMAIN.md §5 "Payment liability": liability ends when the patient leaves hospital care; a closing
    // message (patient deceased) ends it like a discharge.
    @Test
    void a_closing_message_ends_the_liability_like_a_discharge() {
        // given
        var episode = sent(anEpisode().admit(), message(UTSKRIVNINGSKLAR, "2026-03-05T10:00"));
        episode = sent(episode, message(PATIENT_AVLIDEN, "2026-03-10T03:00"));
        // when
        var facts = episode.liabilityCase(AS_OF, Set.of()).orElseThrow();
        // then
        assertThat(episode.leftAt()).isEqualTo(local("2026-03-10T03:00"));
        assertThat(facts.dischargedAt()).isEqualTo(local("2026-03-10T03:00"));
    }
}
