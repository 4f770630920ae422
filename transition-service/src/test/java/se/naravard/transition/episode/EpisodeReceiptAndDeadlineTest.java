package se.naravard.transition.episode;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.transition.episode.EpisodeFixture.MUNICIPAL_UNIT;
import static se.naravard.transition.episode.EpisodeFixture.PRIMARY_CARE;
import static se.naravard.transition.episode.EpisodeFixture.accepted;
import static se.naravard.transition.episode.EpisodeFixture.anEpisode;
import static se.naravard.transition.episode.EpisodeFixture.change;
import static se.naravard.transition.episode.EpisodeFixture.local;
import static se.naravard.transition.episode.EpisodeFixture.message;
import static se.naravard.transition.episode.EpisodeFixture.onlyRejection;
import static se.naravard.transition.episode.EpisodeFixture.receipt;
import static se.naravard.transition.episode.EpisodeFixture.send;
import static se.naravard.transition.episode.EpisodeFixture.sent;
import static se.naravard.transition.episode.EpisodeFixture.typeNames;
import static se.naravard.transition.episode.MessageType.ATERTAGANDE_UTSKRIVNINGSKLAR;
import static se.naravard.transition.episode.MessageType.INSKRIVNINGSMEDDELANDE;
import static se.naravard.transition.episode.MessageType.KALLELSE_SIP;
import static se.naravard.transition.episode.MessageType.MAKULERING;
import static se.naravard.transition.episode.MessageType.UTSKRIVNINGSKLAR;
import static se.naravard.transition.episode.MessageType.UTSKRIVNINGSMEDDELANDE;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import se.naravard.platform.identity.HsaId;
import se.naravard.transition.deadline.DeadlineRules;
import se.naravard.transition.deadline.DeadlineState;
import se.naravard.transition.episode.EpisodeEvent.DeadlineMissed;

/** Receipts and deadline clocks of an episode (DOMAIN.md §5; issue 4 "Receipts", "Deadline clocks"). */
class EpisodeReceiptAndDeadlineTest {

