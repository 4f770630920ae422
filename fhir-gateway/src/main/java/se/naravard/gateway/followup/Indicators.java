package se.naravard.gateway.followup;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import se.naravard.gateway.followup.Indicator.Case;
import se.naravard.gateway.followup.Indicator.FollowUpData;
import se.naravard.gateway.followup.Indicator.Scoring;

/**
 * The indicators of DOMAIN.md §8 that the events carry enough data for, as implemented (docs/followup.md
 * lists them with those that cannot be computed, and why). Pure functions of the facts: the unit tests
 * give them hand-built data sets with known answers.
 */
public final class Indicators {

    static final Duration NOTICE_LIMIT = Duration.ofHours(24);

    /**
     * The local target for holding a SIP (DOMAIN.md §8 "SIP held within local target"): the first
     * meeting held at the latest on this many calendar days after the day it was called (day 0), in
     * Sweden. The default of {@code gateway.followup.sip-held-target-days} ({@code
     * GATEWAY_FOLLOWUP_SIP_HELD_TARGET_DAYS}): each county sets its own (docs/followup.md).
     */
    public static final int SIP_HELD_TARGET_DAYS = 14;

    /** The longest local target accepted: a target beyond a year is a mistake in the setting. */
    static final int SIP_HELD_TARGET_DAYS_MAX = 365;

    /**
     * How long after a discharge an unplanned admission counts as a readmission (DOMAIN.md §8
     * "Readmission ≤30 days"): 30 × 24 hours from the discharge instant, the end included.
     */
    public static final Duration READMISSION_WINDOW = Duration.ofHours(30 * 24);

    private Indicators() {}

    /** Every indicator, with the default SIP target ({@link #catalogue} for the one configured). */
    public static final List<Indicator> ALL = catalogue(SIP_HELD_TARGET_DAYS);

