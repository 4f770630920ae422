package se.naravard.transition.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import se.naravard.transition.calendar.SwedishTime;

/** LUS deadline clocks in Europe/Stockholm, across daylight-saving changes (DOMAIN.md §5; issue 4). */
class DeadlineRulesTest {

    private final DeadlineRules rules = new DeadlineRules();

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(SwedishTime.ZONE).toInstant();
    }

    private static ZonedDateTime inSweden(Instant instant) {
        return instant.atZone(SwedishTime.ZONE);
    }

    // Source: DOMAIN.md §5 step 1: within 24 hours, counted from the physician's assessment.
    @Test
    void admission_notice_is_due_24_elapsed_hours_after_assessment_across_spring_forward() {
        // given an assessment the day before clocks go forward (Sunday 29 March 2026)
        var assessed = local("2026-03-28T12:00");
        // when
        var deadline = rules.admissionNotice(assessed);
        // then: 24 real hours, which reads 13:00 on the local clock
        assertThat(Duration.between(assessed, deadline.dueAt())).isEqualTo(Duration.ofHours(24));
        assertThat(inSweden(deadline.dueAt()).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-29T13:00"));
        assertThat(deadline.kind()).isEqualTo(DeadlineKind.ADMISSION_NOTICE);
    }

    // Source: DOMAIN.md §5 step 1 (hours, not days); DST ends Sunday 25 October 2026.
    @Test
    void admission_notice_is_due_24_elapsed_hours_after_assessment_across_fall_back() {
        // given
        var assessed = local("2026-10-24T12:00");
        // when
        var deadline = rules.admissionNotice(assessed);
        // then: 24 real hours, which reads 11:00 on the local clock
        assertThat(Duration.between(assessed, deadline.dueAt())).isEqualTo(Duration.ofHours(24));
        assertThat(inSweden(deadline.dueAt()).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-10-25T11:00"));
    }

    // Source: DOMAIN.md §5 step 5: SIP call-in within three (calendar) days [UNVERIFIED wording].
    @Test
    void sip_call_in_is_due_at_the_end_of_the_third_local_day_across_spring_forward() {
        // given a notice on Friday 27 March 2026; the 23-hour day 29 March lies in between
        var notice = local("2026-03-27T10:00");
        // when
        var deadline = rules.sipCallIn(notice);
        // then
        var due = inSweden(deadline.dueAt());
        assertThat(due.toLocalDate()).hasToString("2026-03-30");
        assertThat(due.toLocalTime()).isAfter(java.time.LocalTime.of(23, 59, 59));
        assertThat(deadline.stateAt(local("2026-03-31T00:00"), local("2026-03-30T23:59"))
                        .kind())
                .isEqualTo(DeadlineState.Kind.MET);
        assertThat(deadline.stateAt(local("2026-03-31T00:00"), null).kind()).isEqualTo(DeadlineState.Kind.MISSED);
    }

    // Source: DOMAIN.md §5 step 5; the 25-hour day 25 October 2026 still counts as one day.
    @Test
    void sip_call_in_is_due_at_the_end_of_the_third_local_day_across_fall_back() {
        // given
        var notice = local("2026-10-23T16:30");
        // when
        var deadline = rules.sipCallIn(notice);
        // then
        assertThat(deadline.dueAt().plusNanos(1_000)).isEqualTo(local("2026-10-27T00:00"));
    }

    // Source: DOMAIN.md §5 step 7 and PL 3 kap. 2 b §: information no later than the discharge day.
    @Test
    void discharge_information_is_due_by_the_end_of_the_local_discharge_day() {
        // given a discharge late on the evening of the spring-forward day
        var discharged = local("2026-03-29T22:15");
        // when
        var deadline = rules.dischargeInformation(discharged);
        // then
        assertThat(deadline.stateAt(local("2026-03-30T08:00"), local("2026-03-29T23:59:59"))
                        .kind())
                .isEqualTo(DeadlineState.Kind.MET);
        assertThat(deadline.stateAt(local("2026-03-30T08:00"), local("2026-03-30T00:00"))
                        .kind())
                .isEqualTo(DeadlineState.Kind.MISSED);
    }

    // Source: DOMAIN.md §5 step 4: withdrawal "at once", modelled as 1 hour by default [DESIGN].
    @Test
    void withdrawal_notice_is_due_after_the_configured_short_window() {
        // given
        var noLongerReady = local("2026-05-04T09:00");
        // when / then
        assertThat(rules.withdrawalNotice(noLongerReady).dueAt()).isEqualTo(local("2026-05-04T10:00"));
        assertThat(new DeadlineRules(Duration.ofMinutes(15))
                        .withdrawalNotice(noLongerReady)
                        .dueAt())
                .isEqualTo(local("2026-05-04T09:15"));
    }
}
