package se.naravard.transition.liability;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import se.naravard.platform.domain.Rejection;
import se.naravard.transition.Outcome;
import se.naravard.transition.TransitionRejections;
import se.naravard.transition.agreement.CountyAgreement;
import se.naravard.transition.agreement.Precondition;
import se.naravard.transition.calendar.SwedishTime;

/**
 * Betalningsansvar (payment liability, LUS 5 kap.; DOMAIN.md §5): which vårddygn the municipality pays
 * for under a {@link CountyAgreement}, with an explanation an auditor can follow.
 *
 * <p>How the days are counted (all dates local, {@code Europe/Stockholm}):
 *
 * <ol>
 *   <li><b>Preconditions.</b> If the agreement requires a {@code Precondition} that is not fulfilled,
 *       nothing is liable and the explanation names it (DOMAIN.md §5 [PRACTICE]). A notice time is
 *       itself evidence of {@code UTSKRIVNINGSKLAR_SENT}.
 *   <li><b>Cut-off.</b> A notice sent at or after the agreement's {@code noticeCutoff} counts as sent
 *       the next calendar day (Stockholm: "sent before 12:00" [PRACTICE]; 12:00 itself is after [DESIGN]).
 *   <li><b>Grace days.</b> With {@code dayZero} the effective notice day is day 0 and is the first
 *       grace day; without it, counting starts the next day at day 1. The first {@code graceDays}
 *       counted days are grace days; counted days are every day ({@code CALENDAR}) or only working days
 *       ({@code WORKING}: a non-working notice day is then skipped, not counted as day 0). Liability can
 *       start on the calendar day after the last grace day. Stockholm-like: notice Monday 09:00, day 0
 *       Monday, day 1 Tuesday, liable from Wednesday. Default: notice Monday, grace Tuesday–Thursday,
 *       liable from Friday.
 *   <li><b>Vårddygn.</b> From then on, a date is liable if the patient was in hospital <i>and</i>
 *       utskrivningsklar at the midnight that ends it. So the discharge day is not liable, nor a day on
 *       which the notice was withdrawn [DESIGN/PRACTICE: the midnight census is the usual way to count
 *       vårddygn; agreements are not verified on this]. Weekends and holidays are liable once started.
 *   <li><b>Withdrawal and renewal.</b> A withdrawal stops liability; the renewed utskrivningsklar notice
 *       is a new notice, so the cut-off and the grace days apply again from it [DESIGN].
 *   <li><b>Still in hospital.</b> Days are counted through the end of {@code asOf}, as if the patient
 *       were still there at its midnight.
 *   <li><b>Amount.</b> Each liable date takes the amount row in force on that date; a date before the
 *       first row is refused, not guessed.
 * </ol>
 */
public final class LiabilityCalculator {

    public Outcome<LiabilityAssessment> calculate(LiabilityCase episode, CountyAgreement agreement) {
        var refusals = check(episode);
        if (!refusals.isEmpty()) {
            return Outcome.refused(refusals);
        }
        var missing = EnumSet.noneOf(Precondition.class);
        missing.addAll(agreement.preconditions());
        missing.removeAll(episode.fulfilled());
        var lines = new ArrayList<String>();
        if (!missing.isEmpty()) {
            lines.add("No liability: agreement " + agreement.name() + " requires precondition(s) " + missing
                    + ", not fulfilled.");
            return Outcome.ok(new LiabilityAssessment(agreement.name(), List.of(), 0, missing, lines));
        }
        lines.add("Preconditions required by agreement " + agreement.name() + " " + agreement.preconditions()
                + ": all fulfilled.");
        var tally = new Tally(lines, refusals);
        var last = lastCountedDate(episode, lines);
        for (var period : periods(episode)) {
            accrue(period, agreement, last, tally);
        }
        if (!refusals.isEmpty()) {
            return Outcome.refused(refusals);
        }
        long total = tally.days.stream().mapToLong(LiableDay::kronor).sum();
        lines.add("Total: " + tally.days.size() + " vårddygn, " + Kronor.format(total) + ".");
        return Outcome.ok(new LiabilityAssessment(agreement.name(), tally.days, total, missing, lines));
    }

    /** What the calculation has found so far: liable days, explanation lines and refusals. */
    private record Tally(List<LiableDay> days, List<String> lines, List<Rejection> refusals) {
        Tally(List<String> lines, List<Rejection> refusals) {
            this(new ArrayList<>(), lines, refusals);
        }
    }

