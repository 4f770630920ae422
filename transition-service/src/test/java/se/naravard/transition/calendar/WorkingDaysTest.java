package se.naravard.transition.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Working days for agreements that count in working days (DOMAIN.md §5, payment liability). */
class WorkingDaysTest {

    private final WorkingDays withEves = new WorkingDays(true);
    private final WorkingDays withoutEves = new WorkingDays(false);

    // Source: DOMAIN.md §5 "calendar or working days"; lag (1989:253).
    @Test
    void one_working_day_after_maundy_thursday_is_the_tuesday_after_easter() {
        // given Skärtorsdagen 2026-04-02; långfredagen, the weekend and annandag påsk follow
        var thursday = LocalDate.of(2026, 4, 2);
        // when / then
        assertThat(withEves.plusWorkingDays(thursday, 1)).isEqualTo(LocalDate.of(2026, 4, 7));
        assertThat(withEves.plusWorkingDays(thursday, 3)).isEqualTo(LocalDate.of(2026, 4, 9));
    }

    // Source: DOMAIN.md §5 (agreements differ on eves).
    @Test
    void christmas_eve_counts_as_a_working_day_only_if_the_agreement_says_so() {
        // given Wednesday 23 December 2026
        var dayBefore = LocalDate.of(2026, 12, 23);
        // when / then
        assertThat(withEves.plusWorkingDays(dayBefore, 1)).isEqualTo(LocalDate.of(2026, 12, 28));
        assertThat(withoutEves.plusWorkingDays(dayBefore, 1)).isEqualTo(LocalDate.of(2026, 12, 24));
        // nyårsafton (Thu) is skipped with eves, nyårsdagen (Fri) always
        assertThat(withEves.plusWorkingDays(LocalDate.of(2026, 12, 30), 1)).isEqualTo(LocalDate.of(2027, 1, 4));
        assertThat(withoutEves.plusWorkingDays(LocalDate.of(2026, 12, 30), 1)).isEqualTo(LocalDate.of(2026, 12, 31));
    }

    // Source: lag (1989:253); weekends are never working days.
    @Test
    void weekends_and_holidays_are_not_working_days() {
        assertThat(withoutEves.isWorkingDay(LocalDate.of(2026, 3, 28))).isFalse(); // Saturday
        assertThat(withoutEves.isWorkingDay(LocalDate.of(2026, 5, 14))).isFalse(); // Kristi himmelsfärd
        assertThat(withoutEves.isWorkingDay(LocalDate.of(2026, 5, 13))).isTrue();
        assertThat(withoutEves.plusWorkingDays(LocalDate.of(2026, 5, 13), 0)).isEqualTo(LocalDate.of(2026, 5, 13));
    }
}
