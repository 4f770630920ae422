package se.naravard.transition.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Swedish public holidays (allmänna helgdagar, lag (1989:253) om allmänna helgdagar) for any year,
 * and, separately, the de-facto non-working eves (julafton, nyårsafton, midsommarafton), which are
 * not holidays by law but which county agreements may treat as such (DOMAIN.md §5, agreements as
 * configuration). Sundays are also allmänna helgdagar by law; {@link WorkingDays} excludes all
 * weekends, so they are not listed here.
 */
public final class SwedishHolidays {

    private SwedishHolidays() {}

    /** The movable and fixed public holidays of {@code year}, by date, with their Swedish names. */
    public static Map<LocalDate, String> holidays(int year) {
        var easter = easterSunday(year);
        var days = new TreeMap<LocalDate, String>();
        days.put(LocalDate.of(year, Month.JANUARY, 1), "nyårsdagen");
        days.put(LocalDate.of(year, Month.JANUARY, 6), "trettondedag jul");
        days.put(easter.minusDays(2), "långfredagen");
        days.put(easter, "påskdagen");
        days.put(easter.plusDays(1), "annandag påsk");
        days.put(easter.plusDays(39), "Kristi himmelsfärdsdag");
        days.put(LocalDate.of(year, Month.MAY, 1), "första maj");
        days.put(LocalDate.of(year, Month.JUNE, 6), "nationaldagen");
        days.put(easter.plusDays(49), "pingstdagen");
        days.put(midsummerDay(year), "midsommardagen");
        days.put(allSaintsDay(year), "alla helgons dag");
        days.put(LocalDate.of(year, Month.DECEMBER, 25), "juldagen");
        days.put(LocalDate.of(year, Month.DECEMBER, 26), "annandag jul");
        return Collections.unmodifiableMap(days);
    }

    /** Julafton, nyårsafton and midsommarafton of {@code year}: working days by law, not in practice. */
    public static Map<LocalDate, String> eves(int year) {
        var days = new TreeMap<LocalDate, String>();
        days.put(midsummerDay(year).minusDays(1), "midsommarafton");
        days.put(LocalDate.of(year, Month.DECEMBER, 24), "julafton");
        days.put(LocalDate.of(year, Month.DECEMBER, 31), "nyårsafton");
        return Collections.unmodifiableMap(days);
    }

    public static boolean isHoliday(LocalDate date) {
        return holidays(date.getYear()).containsKey(date);
    }

    public static boolean isEve(LocalDate date) {
        return eves(date.getYear()).containsKey(date);
    }

    /** Midsommardagen: the Saturday between 20 and 26 June (lag 1989:253, 1 §). */
    public static LocalDate midsummerDay(int year) {
        return LocalDate.of(year, Month.JUNE, 20).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
    }

    /** Alla helgons dag: the Saturday between 31 October and 6 November (lag 1989:253, 1 §). */
    public static LocalDate allSaintsDay(int year) {
        return LocalDate.of(year, Month.OCTOBER, 31).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
    }

    /** Påskdagen by the Gregorian computus (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
