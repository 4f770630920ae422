package se.naravard.transition.liability;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import se.naravard.transition.agreement.Precondition;

/**
 * The payment-liability evidence for one episode (issue 4 "Payment-liability evidence"): the liable
 * days with their amounts, the total, the agreement preconditions that were missing (then there are no
 * liable days), and an explanation an auditor can follow line by line: which rule, which message,
 * which day.
 */
public record LiabilityAssessment(
        String agreement,
        List<LiableDay> liableDays,
        long totalKronor,
        Set<Precondition> missingPreconditions,
        List<String> explanation) {

    public LiabilityAssessment {
        Objects.requireNonNull(agreement, "agreement");
        liableDays = List.copyOf(liableDays);
        var missing = EnumSet.noneOf(Precondition.class);
        missing.addAll(missingPreconditions);
        missingPreconditions = Collections.unmodifiableSet(missing);
        explanation = List.copyOf(explanation);
        if (totalKronor != liableDays.stream().mapToLong(LiableDay::kronor).sum()) {
            throw new IllegalArgumentException("total does not match the liable days");
        }
    }

    public boolean isLiable() {
        return !liableDays.isEmpty();
    }
}
