package se.naravard.transition.liability;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import se.naravard.transition.agreement.CountyAgreement;
import se.naravard.transition.agreement.DayCounting;
import se.naravard.transition.calendar.SwedishTime;
import se.naravard.transition.calendar.WorkingDays;

/**
 * The first liable date after one utskrivningsklar notice, with the lines that explain it. The rules
 * are the agreement's (DOMAIN.md §5: "calendar or working days, grace days, day 0, cut-off hour");
 * see {@link LiabilityCalculator} for the full statement.
 */
record LiabilityStart(
        LocalDate effectiveNoticeDate, List<LocalDate> graceDays, LocalDate firstLiableDate, List<String> explanation) {

    LiabilityStart {
        graceDays = List.copyOf(graceDays);
        explanation = List.copyOf(explanation);
    }

    static LiabilityStart after(Instant noticeSentAt, CountyAgreement agreement) {
        var lines = new ArrayList<String>();
        var effective = effectiveDate(noticeSentAt, agreement, lines);
        var workingDays = new WorkingDays(agreement.evesAreHolidays());
        var day = agreement.dayZero() ? effective : effective.plusDays(1);
        int number = agreement.dayZero() ? 0 : 1;
        var grace = new ArrayList<LocalDate>();
        var labels = new ArrayList<String>();
        while (grace.size() < agreement.graceDays()) {
            if (agreement.dayCounting() == DayCounting.CALENDAR || workingDays.isWorkingDay(day)) {
                grace.add(day);
                labels.add(day + " (day " + number++ + ")");
            }
            day = day.plusDays(1);
        }
        lines.add(graceLine(agreement, labels, day));
        return new LiabilityStart(effective, grace, day, lines);
    }

    private static LocalDate effectiveDate(Instant sentAt, CountyAgreement agreement, List<String> lines) {
        var local = sentAt.atZone(SwedishTime.ZONE);
        var cutoff = agreement.cutoff();
        var prefix = "Utskrivningsklar notice " + SwedishTime.minutes(sentAt) + " (Europe/Stockholm)";
        if (cutoff.isEmpty()) {
            lines.add(prefix + " counts from " + local.toLocalDate() + " (agreement " + agreement.name()
                    + " has no noticeCutoff).");
            return local.toLocalDate();
        }
        if (local.toLocalTime().isBefore(cutoff.get())) {
            lines.add(prefix + " before the " + cutoff.get() + " cut-off counts from " + local.toLocalDate()
                    + " (agreement " + agreement.name() + ", noticeCutoff).");
            return local.toLocalDate();
        }
        var next = local.toLocalDate().plusDays(1);
        lines.add(prefix + " at or after the " + cutoff.get() + " cut-off counts from " + next + " (agreement "
                + agreement.name() + ", noticeCutoff).");
        return next;
    }

    private static String graceLine(CountyAgreement agreement, List<String> labels, LocalDate first) {
        var counting = agreement.dayCounting() == DayCounting.CALENDAR ? "calendar days" : "working days";
        var zero = agreement.dayZero() ? "the notice day counted as day 0" : "the notice day not counted";
        var graceText = labels.isEmpty() ? "no grace days" : "grace days " + String.join(", ", labels);
        return "Counting " + counting + ", " + zero + ", graceDays=" + agreement.graceDays() + " (agreement "
                + agreement.name() + "): " + graceText + "; liability can start " + first + ".";
    }
}
