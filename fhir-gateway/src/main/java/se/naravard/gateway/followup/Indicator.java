package se.naravard.gateway.followup;

import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One follow-up indicator of DOMAIN.md §8 as implemented: what it counts (docs/followup.md gives each
 * exact definition) and how its cases are found in the facts of a period.
 *
 * @param id the Measure's id, e.g. {@code complete-contracts}
 * @param scoring proportion (numerator / denominator) or continuous-variable (a mean and a median of
 *     an observation)
 * @param unit the observation's unit (UCUM), for continuous-variable; null for a proportion
 * @param cases the cases of a period: each in the denominator (or measure population), flagged if in the
 *     numerator, or with its observation
 */
public record Indicator(
        String id,
        String title,
        String description,
        Scoring scoring,
        String numerator,
        String denominator,
        String micro,
        String unit,
        BiFunction<FollowUpData, Period, List<Case>> cases) {

    /** Indicators of a proportion where lower is better (the others: higher is better). */
    private static final java.util.Set<String> LOWER_IS_BETTER = java.util.Set.of("readmission-30d");

    /**
     * The Measure's improvement notation: {@code increase} for a proportion (more on time, more complete),
     * {@code decrease} for times and for readmissions.
     */
    public String improvementNotation() {
        return scoring == Scoring.PROPORTION && !LOWER_IS_BETTER.contains(id) ? "increase" : "decrease";
    }

    public enum Scoring {
        PROPORTION,
        CONTINUOUS_VARIABLE
    }

    /**
     * One case: the unit (micro) and kommun (meso; its county is macro) it counts for, whether it is in
     * the numerator (proportion), and its observation (continuous-variable).
     */
    public record Case(String unit, String kommun, boolean inNumerator, double observation) {

        static Case of(String unit, String kommun, boolean inNumerator) {
            return new Case(unit, kommun, inNumerator, 0);
        }

        static Case observed(String unit, String kommun, double observation) {
            return new Case(unit, kommun, true, observation);
        }
    }

    /**
     * The facts one period's indicators are computed from, read at {@code asOf}: a target or due date
     * not yet passed then is undecided (left out until it is). {@code listings}: those in force on the
     * period's last day (Swedish time), at most one per patient.
     */
    public record FollowUpData(
            List<Facts.ContractVersion> contracts,
            List<Facts.SipVersion> sips,
            List<Facts.Episode> episodes,
            List<Facts.Acknowledgement> acknowledgements,
            List<Facts.SipMeeting> sipMeetings,
            List<Facts.SipFollowUp> sipFollowUps,
            List<Facts.NextStep> nextSteps,
            List<Facts.ContractVersion> nextStepContracts,
            List<Facts.Episode> laterAdmissions,
            Instant asOf,
            List<Facts.Listing> listings) {

        /** Facts without listings (see the one after this for {@code laterAdmissions}). */
        public FollowUpData(
                List<Facts.ContractVersion> contracts,
                List<Facts.SipVersion> sips,
                List<Facts.Episode> episodes,
                List<Facts.Acknowledgement> acknowledgements,
                List<Facts.SipMeeting> sipMeetings,
                List<Facts.SipFollowUp> sipFollowUps,
                List<Facts.NextStep> nextSteps,
                List<Facts.ContractVersion> nextStepContracts,
                List<Facts.Episode> laterAdmissions,
                Instant asOf) {
            this(
                    contracts,
                    sips,
                    episodes,
                    acknowledgements,
                    sipMeetings,
                    sipFollowUps,
                    nextSteps,
                    nextStepContracts,
                    laterAdmissions,
                    asOf,
                    List.of());
        }

        /** Facts without the admissions after the month's discharges (see below). */
        public FollowUpData(
                List<Facts.ContractVersion> contracts,
                List<Facts.SipVersion> sips,
                List<Facts.Episode> episodes,
                List<Facts.Acknowledgement> acknowledgements,
                List<Facts.SipMeeting> sipMeetings,
                List<Facts.SipFollowUp> sipFollowUps,
                List<Facts.NextStep> nextSteps,
                List<Facts.ContractVersion> nextStepContracts,
                Instant asOf,
                List<Facts.Listing> listings) {
            this(
                    contracts,
                    sips,
                    episodes,
                    acknowledgements,
                    sipMeetings,
                    sipFollowUps,
                    nextSteps,
                    nextStepContracts,
                    List.of(),
                    asOf,
                    listings);
        }

        /**
         * Facts without the admissions after the month's discharges. {@code laterAdmissions}: every episode
         * of the patients discharged in the period admitted after its start and at most the readmission
         * window after its end (readmission-30d).
         */
        public FollowUpData(
                List<Facts.ContractVersion> contracts,
                List<Facts.SipVersion> sips,
                List<Facts.Episode> episodes,
                List<Facts.Acknowledgement> acknowledgements,
                List<Facts.SipMeeting> sipMeetings,
                List<Facts.SipFollowUp> sipFollowUps,
                List<Facts.NextStep> nextSteps,
                List<Facts.ContractVersion> nextStepContracts,
                Instant asOf) {
            this(
                    contracts,
                    sips,
                    episodes,
                    acknowledgements,
                    sipMeetings,
                    sipFollowUps,
                    nextSteps,
                    nextStepContracts,
                    List.of(),
                    asOf);
        }

        /**
         * Facts without next steps. {@code nextSteps}: the steps due in the period; {@code
         * nextStepContracts}: every version of their contracts (whether each was in force when due).
         */
        public FollowUpData(
                List<Facts.ContractVersion> contracts,
                List<Facts.SipVersion> sips,
                List<Facts.Episode> episodes,
                List<Facts.Acknowledgement> acknowledgements,
                List<Facts.SipMeeting> sipMeetings,
                List<Facts.SipFollowUp> sipFollowUps,
                Instant asOf) {
            this(
                    contracts,
                    sips,
                    episodes,
                    acknowledgements,
                    sipMeetings,
                    sipFollowUps,
                    List.of(),
                    List.of(),
                    List.of(),
                    asOf);
        }

        /** Facts without SIP meetings and follow-ups, read long after the period (all decided). */
        public FollowUpData(
                List<Facts.ContractVersion> contracts,
                List<Facts.SipVersion> sips,
                List<Facts.Episode> episodes,
                List<Facts.Acknowledgement> acknowledgements) {
            this(contracts, sips, episodes, acknowledgements, List.of(), List.of(), Instant.MAX);
        }
    }
}
