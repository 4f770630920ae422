package se.naravard.local;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Times of the demo stories, relative to the moment the demo is loaded, in Swedish local time: "seven
 * days ago at 09:30", "an hour ago". The services refuse times in the future, so nothing here is ever
 * after {@link #now()}: a time of day later than now on today's date becomes the latest moment of
 * today that has passed (never yesterday). Days are calendar days in {@code Europe/Stockholm}, so a
 * daylight-saving change keeps the wall-clock times.
 */
final class DemoTime {

    static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    /** How far before now a "today at …" time that has not come yet is put. */
    static final Duration TODAY_MARGIN = Duration.ofMinutes(2);

    private final ZonedDateTime now;

    DemoTime(Clock clock) {
        this.now = ZonedDateTime.now(clock).withZoneSameInstant(STOCKHOLM).truncatedTo(ChronoUnit.SECONDS);
    }

    static DemoTime systemNow() {
        return new DemoTime(Clock.systemUTC());
    }

    ZonedDateTime now() {
        return now;
    }

    LocalDate today() {
        return now.toLocalDate();
    }

    /**
     * {@code time} on the day {@code days} before today; for today, no later than now (see the class
     * comment).
     */
    ZonedDateTime daysAgo(int days, LocalTime time) {
        if (days < 0) {
            throw new IllegalArgumentException("the demo has no future times: " + days);
        }
        LocalDate date = today().minusDays(days);
        ZonedDateTime wanted = date.atTime(time).atZone(STOCKHOLM);
        if (!wanted.isAfter(now)) {
            return wanted;
        }
        ZonedDateTime latest = now.minus(TODAY_MARGIN);
        ZonedDateTime startOfDay = date.atStartOfDay(STOCKHOLM);
        return latest.isBefore(startOfDay) ? startOfDay : latest;
    }

    /** {@code ago} before now. */
    ZonedDateTime ago(Duration ago) {
        return now.minus(ago);
    }

    /** {@code after} later than {@code t}, but never after now (a receipt that arrives "a few minutes later"). */
    ZonedDateTime after(ZonedDateTime t, Duration after) {
        ZonedDateTime later = t.plus(after);
        return later.isAfter(now) ? (t.isAfter(now) ? t : now) : later;
    }

    /**
     * {@code time} on the day {@code days} after today: for what is planned (a SIP meeting), never for
     * something that happened.
     */
    ZonedDateTime daysAhead(int days, LocalTime time) {
        return today().plusDays(days).atTime(time).atZone(STOCKHOLM);
    }

    /** A UTC instant, as sip-service writes its times: {@code 2026-03-02T08:30:00Z}. */
    static String utc(ZonedDateTime t) {
        return t.toInstant().toString();
    }

    /** RFC 3339 with the local offset, as the services want it: {@code 2026-03-02T09:30:00+01:00}. */
    static String rfc3339(ZonedDateTime t) {
        return t.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
