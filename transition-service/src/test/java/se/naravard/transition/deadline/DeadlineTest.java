package se.naravard.transition.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Deadline states open, met, missed (issue 4 "Deadline clocks"; DOMAIN.md §5). */
class DeadlineTest {

    private static final Instant DUE = Instant.parse("2026-03-10T12:00:00Z");
    private final Deadline deadline = Deadline.open(DeadlineKind.ADMISSION_NOTICE, DUE);

    // Source: issue 4: a clock is open until it is due.
    @Test
    void an_unfulfilled_deadline_is_open_until_its_due_time_has_passed() {
        assertThat(deadline.stateAt(DUE, null)).isEqualTo(new DeadlineState.Open());
        assertThat(deadline.stateAt(DUE.plusSeconds(1), null)).isEqualTo(new DeadlineState.Missed(DUE, null));
    }

    // Source: DOMAIN.md §5 step 1 "within 24 hours": at the due time is still in time.
    @Test
    void a_fulfilment_at_the_due_time_meets_the_deadline() {
        assertThat(deadline.stateAt(DUE.plusSeconds(3600), DUE)).isEqualTo(new DeadlineState.Met(DUE));
    }

    // Source: issue 4 "Make the data the legal evidence": a late message is kept, the deadline stays missed.
    @Test
    void a_late_fulfilment_stays_missed_and_records_when_it_came() {
        // given
        var late = DUE.plusSeconds(600);
        // when
        var evaluated = deadline.evaluatedAt(DUE.plusSeconds(3600), late);
        // then
        assertThat(evaluated.state().kind()).isEqualTo(DeadlineState.Kind.MISSED);
        assertThat(((DeadlineState.Missed) evaluated.state()).lateFulfilment()).contains(late);
        assertThat(((DeadlineState.Missed) evaluated.state()).at()).isEqualTo(DUE);
    }

    // Source: issue 4: the clock runs on "now"; a fulfilment not yet happened is not known.
    @Test
    void a_fulfilment_after_now_is_not_yet_counted() {
        assertThat(deadline.stateAt(DUE.minusSeconds(60), DUE.minusSeconds(30)).kind())
                .isEqualTo(DeadlineState.Kind.OPEN);
    }
}