    /**
     * Every indicator, {@code sip-held-on-time} with a local target of {@code sipHeldTargetDays} days.
     *
     * @throws IllegalArgumentException for a target below 0 or above {@value #SIP_HELD_TARGET_DAYS_MAX}
     */
    public static List<Indicator> catalogue(int sipHeldTargetDays) {
        if (sipHeldTargetDays < 0 || sipHeldTargetDays > SIP_HELD_TARGET_DAYS_MAX) {
            throw new IllegalArgumentException("gateway.followup.sip-held-target-days must be 0 to "
                    + SIP_HELD_TARGET_DAYS_MAX + " (days after the day of the call), not " + sipHeldTargetDays);
        }
        return List.of(
                contractPart(
                        "complete-contracts",
                        "Kompletta patientkontrakt",
                        "Active patient contracts with all four parts filled: a sammanhållen planering, a named fast"
                                + " vårdkontakt, a named fast läkarkontakt and at least one next step.",
                        "contracts in force at the end of the month (active or revised) with all four parts filled",
                        Facts.ContractVersion::complete),
                contractPart(
                        "contract-fast-lakarkontakt",
                        "Patientkontrakt med namngiven fast läkarkontakt",
                        "Active patient contracts that name a fast läkarkontakt (a physician's HSA-id). The"
                                + " coverage among listed patients of DOMAIN.md §8 is listed-fast-lakarkontakt.",
                        "contracts in force at the end of the month whose fast läkarkontakt names a physician",
                        Facts.ContractVersion::fastLakarkontakt),
                contractPart(
                        "contract-fast-vardkontakt",
                        "Patientkontrakt med namngiven fast vårdkontakt",
                        "Active patient contracts that name a fast vårdkontakt (a person's HSA-id). The coverage of a"
                                + " target group of DOMAIN.md §8 is target-group-fast-vardkontakt.",
                        "contracts in force at the end of the month whose fast vårdkontakt names a person",
                        Facts.ContractVersion::fastVardkontakt),
                listed(
                        "contract-coverage",
                        "Listade patienter med patientkontrakt",
                        "Patients listed with a primary-care unit at the end of the month (listning, the listing in"
                                + " force on the last day) who have a patient contract in force then (active or revised).",
                        "listed patients with a contract in force (active or revised) at the end of the month",
                        "patients listed at the end of the month (the listing in force on the last day, Swedish time)",
                        false,
                        c -> true),
                listed(
                        "listed-fast-lakarkontakt",
                        "Listade patienter med fast läkarkontakt",
                        "Patients listed at the end of the month whose patient contract in force then names a fast"
                                + " läkarkontakt (a physician's HSA-id).",
                        "listed patients whose contract in force at the end of the month names a fast läkarkontakt",
                        "patients listed at the end of the month (the listing in force on the last day, Swedish time)",
                        false,
                        Facts.ContractVersion::fastLakarkontakt),
                listed(
                        "target-group-fast-vardkontakt",
                        "Målgruppens patienter med fast vårdkontakt",
                        "Patients listed at the end of the month in any target group (e.g. frail elderly flagged by a"
                                + " risk tool) whose patient contract in force then names a fast vårdkontakt (a person's"
                                + " HSA-id). All target groups together.",
                        "target-group patients whose contract in force at the end of the month names a fast vårdkontakt",
                        "patients listed at the end of the month in at least one target group",
                        true,
                        Facts.ContractVersion::fastVardkontakt),
                new Indicator(
                        "admission-notice-on-time",
                        "Inskrivningsmeddelande i tid",
                        "LUS episodes admitted in the month whose first inskrivningsmeddelande (not cancelled) was sent"
                                + " at most 24 hours after the admission.",
                        Scoring.PROPORTION,
                        "episodes of the denominator whose first inskrivningsmeddelande was sent ≤ 24 h after admittedAt",
                        "LUS episodes admitted in the month (admittedAt) with an inskrivningsmeddelande",
                        "the admitting unit",
                        null,
                        Indicators::admissionNotices),
                new Indicator(
                        "sip-called-on-time",
                        "Kallelse till SIP i tid",
                        "Episodes needing both principals whose utskrivningsklar notice came in the month, whose SIP"
                                + " call-in deadline (end of the third day after the notice, per the county agreement)"
                                + " was met. Undecided (still open) deadlines are not counted yet.",
                        Scoring.PROPORTION,
                        "episodes of the denominator whose sip-call-in deadline was met",
                        "episodes needing both principals with an utskrivningsklar notice in the month and a decided"
                                + " (met or missed) sip-call-in deadline",
                        "the admitting unit",
                        null,
                        Indicators::sipCallIns),
                new Indicator(
                        "days-ready-to-discharge",
                        "Dagar från utskrivningsklar till utskrivning",
                        "Calendar days in Sweden from the utskrivningsklar notice in force to the discharge, the notice"
                                + " day being day 0, for patients discharged in the month: mean and median.",
                        Scoring.CONTINUOUS_VARIABLE,
                        "per episode: days from the notice's date to the discharge date (Europe/Stockholm)",
                        "episodes discharged in the month (the discharge time) with an utskrivningsklar notice in force",
                        "the admitting unit",
                        "d",
                        Indicators::daysReadyToDischarge),
                new Indicator(
                        "readmission-30d",
                        "Återinskrivning inom 30 dagar",
                        "Discharges of LUS patients in the month (the discharge time, Swedish time) followed by an"
                                + " unplanned (akut) admission of the same patient within 30 × 24 hours of the discharge"
                                + " (the end included). Admissions of unknown kind do not count as unplanned; several"
                                + " readmissions after one discharge count once. A month's figure can still change for 30"
                                + " days after it ends, as readmissions of its late discharges arrive.",
                        Scoring.PROPORTION,
                        "discharges of the denominator followed by an unplanned admission of the same patient (patient"
                                + " key) after the discharge and at most 30 × 24 h after it",
                        "episodes discharged in the month (status discharged; the discharge time)",
                        "the admitting unit of the discharged episode",
                        null,
                        Indicators::readmissions),
                new Indicator(
                        "consent-coverage",
                        "SIP med giltigt samtycke",
                        "Active SIPs at the end of the month whose current consent is in force then (given, not expired,"
                                + " not revoked).",
                        Scoring.PROPORTION,
                        "SIPs of the denominator whose current consent is in force at the end of the month",
                        "SIPs active at the end of the month",
                        "the unit that drew the SIP up",
                        null,
                        Indicators::consentCoverage),
                new Indicator(
                        "sip-held-on-time",
                        "SIP-möte hållet inom målet",
                        "SIPs called in the month (their first meeting planned) whose first meeting was held at the"
                                + " latest " + sipHeldTargetDays + " days after the day of the call (day 0, Swedish"
                                + " calendar days). SIPs not yet held whose target day has not passed are not counted"
                                + " yet; SIPs cancelled or entered in error before a meeting was held are left out.",
                        Scoring.PROPORTION,
                        "SIPs of the denominator whose first meeting was held by the end of the target day",
                        "SIPs called in the month (the first version listing a planned meeting), decided",
                        "the unit that drew the SIP up",
                        null,
                        (data, period) -> sipsHeld(data, period, sipHeldTargetDays)),
                new Indicator(
                        "sip-follow-up-done",
                        "SIP uppföljd i tid",
                        "Planned SIP follow-ups due in the month (their date) whose result was recorded by the end of"
                                + " that date (Swedish time), for SIPs active or completed. A follow-up due today or later"
                                + " is not counted yet.",
                        Scoring.PROPORTION,
                        "follow-ups of the denominator whose result was recorded by the end of their date",
                        "follow-ups of active or completed SIPs whose date is in the month and has passed",
                        "the unit that drew the SIP up",
                        null,
                        Indicators::sipFollowUps),
                new Indicator(
                        "next-step-on-time",
                        "Nästa steg i tid",
                        "Next steps (nästa steg) of patient contracts due in the month (their date, or the end of their"
                                + " window) and over (Swedish time), of contracts in force at the end of that day, that"
                                + " were done by the end of that day. Cancelled steps and steps done before the time of"
                                + " completion was recorded are left out; a step due today or later is not counted yet.",
                        Scoring.PROPORTION,
                        "next steps of the denominator done (completedAt) by the end of their date in Sweden",
                        "next steps whose date is in the month and over, not cancelled, of contracts in force"
                                + " (active or revised) at the end of that date",
                        "the unit that performs the step (who.unit), else the owner of nästa steg",
                        null,
                        Indicators::nextStepsOnTime),
                new Indicator(
                        "acknowledgement-time",
                        "Tid till kvittens",
                        "Minutes from a LUS message being sent to its first ok kvittens, per message and addressee, for"
                                + " messages sent in the month: median and mean. Messages not yet acknowledged are not"
                                + " observed.",
                        Scoring.CONTINUOUS_VARIABLE,
                        "per message and addressee: minutes from sentAt to the first ok receipt",
                        "LUS messages (not cancelled) sent in the month, per addressee, with an ok receipt",
                        "the addressee unit",
                        "min",
                        Indicators::acknowledgementTimes));
    }

