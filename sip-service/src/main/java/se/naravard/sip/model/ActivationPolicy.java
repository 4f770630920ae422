package se.naravard.sip.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import se.naravard.platform.domain.Rejection;

/**
 * The rules a SIP must meet to become active (DOMAIN.md §4 "Software rules", after HSL 16 kap. 4 §
 * and SoL 2025:400 10 kap. 8–9 §§). Each policy names its rule and returns the refusals, empty if met;
 * {@link #check} runs them all so the user sees every gap at once.
 *
 * <p>The {@linkplain #structural structural} policies also guard every change to an active SIP: an
 * active plan never loses its region or municipal participant, an intervention's responsible or its
 * overall responsibility. Consent is not re-checked on changes — losing it is handled by revocation,
 * which keeps the SIP active but stops sharing — and neither is the follow-up date's age, since time
 * passing must not freeze the plan.
 */
enum ActivationPolicy {
    /** Consent is required to draw up the plan (HSL 16:4, SoL 10:8). */
    VALID_CONSENT(false) {
        @Override
        List<Rejection> check(SipContent sip, Instant at) {
            return sip.currentConsent().filter(c -> c.isValidAt(at)).isPresent()
                    ? List.of()
                    : List.of(SipRejections.VALID_CONSENT_REQUIRED.at(
                            "/consents", "a SIP is activated only with a consent valid at the activation time"));
        }
    },
    /** Both principals take part: the plan is drawn up by region and municipality together. */
    REGION_PARTICIPANT(true) {
        @Override
        List<Rejection> check(SipContent sip, Instant at) {
            return sip.hasParticipantOf(Principal.REGION)
                    ? List.of()
                    : List.of(SipRejections.REGION_PARTICIPANT_REQUIRED.at(
                            "/participants", "at least one participant from a region unit is required"));
        }
    },
    MUNICIPAL_PARTICIPANT(true) {
        @Override
        List<Rejection> check(SipContent sip, Instant at) {
            return sip.hasParticipantOf(Principal.MUNICIPALITY)
                    ? List.of()
                    : List.of(SipRejections.MUNICIPAL_PARTICIPANT_REQUIRED.at(
                            "/participants", "at least one participant from a municipal unit is required"));
        }
    },
    /** Required content 2: which principal is responsible for which intervention. */
    INTERVENTION_RESPONSIBLE(true) {
        @Override
        List<Rejection> check(SipContent sip, Instant at) {
            var rejections = new ArrayList<Rejection>();
            for (int i = 0; i < sip.interventions().size(); i++) {
                if (!sip.interventions().get(i).hasResponsible()) {
                    rejections.add(SipRejections.INTERVENTION_RESPONSIBLE_REQUIRED.at(
                            "/interventions/" + i, "every intervention needs a responsible principal and unit"));
                }
            }
            return rejections;
        }
    },
    /** Required content 4: which principal has overall responsibility. */
    OVERALL_RESPONSIBILITY(true) {
        @Override
        List<Rejection> check(SipContent sip, Instant at) {
            return sip.overallResponsibility() != null
                    ? List.of()
                    : List.of(SipRejections.OVERALL_RESPONSIBILITY_REQUIRED.at(
                            "/overallResponsibility", "one principal must have overall responsibility"));
        }
    },
    /** Practice: a follow-up date and who follows up (Vårdgivarguiden). */
    FOLLOW_UP(true) {
        @Override
        List<Rejection> check(SipContent sip, Instant at) {
            return sip.currentFollowUp().isPresent()
                    ? List.of()
                    : List.of(SipRejections.FOLLOW_UP_REQUIRED.at("/followUps", "a follow-up date is required"));
        }
    },
    /** A plan whose follow-up date has already passed is not a plan. */
    FOLLOW_UP_NOT_PAST(false) {
        @Override
        List<Rejection> check(SipContent sip, Instant at) {
            LocalDate today = at.atZone(Change.SWEDEN).toLocalDate();
            return sip.currentFollowUp()
                    .filter(f -> f.date().isBefore(today))
                    .map(f -> List.of(SipRejections.FOLLOW_UP_IN_PAST.at(
                            "/followUps/" + (sip.followUps().size() - 1) + "/date",
                            "the follow-up date is before the activation date")))
                    .orElse(List.of());
        }
    };

    private final boolean structural;

    ActivationPolicy(boolean structural) {
        this.structural = structural;
    }

    abstract List<Rejection> check(SipContent sip, Instant at);

    /** Every policy, for activation at {@code at}. */
    static List<Rejection> checkAll(SipContent sip, Instant at) {
        return Arrays.stream(values()).flatMap(p -> p.check(sip, at).stream()).toList();
    }

    /** The policies an active SIP must keep meeting after every change. */
    static List<Rejection> structural(SipContent sip, Instant at) {
        return Arrays.stream(values())
                .filter(p -> p.structural)
                .flatMap(p -> p.check(sip, at).stream())
                .toList();
    }
}
