package se.naravard.gateway.followup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * A reporting period: one calendar month in Swedish time (Europe/Stockholm), from the start of its
 * first day (inclusive) to the start of the next month (exclusive). An event at 23:30 on 31 January in
 * Stockholm (22:30 UTC) is January's; one at 00:30 on 1 February (23:30 UTC on 31 January) February's.
 *
 * <p>Only whole single months are reported: a longer or shifted period could be subtracted from
 * published months to recover a suppressed cell (docs/followup.md "Suppression").
 */
public record Period(YearMonth month) {

    public static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    public Instant start() {
        return month.atDay(1).atStartOfDay(SWEDEN).toInstant();
    }

    /** Exclusive. */
    public Instant end() {
        return month.plusMonths(1).atDay(1).atStartOfDay(SWEDEN).toInstant();
    }

    public boolean contains(Instant t) {
        return t != null && !t.isBefore(start()) && t.isBefore(end());
    }

    public LocalDate firstDay() {
        return month.atDay(1);
    }

    public LocalDate lastDay() {
        return month.atEndOfMonth();
    }

    /** {@code 2026-11}. */
    @Override
    public String toString() {
        return month.toString();
    }

    /** Why a requested period cannot be reported. */
    public record Refusal(String parameter, String why) {}

    /**
     * The month {@code periodStart}..{@code periodEnd} (dates, {@code yyyy-MM-dd}, or months, {@code
     * yyyy-MM}) names exactly, or a {@link Refusal}.
     */
    public static Object parse(String periodStart, String periodEnd) {
        if (periodStart == null || periodStart.isBlank()) {
            return new Refusal("periodStart", "periodStart is required (the first day of a month, yyyy-MM-dd)");
        }
        if (periodEnd == null || periodEnd.isBlank()) {
            return new Refusal("periodEnd", "periodEnd is required (the last day of the same month, yyyy-MM-dd)");
        }
        LocalDate start;
        LocalDate end;
        try {
            start = date(periodStart, false);
        } catch (DateTimeParseException e) {
            return new Refusal("periodStart", "periodStart must be a date yyyy-MM-dd (or a month yyyy-MM)");
        }
        try {
            end = date(periodEnd, true);
        } catch (DateTimeParseException e) {
            return new Refusal("periodEnd", "periodEnd must be a date yyyy-MM-dd (or a month yyyy-MM)");
        }
        YearMonth month = YearMonth.from(start);
        if (start.getDayOfMonth() != 1) {
            return new Refusal("periodStart", "periodStart must be the first day of a month: reports are monthly");
        }
        if (!end.equals(month.atEndOfMonth())) {
            return new Refusal(
                    "periodEnd", "periodEnd must be the last day of periodStart's month: one month per report");
        }
        return new Period(month);
    }

    /** {@code 2026-11} or {@code 2026-11-30}; a month is its first or (as an end) last day. */
    private static LocalDate date(String value, boolean asEnd) {
        String v = value.strip();
        if (v.length() == 7) {
            YearMonth m = YearMonth.parse(v);
            return asEnd ? m.atEndOfMonth() : m.atDay(1);
        }
        if (v.length() > 10 && v.charAt(10) == 'T') {
            throw new DateTimeParseException("a date, not a time", v, 10);
        }
        return LocalDate.parse(v);
    }
}