    private static DeadlineTask task(Episode episode, TaskKind kind) {
        return episode.tasks().stream()
                .filter(t -> t.kind() == kind)
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    private static DeadlineState.Kind state(Episode episode, TaskKind kind) {
        return task(episode, kind).state().kind();
    }

    private static DeadlineState.Kind receiptState(Episode episode, MessageId id, HsaId unit) {
        return episode.tasks().stream()
                .filter(t -> t.kind() == TaskKind.RECEIPT && id.equals(t.trigger()) && unit.equals(t.addressee()))
                .findFirst()
                .orElseThrow()
                .state()
                .kind();
    }

    private static Episode discharged(Episode episode, String local) {
        return accepted(episode.discharge(local(local), change(local(local)))).episode();
    }

    // Issue 4 "Receipts": ok meets the addressee's receipt task; the other addressee's stays open.
    @Test
    void ok_receipt_meets_the_receipt_task_of_that_addressee_only() {
        // given
        var m = message(INSKRIVNINGSMEDDELANDE, "2026-03-02T10:00");
        var episode = sent(anEpisode().admit(), m);
        // when
        var decision = episode.recordReceipt(
                m.id(),
                receipt(MUNICIPAL_UNIT, ReceiptStatus.OK, "2026-03-02T10:05"),
                change(local("2026-03-02T10:05")));
        // then
        var after = accepted(decision).episode();
        assertThat(typeNames(decision)).containsExactly("receipt-recorded", "deadline-met");
        assertThat(receiptState(after, m.id(), MUNICIPAL_UNIT)).isEqualTo(DeadlineState.Kind.MET);
        assertThat(receiptState(after, m.id(), PRIMARY_CARE)).isEqualTo(DeadlineState.Kind.OPEN);
        assertThat(after.message(m.id()).orElseThrow().receipts()).hasSize(1);
    }

    // Issue 4 "Receipts": a transient error is recorded, the sender retries, the task stays open.
    @Test
    void transient_error_receipt_is_recorded_and_leaves_the_task_open() {
        // given
        var m = message(INSKRIVNINGSMEDDELANDE, "2026-03-02T10:00");
        var episode = sent(anEpisode().admit(), m);
        // when
        var after = accepted(episode.recordReceipt(
                        m.id(),
                        receipt(PRIMARY_CARE, ReceiptStatus.TRANSIENT_ERROR, "2026-03-02T10:01"),
                        change(local("2026-03-02T10:01"))))
                .episode();
        // then
        assertThat(receiptState(after, m.id(), PRIMARY_CARE)).isEqualTo(DeadlineState.Kind.OPEN);
    }

    // Issue 4 "Receipts": fatal error with reason; the message did not arrive, so no receipt is met [DESIGN].
    @Test
    void fatal_error_receipt_needs_a_reason_and_never_meets_the_task() {
        // given
        var m = message(INSKRIVNINGSMEDDELANDE, "2026-03-02T10:00");
        var episode = sent(anEpisode().admit(), m);
        var at = change(local("2026-03-02T10:01"));
        // when
        var withoutReason =
                episode.recordReceipt(m.id(), receipt(PRIMARY_CARE, ReceiptStatus.FATAL_ERROR, "2026-03-02T10:01"), at);
        var withReason = episode.recordReceipt(
                m.id(),
                new Receipt(
                        PRIMARY_CARE,
                        ReceiptStatus.FATAL_ERROR,
                        local("2026-03-02T10:01"),
                        "unknown unit",
                        ReceiptKind.AUTOMATIC),
                at);
        // then
        var rejection = onlyRejection(withoutReason);
        assertThat(rejection.code()).isEqualTo("TRANSITION-317");
        assertThat(rejection.field()).isEqualTo("/reason");
        assertThat(receiptState(accepted(withReason).episode(), m.id(), PRIMARY_CARE))
                .isEqualTo(DeadlineState.Kind.OPEN);
    }

    // Issue 4 "Receipts" per message and addressee.
    @Test
    void receipt_for_an_unknown_message_is_refused() {
        // given
        var episode = anEpisode().admit();
        // when
        var rejection = onlyRejection(episode.recordReceipt(
                MessageId.random(),
                receipt(PRIMARY_CARE, ReceiptStatus.OK, "2026-03-02T10:01"),
                change(local("2026-03-02T10:01"))));
        // then
        assertThat(rejection.code()).isEqualTo("TRANSITION-315");
        assertThat(rejection.field()).isEqualTo("/messageId");
    }

    // Issue 4 "Receipts" per message and addressee: a unit not addressed cannot acknowledge.
    @Test
    void receipt_from_a_unit_not_among_the_addressees_is_refused() {
        // given
        var m = message(INSKRIVNINGSMEDDELANDE, "2026-03-02T10:00");
        var episode = sent(anEpisode().admit(), m);
        // when
        var rejection = onlyRejection(episode.recordReceipt(
                m.id(),
                receipt(HsaId.of("SE2120000590-OTHER"), ReceiptStatus.OK, "2026-03-02T10:01"),
                change(local("2026-03-02T10:01"))));
        // then
        assertThat(rejection.code()).isEqualTo("TRANSITION-316");
        assertThat(rejection.field()).isEqualTo("/addressee");
    }

    // Issue 4: anything after makulering of the same message, a receipt included, is refused.
    @Test
    void receipt_for_a_cancelled_message_is_refused() {
        // given
        var m = message(INSKRIVNINGSMEDDELANDE, "2026-03-02T10:00");
        var episode = sent(
                sent(anEpisode().admit(), m),
                message(MAKULERING, "2026-03-02T10:10").referringTo(m.id()));
        // when
        var rejection = onlyRejection(episode.recordReceipt(
                m.id(),
                receipt(PRIMARY_CARE, ReceiptStatus.OK, "2026-03-02T10:20"),
                change(local("2026-03-02T10:20"))));
        // then
        assertThat(rejection.code()).isEqualTo("TRANSITION-311");
    }

    // Issue 4: "a message without a receipt by its configured time raises an open task" (default 4 h).
    @Test
    void missing_receipt_is_missed_after_the_configured_window() {
        // given
        var m = message(INSKRIVNINGSMEDDELANDE, "2026-03-02T10:00");
        var episode = sent(
                anEpisode()
                        .rules(new EpisodeRules(new DeadlineRules(), Duration.ofHours(2)))
                        .admit(),
                m);
        // when
        var before = accepted(episode.sweep(local("2026-03-02T12:00"))).events();
        var after = accepted(episode.sweep(local("2026-03-02T12:01"))).events();
        // then
        assertThat(before).isEmpty();
        assertThat(after)
                .hasSize(2)
                .allMatch(e -> e instanceof DeadlineMissed d && d.task().kind() == TaskKind.RECEIPT);
    }

    // DOMAIN.md §5 step 1: inskrivningsmeddelande within 24 hours of the assessment.
    @Test
    void admission_notice_within_24_hours_of_assessment_meets_the_task() {
        // given an assessment at 09:00
        var episode = anEpisode().admit();
        // when
        var after = sent(episode, message(INSKRIVNINGSMEDDELANDE, "2026-03-03T09:00"));
        // then
        assertThat(state(after, TaskKind.ADMISSION_NOTICE)).isEqualTo(DeadlineState.Kind.MET);
    }

    // DOMAIN.md §5 step 1: 24 hours, not the next day.
    @Test
    void admission_notice_sent_late_records_a_missed_deadline_with_the_late_fulfilment() {
        // given
        var episode = anEpisode().admit();
        // when
        var decision = send(episode, message(INSKRIVNINGSMEDDELANDE, "2026-03-03T09:01"));
        // then
        var missed = (DeadlineState.Missed)
                task(accepted(decision).episode(), TaskKind.ADMISSION_NOTICE).state();
        assertThat(missed.fulfilledLateAt()).isEqualTo(local("2026-03-03T09:01"));
        assertThat(typeNames(decision)).contains("deadline-missed");
    }

    // DOMAIN.md §5 step 1: only if the physician judges the patient may need help after discharge.
    @Test
    void no_admission_notice_task_when_no_help_is_expected() {
        // given / when
        var episode = anEpisode()
                .needsBothPrincipals(false)
                .mayNeedHelpAfterDischarge(false)
                .admit();
        // then
        assertThat(episode.tasks()).isEmpty();
    }

    // DOMAIN.md §5 step 5: kallelse till SIP within three calendar days of the notice.
    @Test
    void sip_call_in_within_three_days_meets_the_task_and_a_late_one_is_missed_by_the_sweep() {
        // given a notice on Thursday 5 March 2026
        var episode = sent(anEpisode().admit(), message(UTSKRIVNINGSKLAR, "2026-03-05T10:00"));
        // when
        var onTime = sent(episode, message(KALLELSE_SIP, "2026-03-08T23:00"));
        var swept = accepted(episode.sweep(local("2026-03-09T00:00"))).episode();
        // then
        assertThat(state(onTime, TaskKind.SIP_CALL_IN)).isEqualTo(DeadlineState.Kind.MET);
        assertThat(state(swept, TaskKind.SIP_CALL_IN)).isEqualTo(DeadlineState.Kind.MISSED);
    }

    // DOMAIN.md §5 step 5: the SIP is needed where both principals must act.
    @Test
    void no_sip_task_when_both_principals_are_not_needed() {
        // given
        var episode = anEpisode().needsBothPrincipals(false).admit();
        // when
        var after = sent(episode, message(UTSKRIVNINGSKLAR, "2026-03-05T10:00"));
        // then
        assertThat(after.tasks()).noneMatch(t -> t.kind() == TaskKind.SIP_CALL_IN);
    }

    // DOMAIN.md §5 step 7: information no later than the discharge day.
    @Test
    void utskrivningsmeddelande_on_the_discharge_day_meets_the_task_and_none_is_missed_after_midnight() {
        // given
        var episode = discharged(anEpisode().admit(), "2026-03-09T11:00");
        // when
        var met = sent(episode, message(UTSKRIVNINGSMEDDELANDE, "2026-03-09T20:00"));
        var missed = accepted(episode.sweep(local("2026-03-10T00:00"))).episode();
        // then
        assertThat(state(met, TaskKind.DISCHARGE_INFORMATION)).isEqualTo(DeadlineState.Kind.MET);
        assertThat(state(missed, TaskKind.DISCHARGE_INFORMATION)).isEqualTo(DeadlineState.Kind.MISSED);
    }

    // DOMAIN.md §5 step 7: information sent before discharge already fulfils "no later than".
    @Test
    void utskrivningsmeddelande_before_discharge_meets_the_task_when_discharged() {
        // given
        var episode = sent(anEpisode().admit(), message(UTSKRIVNINGSMEDDELANDE, "2026-03-09T09:00"));
        // when
        var decision = episode.discharge(local("2026-03-09T11:00"), change(local("2026-03-09T11:00")));
        // then
        assertThat(typeNames(decision)).containsExactly("patient-discharged", "deadline-met");
    }

    // DOMAIN.md §5 step 4: återtagande "at once": the message is the notice, so its clock is met by it.
    @Test
    void withdrawal_meets_its_own_notice_task_and_cancels_the_open_sip_task() {
        // given
        var notice = message(UTSKRIVNINGSKLAR, "2026-03-05T10:00");
        var episode = sent(anEpisode().admit(), notice);
        // when
        var decision = send(
                episode,
                message(ATERTAGANDE_UTSKRIVNINGSKLAR, "2026-03-06T08:00").referringTo(notice.id()));
        // then
        var after = accepted(decision).episode();
        assertThat(state(after, TaskKind.WITHDRAWAL_NOTICE)).isEqualTo(DeadlineState.Kind.MET);
        assertThat(after.tasks()).noneMatch(t -> t.kind() == TaskKind.SIP_CALL_IN);
        assertThat(typeNames(decision)).contains("deadline-cancelled", "deadline-met");
    }

    // Makulering: a cancelled message fulfilled nothing, so the duty it met opens again.
    @Test
    void makulering_of_the_admission_notice_reopens_its_task() {
        // given
        var notice = message(INSKRIVNINGSMEDDELANDE, "2026-03-02T10:00");
        var episode = sent(anEpisode().admit(), notice);
        // when
        var decision = send(episode, message(MAKULERING, "2026-03-02T11:00").referringTo(notice.id()));
        // then
        assertThat(state(accepted(decision).episode(), TaskKind.ADMISSION_NOTICE))
                .isEqualTo(DeadlineState.Kind.OPEN);
        assertThat(typeNames(decision)).contains("deadline-reopened");
    }

    // Issue 4 "the clock runs by itself": a sweep reports each miss once.
    @Test
    void sweeping_twice_reports_each_missed_deadline_once() {
        // given an admission notice never sent
        var episode = anEpisode().admit();
        var first = accepted(episode.sweep(local("2026-03-03T09:01")));
        // when
        var second = accepted(first.episode().sweep(local("2026-03-04T09:01")));
        // then
        assertThat(first.events()).extracting(EpisodeEvent::typeName).containsExactly("deadline-missed");
        assertThat(first.episode().version()).isEqualTo(2);
        assertThat(second.events()).isEmpty();
        assertThat(second.episode()).isSameAs(first.episode());
    }

    // DOMAIN.md §5 step 1 and issue 4 (DST): DST ends Sunday 25 October 2026; 24 real hours, 08:00 local.
    @Test
    void admission_notice_clock_across_the_october_dst_change_runs_24_elapsed_hours() {
        // given an assessment on Saturday 24 October 2026 09:00 (CEST)
        var episode = anEpisode()
                .admittedAt("2026-10-24T08:00")
                .assessedAt("2026-10-24T09:00")
                .expectedDischargeDate("2026-10-30")
                .admit();
        // when
        var at0759 = accepted(episode.sweep(local("2026-10-25T07:59"))).events();
        var at0801 = accepted(episode.sweep(local("2026-10-25T08:01"))).events();
        // then: 24 elapsed hours end at 08:00 CET on the 25-hour day
        assertThat(task(episode, TaskKind.ADMISSION_NOTICE).dueAt())
                .isEqualTo(Instant.parse("2026-10-25T07:00:00Z"))
                .isEqualTo(local("2026-10-25T08:00"));
        assertThat(at0759).isEmpty();
        assertThat(at0801).hasSize(1);
    }

    // DOMAIN.md §5 step 5 and issue 4 (DST): the 25-hour day still counts as one calendar day.
    @Test
    void sip_call_in_clock_across_the_october_dst_change_ends_at_local_midnight() {
        // given a notice on Friday 23 October 2026
        var episode = anEpisode()
                .admittedAt("2026-10-20T08:00")
                .assessedAt("2026-10-20T09:00")
                .expectedDischargeDate("2026-10-30")
                .admit();
        episode = sent(episode, message(INSKRIVNINGSMEDDELANDE, "2026-10-20T10:00"));
        episode = sent(episode, message(UTSKRIVNINGSKLAR, "2026-10-23T16:30"));
        // when
        var justBefore = accepted(episode.sweep(local("2026-10-26T23:59:59"))).events();
        var atMidnight = accepted(episode.sweep(local("2026-10-27T00:00"))).events();
        // then
        assertThat(justBefore)
                .noneMatch(e -> e instanceof DeadlineMissed d && d.task().kind() == TaskKind.SIP_CALL_IN);
        assertThat(atMidnight)
                .anyMatch(e -> e instanceof DeadlineMissed d && d.task().kind() == TaskKind.SIP_CALL_IN);
    }
}
