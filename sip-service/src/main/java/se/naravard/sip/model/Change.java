package se.naravard.sip.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import se.naravard.platform.identity.HsaId;

/**
 * Who changed the SIP ({@code person}, a member of staff, acting for {@code unit}), when, and why:
 * kept for every version. {@code reason} may be null, except where an operation requires it (cancel,
 * entered-in-error).
 */
public record Change(HsaId person, HsaId unit, Instant at, String reason) {

    /** Dates in a SIP (follow-up, intervention start) are Swedish calendar dates. */
    static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    public Change {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(at, "at");
    }

    boolean hasReason() {
        return reason != null && !reason.isBlank();
    }

    /** The Swedish calendar date of this change. */
    LocalDate date() {
        return at.atZone(SWEDEN).toLocalDate();
    }
}
