package se.naravard.transition.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Swedish local time for every transition rule: LUS deadlines and agreement days are local days in
 * {@code Europe/Stockholm} (issue 4, "Times are Europe/Stockholm, correct across daylight-saving
 * changes"). Days are computed with zone rules, never as 86,400 seconds.
 */
public final class SwedishTime {

    public static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private SwedishTime() {}

    public static LocalDate dateOf(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }

    /** The first instant of {@code date} in Sweden (00:00; DST changes happen at 02:00/03:00, not midnight). */
    public static Instant startOf(LocalDate date) {
        return date.atStartOfDay(ZONE).toInstant();
    }

    /** For explanations: {@code 2026-02-27 13:05}, local time. */
    public static String minutes(Instant instant) {
        return MINUTES.format(instant.atZone(ZONE));
    }
}