    /** The liable days of one ready period, from its first liable date through {@code last}. */
    private static void accrue(ReadyPeriod period, CountyAgreement agreement, LocalDate last, Tally tally) {
        var start = LiabilityStart.after(period.notice(), agreement);
        tally.lines().addAll(start.explanation());
        for (var date = start.firstLiableDate(); !date.isAfter(last); date = date.plusDays(1)) {
            var midnight = SwedishTime.startOf(date.plusDays(1));
            if (period.end() != null && !period.end().isAfter(midnight)) {
                tally.lines()
                        .add("Withdrawn " + SwedishTime.minutes(period.end()) + ": not utskrivningsklar at the"
                                + " midnight ending " + date + ", no liability until a renewed notice.");
                return;
            }
            var row = agreement.dailyAmounts().rowFor(date);
            if (row.kind() == Outcome.Kind.REFUSED) {
                tally.refusals().addAll(row.rejections());
                continue;
            }
            var amount = row.orElseThrow();
            tally.days().add(new LiableDay(date, amount.kronor(), amount.validFrom()));
            tally.lines()
                    .add(date + " liable at " + Kronor.format(amount.kronor()) + " (amount valid from "
                            + amount.validFrom() + "; in hospital and utskrivningsklar at the midnight ending it).");
        }
    }

    /** A stretch of time the patient was utskrivningsklar: from a notice until a withdrawal (or open). */
    private record ReadyPeriod(Instant notice, Instant end) {}

    private static List<ReadyPeriod> periods(LiabilityCase episode) {
        var periods = new ArrayList<ReadyPeriod>();
        var notice = episode.utskrivningsklarSentAt();
        for (var withdrawal : episode.withdrawals()) {
            periods.add(new ReadyPeriod(notice, withdrawal.withdrawnAt()));
            notice = withdrawal.renewedAt();
        }
        if (notice != null) {
            periods.add(new ReadyPeriod(notice, null));
        }
        return periods;
    }

    /** The last date whose midnight can count: the day before discharge, or {@code asOf} if earlier. */
    private static LocalDate lastCountedDate(LiabilityCase episode, List<String> lines) {
        var asOf = episode.countUntil();
        if (episode.discharge().isEmpty()) {
            lines.add("Still in hospital: counted through the end of " + asOf.orElseThrow() + " (as of).");
            return asOf.orElseThrow();
        }
        var discharged = episode.dischargedAt();
        var dischargeDay = SwedishTime.dateOf(discharged);
        // Discharged exactly at midnight: not in hospital at that midnight either.
        var last = discharged.isAfter(SwedishTime.startOf(dischargeDay))
                ? dischargeDay.minusDays(1)
                : dischargeDay.minusDays(2);
        lines.add("Discharged " + SwedishTime.minutes(discharged) + ": the discharge day " + dischargeDay
                + " is not a vårddygn (not in hospital at its midnight).");
        if (asOf.isPresent() && asOf.get().isBefore(last)) {
            lines.add("Counted only through the end of " + asOf.get() + " (as of).");
            return asOf.get();
        }
        return last;
    }

    private static List<Rejection> check(LiabilityCase episode) {
        var refusals = new ArrayList<Rejection>();
        if (episode.discharge().isEmpty() && episode.countUntil().isEmpty()) {
            refusals.add(TransitionRejections.AS_OF_REQUIRED.at("/asOf", "asOf is required while in hospital"));
        }
        var previous = episode.utskrivningsklarSentAt();
        var withdrawals = episode.withdrawals();
        for (int i = 0; i < withdrawals.size(); i++) {
            var w = withdrawals.get(i);
            var field = "/withdrawals/" + i;
            if (previous == null) {
                refusals.add(TransitionRejections.WITHDRAWALS_INVALID.at(
                        field, "a withdrawal after one that was never renewed"));
            } else if (!w.withdrawnAt().isAfter(previous)) {
                refusals.add(TransitionRejections.WITHDRAWALS_INVALID.at(
                        field + "/withdrawnAt", "must be after the notice it withdraws"));
            } else if (w.renewedAt() != null && !w.renewedAt().isAfter(w.withdrawnAt())) {
                refusals.add(
                        TransitionRejections.WITHDRAWALS_INVALID.at(field + "/renewedAt", "must be after withdrawnAt"));
            }
            previous = w.renewedAt();
        }
        return refusals;
    }
}
