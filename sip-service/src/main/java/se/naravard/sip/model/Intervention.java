package se.naravard.sip.model;

import java.time.LocalDate;
import java.util.Objects;
import se.naravard.platform.identity.HsaId;

/**
 * An insats (intervention): what is done, which principal and unit are responsible, from when, and
 * how it stands (HSL 16 kap. 4 § and SoL 10 kap. 8 §, required content 1–3). A draft may leave
 * principal, unit and start open; activation needs principal and unit (DOMAIN.md §4 "Software
 * rules"). {@code start} stays optional: a planned insats may not have a date yet.
 */
public record Intervention(
        InterventionId id,
        String what,
        Principal responsiblePrincipal,
        HsaId responsibleUnit,
        LocalDate start,
        InterventionStatus status) {

    public Intervention {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }

    boolean hasResponsible() {
        return responsiblePrincipal != null && responsibleUnit != null;
    }
}
