package se.naravard.contract.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The granskningsmall: checks a contract version against what a good documented agreement holds, for
 * learning rather than for control (DOMAIN.md §2). Evaluating never changes the contract.
 */
public final class ReviewTemplate {

    private ReviewTemplate() {}

    /** One result per {@link ReviewCheck}, in the enum's order. */
    public static List<CheckResult> evaluate(Contract contract) {
        return Arrays.stream(ReviewCheck.values())
                .map(check -> evaluate(check, contract))
                .toList();
    }

    private static CheckResult evaluate(ReviewCheck check, Contract contract) {
        return switch (check) {
            case ALL_FOUR_PARTS_PRESENT -> allFourParts(contract);
            case PATIENT_GOAL_RECORDED -> CheckResult.of(
                    check,
                    planning(contract).map(Planning::hasGoal).orElse(false),
                    "the patient's goal is recorded",
                    "no goal of the patient is recorded");
            case NEXT_STEP_HAS_OWNER_AND_DATE -> nextStep(contract);
            case CONTACT_PATH_REACHABLE -> CheckResult.of(
                    check,
                    fastVardkontakt(contract)
                            .map(f -> f.reach() != null && f.reach().isReachable())
                            .orElse(false),
                    "the fast vårdkontakt can be reached by phone or e-service",
                    "there is no reachable fast vårdkontakt");
            case AGREED_WITH_PATIENT -> agreed(contract);
        };
    }

    private static CheckResult allFourParts(Contract contract) {
        var missing = Arrays.stream(PartType.values())
                .filter(type -> !contract.parts().containsKey(type))
                .map(PartType::slug)
                .collect(Collectors.joining(", "));
        return CheckResult.of(
                ReviewCheck.ALL_FOUR_PARTS_PRESENT,
                missing.isEmpty(),
                "all four parts are present",
                "missing: " + missing);
    }

    /** No step ahead fails too: a contract without a next step tells the patient nothing about what happens. */
    private static CheckResult nextStep(Contract contract) {
        var ahead = nextSteps(contract).map(NextSteps::ahead).orElse(List.of());
        var incomplete = ahead.stream().filter(s -> !s.hasOwnerAndDate()).count();
        if (ahead.isEmpty()) {
            return new CheckResult(ReviewCheck.NEXT_STEP_HAS_OWNER_AND_DATE, false, "no planned or booked next step");
        }
        return CheckResult.of(
                ReviewCheck.NEXT_STEP_HAS_OWNER_AND_DATE,
                incomplete == 0,
                "every step ahead has a responsible unit and a date",
                incomplete + " of " + ahead.size() + " steps ahead lack a responsible unit or a date");
    }

    private static CheckResult agreed(Contract contract) {
        var agreed =
                switch (contract.status().kind()) {
                    case ACTIVE, REVISED, COMPLETED -> true;
                    case DRAFT, REVOKED, ENTERED_IN_ERROR -> false;
                };
        return CheckResult.of(
                ReviewCheck.AGREED_WITH_PATIENT,
                agreed,
                "agreed with the patient (" + contract.status().code() + ")",
                "not agreed with the patient (" + contract.status().code() + ")");
    }

    private static Optional<Planning> planning(Contract contract) {
        return contract.part(PartType.PLANNING).map(Planning.class::cast);
    }

    private static Optional<FastVardkontakt> fastVardkontakt(Contract contract) {
        return contract.part(PartType.FAST_VARDKONTAKT).map(FastVardkontakt.class::cast);
    }

    private static Optional<NextSteps> nextSteps(Contract contract) {
        return contract.part(PartType.NEXT_STEPS).map(NextSteps.class::cast);
    }
}
