package se.naravard.contract.model;

import java.util.Objects;
import se.naravard.platform.identity.HsaId;

/**
 * Who acts: a member of staff ({@code person}, HSA-id) on behalf of a care unit or organisation
 * ({@code unit}, HSA-id). Part ownership is decided by the unit, not the person.
 */
public record Actor(HsaId person, HsaId unit) {

    public Actor {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(unit, "unit");
    }
}
