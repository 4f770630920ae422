package se.naravard.transition.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Working days (vardagar in the everyday sense): Monday to Friday, not a public holiday, and — if the
 * county agreement says so — not julafton, nyårsafton or midsommarafton (DOMAIN.md §5: "calendar or
 * working days" is agreement configuration).
 */
public record WorkingDays(boolean evesAreHolidays) {

    public boolean isWorkingDay(LocalDate date) {
        var day = date.getDayOfWeek();
        if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
            return false;
        }
        if (SwedishHolidays.isHoliday(date)) {
            return false;
        }
        return !(evesAreHolidays && SwedishHolidays.isEve(date));
    }

    /**
     * The {@code n}th working day after {@code date} ({@code date} itself never counts; {@code n = 0}
     * returns {@code date} unchanged).
     */
    public LocalDate plusWorkingDays(LocalDate date, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be zero or more: " + n);
        }
        var day = date;
        for (int left = n; left > 0; ) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                left--;
            }
        }
        return day;
    }
}
