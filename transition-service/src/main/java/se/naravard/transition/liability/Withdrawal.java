package se.naravard.transition.liability;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A period when the patient was no longer utskrivningsklar: the notice was withdrawn (återtagande,
 * DOMAIN.md §5 step 4) at {@code withdrawnAt} and renewed by a new utskrivningsklar notice at {@code
 * renewedAt}, which is {@code null} while the patient is still not ready.
 */
public record Withdrawal(Instant withdrawnAt, Instant renewedAt) {

    public Withdrawal {
        Objects.requireNonNull(withdrawnAt, "withdrawnAt");
    }

    public Optional<Instant> renewal() {
        return Optional.ofNullable(renewedAt);
    }
}
