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
            Instant asOf,
            List<Facts.Listing> listings) {

        /** Facts without listings. */
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
                    asOf,
                    List.of());
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
            this(contracts, sips, episodes, acknowledgements, sipMeetings, sipFollowUps, List.of(), List.of(), asOf);
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
