package se.naravard.transition.episode;

import java.time.Instant;
import java.util.Objects;
import se.naravard.platform.identity.HsaId;

/** Who changed the episode (a person's HSA-id), for which unit, and when: kept for every version. */
public record Change(HsaId actor, HsaId unit, Instant at) {

    public Change {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(at, "at");
    }
}
