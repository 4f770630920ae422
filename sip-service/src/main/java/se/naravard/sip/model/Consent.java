package se.naravard.sip.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The person's consent to the SIP and to sharing within it (HSL 16 kap. 4 §, SoL 2025:400 10 kap.
 * 8 §; DOMAIN.md §4, §7): who gave it, its scope, its period {@code [from, to)} ({@code to} null =
 * until further notice) and, once revoked, when and by whom.
 */
public record Consent(ConsentGiver givenBy, ConsentScope scope, Instant from, Instant to, Revocation revocation) {

    public Consent {
        Objects.requireNonNull(givenBy, "givenBy");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(from, "from");
    }

    /** A consent valid from {@code from} until further notice. */
    public static Consent given(ConsentGiver by, ConsentScope scope, Instant from) {
        return new Consent(by, scope, from, null, null);
    }

    /** True if {@code at} is within the period and the consent had not been revoked by then. */
    public boolean isValidAt(Instant at) {
        return !at.isBefore(from)
                && (to == null || at.isBefore(to))
                && (revocation == null || at.isBefore(revocation.at()));
    }

    public boolean isRevoked() {
        return revocation != null;
    }

    Consent revoked(Revocation revocation) {
        return new Consent(givenBy, scope, from, to, revocation);
    }

    /** The consent was withdrawn at {@code at} by the person or their representative. */
    public record Revocation(Instant at, ConsentGiver by) {
        public Revocation {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(by, "by");
        }
    }
}
