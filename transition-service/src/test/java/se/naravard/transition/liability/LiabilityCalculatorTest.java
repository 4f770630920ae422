package se.naravard.transition.liability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.naravard.platform.domain.Rejection;
import se.naravard.transition.Outcome;
import se.naravard.transition.agreement.CountyAgreement;
import se.naravard.transition.agreement.Precondition;
import se.naravard.transition.agreement.TestAgreements;
import se.naravard.transition.calendar.SwedishTime;

/** Betalningsansvar under county agreements (DOMAIN.md §5 "Payment liability"; LUS 5 kap.). */
class LiabilityCalculatorTest {

    private static final Set<Precondition> ALL = EnumSet.allOf(Precondition.class);
    private final LiabilityCalculator calculator = new LiabilityCalculator();

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(SwedishTime.ZONE).toInstant();
    }

    private static LiabilityCase stillInHospital(String notice, String asOf) {
        return new LiabilityCase(local(notice), null, LocalDate.parse(asOf), List.of(), ALL);
    }

    private LiabilityAssessment assess(LiabilityCase episode, CountyAgreement agreement) {
        var outcome = calculator.calculate(episode, agreement);
        assertThat(outcome.rejections()).isEmpty();
        return outcome.orElseThrow();
    }

    private static List<LocalDate> dates(LiabilityAssessment assessment) {
        return assessment.liableDays().stream().map(LiableDay::date).toList();
    }

    // Source: DOMAIN.md §5 Region Stockholm: notice "sent before 12:00" counts that day [PRACTICE].
    @Test
    void a_notice_at_11_59_counts_from_the_same_day_under_a_noon_cutoff() {
        // when notice Monday 2 March 2026 11:59, counted through Wednesday
        var assessment = assess(stillInHospital("2026-03-02T11:59", "2026-03-04"), TestAgreements.stockholmLike());
        // then day 0 Monday, day 1 Tuesday, liable from Wednesday
        assertThat(dates(assessment)).containsExactly(LocalDate.parse("2026-03-04"));
    }

    // Source: DOMAIN.md §5: "a notice after 12:00 counts as next day" is county config.
    @Test
    void a_notice_at_12_01_counts_from_the_next_day_under_a_noon_cutoff() {
        // when
        var assessment = assess(stillInHospital("2026-03-02T12:01", "2026-03-05"), TestAgreements.stockholmLike());
        // then day 0 Tuesday, day 1 Wednesday, liable from Thursday
        assertThat(dates(assessment)).containsExactly(LocalDate.parse("2026-03-05"));
    }

    // Source: DOMAIN.md §5: the "day 0" rule is agreement configuration.
    @Test
    void not_counting_day_zero_moves_the_first_liable_day_one_day_later() {
        // given
        var episode = stillInHospital("2026-03-02T09:00", "2026-03-06");
        // when
        var withDayZero = assess(episode, TestAgreements.stockholmLike());
        var withoutDayZero = assess(episode, TestAgreements.stockholmWith("dayZero", "false"));
        // then
        assertThat(dates(withDayZero).get(0)).isEqualTo(LocalDate.parse("2026-03-04"));
        assertThat(dates(withoutDayZero).get(0)).isEqualTo(LocalDate.parse("2026-03-05"));
    }

    // Source: DOMAIN.md §5: default of 3 calendar days after the notice [UNVERIFIED].
    @Test
    void three_calendar_grace_days_make_a_monday_notice_liable_from_friday() {
        // when
        var assessment = assess(stillInHospital("2026-03-02T15:00", "2026-03-08"), TestAgreements.defaultAgreement());
        // then Tuesday–Thursday are grace days; the weekend is liable once started
        assertThat(dates(assessment))
                .containsExactly(
                        LocalDate.parse("2026-03-06"), LocalDate.parse("2026-03-07"), LocalDate.parse("2026-03-08"));
        assertThat(assessment.totalKronor()).isEqualTo(3 * 9_300);
    }

    // Source: DOMAIN.md §5: "three weekdays" variant; lag (1989:253) Easter holidays.
    @Test
    void working_day_counting_skips_the_easter_holidays() {
        // given notice Wednesday 1 April 2026; långfredagen 3/4, annandag påsk 6/4
        var episode = stillInHospital("2026-04-01T09:00", "2026-04-09");
        // when
        var working = assess(
                episode, TestAgreements.stockholmWith("dayCounting", "WORKING", "graceDays", "3", "dayZero", "false"));
        var calendar = assess(episode, TestAgreements.stockholmWith("graceDays", "3", "dayZero", "false"));
        // then grace Thu 2/4, Tue 7/4, Wed 8/4 → liable from Thursday 9 April
        assertThat(dates(working)).containsExactly(LocalDate.parse("2026-04-09"));
        assertThat(dates(calendar).get(0)).isEqualTo(LocalDate.parse("2026-04-05"));
        assertThat(working.explanation())
                .anyMatch(line -> line.contains("working days") && line.contains("2026-04-07 (day 2)"));
    }

    // Source: DOMAIN.md §5 step 4 (återtagande) and issue 4 "withdrawal and renewed utskrivningsklar".
    @Test
    void a_withdrawal_pauses_liability_and_a_renewed_notice_restarts_the_count() {
        // given liable from Wed 4/3; withdrawn Fri 6/3; renewed Mon 9/3; discharged Fri 13/3
        var episode = new LiabilityCase(
                local("2026-03-02T09:00"),
                local("2026-03-13T10:00"),
                null,
                List.of(new Withdrawal(local("2026-03-06T10:00"), local("2026-03-09T09:00"))),
                ALL);
        // when
        var assessment = assess(episode, TestAgreements.stockholmLike());
        // then 6/3 is not liable (withdrawn before its midnight); 9/3 day 0, 10/3 day 1; 13/3 discharge day
        assertThat(dates(assessment))
                .containsExactly(
                        LocalDate.parse("2026-03-04"), LocalDate.parse("2026-03-05"),
                        LocalDate.parse("2026-03-11"), LocalDate.parse("2026-03-12"));
        assertThat(assessment.totalKronor()).isEqualTo(4 * 9_300);
        assertThat(assessment.explanation()).anyMatch(line -> line.startsWith("Withdrawn 2026-03-06 10:00"));
    }

    // Source: DOMAIN.md §5 step 4: while withdrawn and not renewed, nothing accrues.
    @Test
    void an_unrenewed_withdrawal_stops_liability() {
        // given
        var episode = new LiabilityCase(
                local("2026-03-02T09:00"),
                null,
                LocalDate.parse("2026-03-20"),
                List.of(new Withdrawal(local("2026-03-05T08:00"), null)),
                ALL);
        // when / then
        assertThat(dates(assess(episode, TestAgreements.stockholmLike())))
                .containsExactly(LocalDate.parse("2026-03-04"));
    }

    // Source: DOMAIN.md §5 "Typical preconditions for liability" [PRACTICE].
    @Test
    void a_missing_precondition_gives_no_liable_days_and_names_it() {
        // given no SIP call-in although required
        var fulfilled = EnumSet.complementOf(EnumSet.of(Precondition.SIP_CALLED_WHERE_REQUIRED));
        var episode =
                new LiabilityCase(local("2026-03-02T09:00"), null, LocalDate.parse("2026-03-20"), List.of(), fulfilled);
        // when
        var assessment = assess(episode, TestAgreements.stockholmLike());
        // then
        assertThat(assessment.isLiable()).isFalse();
        assertThat(assessment.totalKronor()).isZero();
        assertThat(assessment.missingPreconditions()).containsExactly(Precondition.SIP_CALLED_WHERE_REQUIRED);
        assertThat(assessment.explanation())
                .singleElement()
                .asString()
                .contains("SIP_CALLED_WHERE_REQUIRED")
                .contains("stockholm-like-2-days");
    }

    // Source: DOMAIN.md §5 "Amount ... Model the amount as a dated table".
    @Test
    void the_amount_switches_at_the_year_boundary_of_the_dated_table() {
        // given notice Monday 27 Dec 2021 09:00 (liable from 29/12), discharged 3 Jan 2022
        var episode = new LiabilityCase(local("2021-12-27T09:00"), local("2022-01-03T10:00"), null, List.of(), ALL);
        // when
        var assessment = assess(episode, TestAgreements.stockholmLike());
        // then 29–31 Dec at the 2020 row, 1–2 Jan at the 2022 row
        assertThat(assessment.liableDays())
                .extracting(LiableDay::kronor)
                .containsExactly(8_200L, 8_200L, 8_200L, 9_300L, 9_300L);
        assertThat(assessment.totalKronor()).isEqualTo(3 * 8_200 + 2 * 9_300);
        assertThat(assessment.explanation())
                .contains("2021-12-31 liable at 8 200 kr (amount valid from 2020-01-01; in hospital and"
                        + " utskrivningsklar at the midnight ending it).");
    }

    // Source: DOMAIN.md §5 "Amount": no figure is guessed before the table starts.
    @Test
    void a_liable_day_before_the_first_amount_row_is_refused() {
        // when
        var outcome =
                calculator.calculate(stillInHospital("2018-06-04T09:00", "2018-06-10"), TestAgreements.stockholmLike());
        // then
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.REFUSED);
        assertThat(outcome.rejections()).extracting(Rejection::code).containsOnly("TRANSITION-201");
    }

    // Source: issue 4 "every figure traceable ... which rule, which message, which day".
    @Test
    void the_explanation_names_the_rules_the_message_and_the_dates() {
        // given the cut-off example: Friday 27 Feb 2026 13:05
        var episode = new LiabilityCase(local("2026-02-27T13:05"), local("2026-03-04T11:00"), null, List.of(), ALL);
        // when
        var assessment = assess(episode, TestAgreements.stockholmLike());
        // then
        assertThat(dates(assessment)).containsExactly(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-03"));
        assertThat(assessment.explanation())
                .contains(
                        "Utskrivningsklar notice 2026-02-27 13:05 (Europe/Stockholm) at or after the 12:00 cut-off counts"
                                + " from 2026-02-28 (agreement stockholm-like-2-days, noticeCutoff).",
                        "Counting calendar days, the notice day counted as day 0, graceDays=2 (agreement"
                                + " stockholm-like-2-days): grace days 2026-02-28 (day 0), 2026-03-01 (day 1); liability"
                                + " can start 2026-03-02.",
                        "Discharged 2026-03-04 11:00: the discharge day 2026-03-04 is not a vårddygn (not in hospital"
                                + " at its midnight).",
                        "Total: 2 vårddygn, 18 600 kr.");
        assertThat(assessment.explanation())
                .anyMatch(line -> line.startsWith("2026-03-03 liable at 9 300 kr" + " (amount valid from 2022-01-01"));
    }

    // Source: DOMAIN.md §5 (liability accrues while the patient stays) — counting "as of" a date.
    @Test
    void a_patient_still_in_hospital_without_an_as_of_date_is_refused() {
        // when
        var outcome = calculator.calculate(
                new LiabilityCase(local("2026-03-02T09:00"), null, null, List.of(), ALL),
                TestAgreements.stockholmLike());
        // then
        assertThat(outcome.rejections())
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("TRANSITION-203", "/asOf"));
    }

    // Source: DOMAIN.md §5 step 4: a withdrawal needs a notice to withdraw.
    @Test
    void withdrawals_out_of_order_are_refused() {
        // given a withdrawal before the notice
        var episode = new LiabilityCase(
                local("2026-03-02T09:00"),
                null,
                LocalDate.parse("2026-03-10"),
                List.of(new Withdrawal(local("2026-03-01T09:00"), null)),
                ALL);
        // when
        var outcome = calculator.calculate(episode, TestAgreements.stockholmLike());
        // then
        assertThat(outcome.rejections())
                .extracting(Rejection::code, Rejection::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("TRANSITION-202", "/withdrawals/0/withdrawnAt"));
    }
}