    public static Optional<Indicator> byId(String id) {
        return ALL.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    private static Indicator contractPart(
            String id, String title, String description, String numerator, Predicate<Facts.ContractVersion> has) {
        return new Indicator(
                id,
                title,
                description,
                Scoring.PROPORTION,
                numerator,
                "contracts in force (active or revised) at the end of the month",
                "the fast vårdkontakt's unit (else the planning owner's)",
                null,
                (data, period) -> stateAt(
                                data.contracts(),
                                period.end(),
                                Facts.ContractVersion::contractId,
                                Facts.ContractVersion::validFrom,
                                Facts.ContractVersion::version)
                        .stream()
                        .filter(Facts.ContractVersion::inForce)
                        .map(c -> Case.of(c.unit(), c.kommun(), has.test(c)))
                        .toList());
    }

    /** An indicator over listed patients: the micro level is the listing unit. */
    private static Indicator listed(
            String id,
            String title,
            String description,
            String numerator,
            String denominator,
            boolean targetGroupsOnly,
            Predicate<Facts.ContractVersion> has) {
        return new Indicator(
                id,
                title,
                description,
                Scoring.PROPORTION,
                numerator,
                denominator,
                "the unit the patient is listed with (vårdcentral)",
                null,
                (data, period) -> listedPatients(data, period, targetGroupsOnly, has));
    }

    /**
     * The patients listed at the end of the month (the listing in force on its last day, Swedish time: a
     * listing whose last day it is counts, one starting on the 1st of the next month does not), each once
     * at its listing unit and kommun, restricted to those in a target group when {@code targetGroupsOnly};
     * in the numerator when a contract of theirs in force at the end of the month {@code has} it.
     */
    static List<Case> listedPatients(
            FollowUpData data, Period period, boolean targetGroupsOnly, Predicate<Facts.ContractVersion> has) {
        Map<String, List<Facts.ContractVersion>> contracts = new HashMap<>();
        for (Facts.ContractVersion c : stateAt(
                data.contracts(),
                period.end(),
                Facts.ContractVersion::contractId,
                Facts.ContractVersion::validFrom,
                Facts.ContractVersion::version)) {
            if (c.inForce()) {
                contracts
                        .computeIfAbsent(c.patientKey(), k -> new java.util.ArrayList<>())
                        .add(c);
            }
        }
        Map<String, Facts.Listing> listed = new java.util.TreeMap<>();
        for (Facts.Listing l : data.listings()) {
            if (l.covers(period.lastDay())) {
                listed.merge(l.patientKey(), l, (a, b) -> a.from().isAfter(b.from()) ? a : b);
            }
        }
        return listed.values().stream()
                .filter(l -> !targetGroupsOnly || !l.targetGroups().isEmpty())
                .map(l -> Case.of(
                        l.unit(),
                        l.kommun(),
                        contracts.getOrDefault(l.patientKey(), List.of()).stream()
                                .anyMatch(has)))
                .toList();
    }

    static List<Case> admissionNotices(FollowUpData data, Period period) {
        return data.episodes().stream()
                .filter(e -> period.contains(e.admittedAt()) && e.admissionNoticeAt() != null)
                .map(e -> Case.of(
                        e.unit(),
                        e.kommun(),
                        Duration.between(e.admittedAt(), e.admissionNoticeAt()).compareTo(NOTICE_LIMIT) <= 0))
                .toList();
    }

    static List<Case> sipCallIns(FollowUpData data, Period period) {
        return data.episodes().stream()
                .filter(e -> e.needsBothPrincipals() && period.contains(e.readyAt()))
                .filter(e -> "met".equals(e.sipCallInState()) || "missed".equals(e.sipCallInState()))
                .map(e -> Case.of(e.unit(), e.kommun(), "met".equals(e.sipCallInState())))
                .toList();
    }

    static List<Case> daysReadyToDischarge(FollowUpData data, Period period) {
        return data.episodes().stream()
                .filter(e -> period.contains(e.dischargedAt()) && e.readyAt() != null)
                .filter(e -> !e.readyAt().isAfter(e.dischargedAt()))
                .map(e -> Case.observed(
                        e.unit(),
                        e.kommun(),
                        ChronoUnit.DAYS.between(
                                e.readyAt().atZone(Period.SWEDEN).toLocalDate(),
                                e.dischargedAt().atZone(Period.SWEDEN).toLocalDate())))
                .toList();
    }

    /**
     * Each discharge of the period, in the numerator if an unplanned admission of the same patient key (of
     * another episode) came after it, within {@link #READMISSION_WINDOW}. {@code laterAdmissions} holds the
     * candidates (the store reads those of the month's discharged patients up to the window after the
     * month); an admission of unknown or planned kind is no readmission.
     */
    static List<Case> readmissions(FollowUpData data, Period period) {
        Map<String, List<Facts.Episode>> unplanned = new HashMap<>();
        for (Facts.Episode a : data.laterAdmissions()) {
            if (a.unplanned() && a.admittedAt() != null && a.patientKey() != null) {
                unplanned
                        .computeIfAbsent(a.patientKey(), k -> new java.util.ArrayList<>())
                        .add(a);
            }
        }
        return data.episodes().stream()
                .filter(e -> period.contains(e.dischargedAt()))
                .map(e -> Case.of(
                        e.unit(),
                        e.kommun(),
                        unplanned.getOrDefault(e.patientKey(), List.of()).stream()
                                .anyMatch(a -> !a.episodeId().equals(e.episodeId())
                                        && a.admittedAt().isAfter(e.dischargedAt())
                                        && !a.admittedAt()
                                                .isAfter(e.dischargedAt().plus(READMISSION_WINDOW)))))
                .toList();
    }

    static List<Case> consentCoverage(FollowUpData data, Period period) {
        Instant lastMoment = period.end().minusMillis(1);
        return stateAt(
                        data.sips(),
                        period.end(),
                        Facts.SipVersion::sipId,
                        Facts.SipVersion::validFrom,
                        Facts.SipVersion::version)
                .stream()
                .filter(Facts.SipVersion::active)
                .map(s -> Case.of(s.unit(), s.kommun(), s.consentInForce(lastMoment)))
                .toList();
    }

    static List<Case> acknowledgementTimes(FollowUpData data, Period period) {
        return data.acknowledgements().stream()
                .filter(a -> period.contains(a.sentAt()) && a.acknowledgedAt() != null)
                .map(a -> Case.observed(
                        a.addressee(),
                        a.kommun(),
                        Math.max(
                                        0,
                                        Duration.between(a.sentAt(), a.acknowledgedAt())
                                                .toSeconds())
                                / 60.0))
                .toList();
    }

    static List<Case> sipsHeld(FollowUpData data, Period period, int targetDays) {
        return data.sipMeetings().stream()
                .filter(m -> m.calledAt() != null && period.contains(m.calledAt()))
                .filter(m -> !"entered-in-error".equals(m.status())
                        && (m.heldAt() != null || !"cancelled".equals(m.status())))
                .filter(m -> m.heldAt() != null || !data.asOf().isBefore(heldTargetEnd(m.calledAt(), targetDays)))
                .map(m -> Case.of(
                        m.unit(),
                        m.kommun(),
                        m.heldAt() != null && m.heldAt().isBefore(heldTargetEnd(m.calledAt(), targetDays))))
                .toList();
    }

    /** The end of a SIP's target day: 00:00 in Sweden after day {@code targetDays} (the call's day is day 0). */
    static Instant heldTargetEnd(Instant calledAt, int targetDays) {
        return endOfDay(calledAt.atZone(Period.SWEDEN).toLocalDate().plusDays(targetDays));
    }

    static List<Case> sipFollowUps(FollowUpData data, Period period) {
        return data.sipFollowUps().stream()
                .filter(f -> "active".equals(f.status()) || "completed".equals(f.status()))
                .filter(f ->
                        !f.dueDate().isBefore(period.firstDay()) && !f.dueDate().isAfter(period.lastDay()))
                .filter(f -> f.doneAt() != null || !data.asOf().isBefore(endOfDay(f.dueDate())))
                .map(f -> Case.of(
                        f.unit(), f.kommun(), f.doneAt() != null && f.doneAt().isBefore(endOfDay(f.dueDate()))))
                .toList();
    }

    static List<Case> nextStepsOnTime(FollowUpData data, Period period) {
        Map<String, List<Facts.ContractVersion>> history = new HashMap<>();
        data.nextStepContracts().forEach(v -> history.computeIfAbsent(v.contractId(), k -> new java.util.ArrayList<>())
                .add(v));
        return data.nextSteps().stream()
                .filter(n ->
                        !n.dueDate().isBefore(period.firstDay()) && !n.dueDate().isAfter(period.lastDay()))
                .filter(n -> !data.asOf().isBefore(endOfDay(n.dueDate())))
                .filter(n -> !"CANCELLED".equals(n.status()))
                .filter(n -> !"DONE".equals(n.status()) || n.completedAt() != null)
                .filter(n -> stateAt(
                                history.getOrDefault(n.contractId(), List.of()),
                                endOfDay(n.dueDate()),
                                Facts.ContractVersion::contractId,
                                Facts.ContractVersion::validFrom,
                                Facts.ContractVersion::version)
                        .stream()
                        .anyMatch(Facts.ContractVersion::inForce))
                .map(n -> Case.of(
                        n.unit(),
                        n.kommun(),
                        "DONE".equals(n.status())
                                && n.completedAt() != null
                                && n.completedAt().isBefore(endOfDay(n.dueDate()))))
                .toList();
    }

    /** 00:00 in Sweden on the day after {@code date}. */
    private static Instant endOfDay(java.time.LocalDate date) {
        return date.plusDays(1).atStartOfDay(Period.SWEDEN).toInstant();
    }

    /**
     * Each aggregate's version in force just before {@code end}: the one changed last before it (the
     * higher version on a tie). Aggregates with no version before {@code end} did not exist yet.
     */
    static <T> List<T> stateAt(
            List<T> versions,
            Instant end,
            Function<T, String> id,
            Function<T, Instant> from,
            java.util.function.ToLongFunction<T> version) {
        Comparator<T> order = Comparator.comparing(from).thenComparingLong(version);
        Map<String, T> latest = new HashMap<>();
        for (T v : versions) {
            if (!from.apply(v).isBefore(end)) {
                continue;
            }
            latest.merge(id.apply(v), v, (a, b) -> order.compare(a, b) >= 0 ? a : b);
        }
        return latest.values().stream().sorted(Comparator.comparing(id)).toList();
    }
}
