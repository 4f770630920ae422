package se.naravard.contract.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Who changed the contract, when, and why: kept for every version (DOMAIN.md §2 "Keep who/when/why
 * per version"). {@code reason} may be null, except where an operation requires it (revoke,
 * entered-in-error).
 */
public record Change(Actor actor, Instant at, String reason) {

    public Change {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
    }

    boolean hasReason() {
        return reason != null && !reason.isBlank();
    }
}
