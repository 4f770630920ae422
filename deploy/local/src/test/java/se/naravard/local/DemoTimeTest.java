package se.naravard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class DemoTimeTest {

    private static DemoTime at(String instant) {
        return new DemoTime(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void daysAgoKeepsTheLocalTimeOfDayAcrossADaylightSavingChange() {
        DemoTime time = at("2026-04-02T10:00:00Z"); // 12:00 CEST, a week after the clocks went forward

        ZonedDateTime before = time.daysAgo(7, LocalTime.of(9, 30));

        assertThat(before.toLocalDate()).isEqualTo(LocalDate.of(2026, 3, 26));
        assertThat(before.toLocalTime()).isEqualTo(LocalTime.of(9, 30));
        assertThat(DemoTime.rfc3339(before)).isEqualTo("2026-03-26T09:30:00+01:00");
        assertThat(DemoTime.rfc3339(time.now())).isEqualTo("2026-04-02T12:00:00+02:00");
    }

    @Test
    void aTimeOfDayThatHasNotComeYetTodayBecomesJustBeforeNow() {
        DemoTime time = at("2026-11-25T06:00:00Z"); // 07:00 in Sweden

        ZonedDateTime nine = time.daysAgo(0, LocalTime.of(9, 0));

        assertThat(nine).isEqualTo(time.now().minus(DemoTime.TODAY_MARGIN));
        assertThat(time.daysAgo(0, LocalTime.of(6, 15)).toLocalTime()).isEqualTo(LocalTime.of(6, 15));
    }

    @Test
    void justAfterMidnightTodayStaysTodayAndNeverInTheFuture() {
        DemoTime time = at("2026-11-24T23:00:30Z"); // 00:00:30 in Sweden

        ZonedDateTime nine = time.daysAgo(0, LocalTime.of(9, 0));

        assertThat(nine.toLocalDate()).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(nine.toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
        assertThat(nine).isBeforeOrEqualTo(time.now());
    }

    @Test
    void aReceiptAFewMinutesLaterIsNeverAfterNow() {
        DemoTime time = at("2026-11-25T12:00:00Z");

        assertThat(time.after(time.ago(Duration.ofHours(1)), Duration.ofMinutes(4)))
                .isEqualTo(time.now().minusMinutes(56));
        assertThat(time.after(time.ago(Duration.ofMinutes(1)), Duration.ofMinutes(4)))
                .isEqualTo(time.now());
    }

    @Test
    void plansAreAheadAndUtcIsWrittenWithZ() {
        DemoTime time = at("2026-11-25T12:00:00Z");

        assertThat(DemoTime.utc(time.daysAhead(2, LocalTime.of(10, 0)))).isEqualTo("2026-11-27T09:00:00Z");
        assertThatThrownBy(() -> time.daysAgo(-1, LocalTime.NOON)).isInstanceOf(IllegalArgumentException.class);
    }
}
