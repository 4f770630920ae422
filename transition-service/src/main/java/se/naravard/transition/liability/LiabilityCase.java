package se.naravard.transition.liability;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import se.naravard.transition.agreement.Precondition;

/**
 * The facts of one episode that payment liability depends on (DOMAIN.md §5 "Payment liability"): when
 * the utskrivningsklar notice was sent, when the patient left ({@code null} = still in hospital), the
 * date to count up to while still in hospital ({@code asOf}, inclusive; ignored when later than the
 * discharge), the withdrawals in time order, and the preconditions that were fulfilled.
 */
public record LiabilityCase(
        Instant utskrivningsklarSentAt,
        Instant dischargedAt,
        LocalDate asOf,
        List<Withdrawal> withdrawals,
        Set<Precondition> fulfilled) {

    public LiabilityCase {
        Objects.requireNonNull(utskrivningsklarSentAt, "utskrivningsklarSentAt");
        withdrawals = List.copyOf(withdrawals);
        var copy = EnumSet.noneOf(Precondition.class);
        copy.addAll(fulfilled);
        // The notice time is itself the evidence that the utskrivningsklar notice was sent.
        copy.add(Precondition.UTSKRIVNINGSKLAR_SENT);
        fulfilled = Collections.unmodifiableSet(copy);
    }

    public Optional<Instant> discharge() {
        return Optional.ofNullable(dischargedAt);
    }

    public Optional<LocalDate> countUntil() {
        return Optional.ofNullable(asOf);
    }
}
