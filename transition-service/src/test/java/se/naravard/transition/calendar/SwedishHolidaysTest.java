package se.naravard.transition.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Public holidays per lag (1989:253); DOMAIN.md §5 (working-day counting is agreement configuration). */
class SwedishHolidaysTest {

    // Source: Gregorian computus; known Easter Sundays.
    @ParameterizedTest
    @CsvSource({
        "2000,2000-04-23",
        "2019,2019-04-21",
        "2024,2024-03-31",
        "2025,2025-04-20",
        "2026,2026-04-05",
        "2027,2027-03-28",
        "2038,2038-04-25"
    })
    void easter_sunday_follows_the_gregorian_computus(int year, LocalDate expected) {
        // when / then
        assertThat(SwedishHolidays.easterSunday(year)).isEqualTo(expected);
    }

    // Source: lag (1989:253) 1 §, via DOMAIN.md §5.
    @Test
    void movable_holidays_of_2026_follow_easter_and_the_saturday_rules() {
        // when
        var holidays = SwedishHolidays.holidays(2026);
        // then
        assertThat(holidays)
                .containsEntry(LocalDate.of(2026, 4, 3), "långfredagen")
                .containsEntry(LocalDate.of(2026, 4, 5), "påskdagen")
                .containsEntry(LocalDate.of(2026, 4, 6), "annandag påsk")
                .containsEntry(LocalDate.of(2026, 5, 14), "Kristi himmelsfärdsdag")
                .containsEntry(LocalDate.of(2026, 5, 24), "pingstdagen")
                .containsEntry(LocalDate.of(2026, 6, 20), "midsommardagen")
                .containsEntry(LocalDate.of(2026, 10, 31), "alla helgons dag")
                .containsEntry(LocalDate.of(2026, 6, 6), "nationaldagen")
                .hasSize(13);
    }

    // Source: lag (1989:253) 1 §: midsommardagen is the Saturday 20–26 June.
    @ParameterizedTest
    @CsvSource({"2024,2024-06-22", "2025,2025-06-21", "2026,2026-06-20", "2027,2027-06-26"})
    void midsummer_day_is_the_saturday_between_20_and_26_june(int year, LocalDate expected) {
        assertThat(SwedishHolidays.midsummerDay(year)).isEqualTo(expected);
    }

    // Source: lag (1989:253) 1 §: alla helgons dag is the Saturday 31 October–6 November.
    @ParameterizedTest
    @CsvSource({"2024,2024-11-02", "2025,2025-11-01", "2026,2026-10-31", "2027,2027-11-06"})
    void all_saints_day_is_the_saturday_between_31_october_and_6_november(int year, LocalDate expected) {
        assertThat(SwedishHolidays.allSaintsDay(year)).isEqualTo(expected);
    }

    // Source: DOMAIN.md §5 (agreements differ): eves are kept apart from the legal holidays.
    @Test
    void eves_are_not_public_holidays_but_are_listed_separately() {
        // given
        var julafton = LocalDate.of(2026, 12, 24);
        var midsommarafton = LocalDate.of(2026, 6, 19);
        // then
        assertThat(SwedishHolidays.isHoliday(julafton)).isFalse();
        assertThat(SwedishHolidays.isEve(julafton)).isTrue();
        assertThat(SwedishHolidays.isEve(midsommarafton)).isTrue();
        assertThat(SwedishHolidays.eves(2026)).containsKey(LocalDate.of(2026, 12, 31));
    }
}
