package se.naravard.contract.model;

import java.util.Optional;
import se.naravard.platform.domain.Rejection;

/**
 * Who may change a part. Under PDL each vårdgivare keeps its own records, so a part is written only
 * by the unit that owns it or by a unit the owner delegated to (DOMAIN.md §2, "Who may
 * create/update"; the delegation model is our design).
 */
final class OwnershipPolicy {

    private OwnershipPolicy() {}

    /**
     * May {@code actor} store {@code proposed}, replacing {@code existing} if there is one? A new part
     * must name the actor's unit as owner or delegate. An existing part may be changed by its owner or
     * a delegate, but only the owner may hand it over or change its delegates — otherwise a delegate
     * could make itself owner.
     */
    static Optional<Rejection> mayPut(Optional<Part> existing, Part proposed, Actor actor) {
        var pointer = proposed.type().pointer() + "/owner";
        if (proposed.owner() == null) {
            return Optional.empty(); // part validation refuses the missing owner
        }
        if (existing.isEmpty()) {
            return proposed.isOwnerOrDelegate(actor.unit())
                    ? Optional.empty()
                    : Optional.of(notOwnerOrDelegate(pointer));
        }
        var current = existing.get();
        if (!current.isOwnerOrDelegate(actor.unit())) {
            return Optional.of(notOwnerOrDelegate(pointer));
        }
        if (!current.owner().equals(actor.unit()) && !current.sameOwnershipAs(proposed)) {
            return Optional.of(ContractRejections.ONLY_OWNER_MAY_CHANGE_OWNERSHIP.at(
                    pointer, "a delegate may not change the owner or the delegates of a part"));
        }
        return Optional.empty();
    }

    /** May {@code actor} remove {@code existing}? Only its owner or a delegate. */
    static Optional<Rejection> mayRemove(Part existing, Actor actor) {
        return existing.isOwnerOrDelegate(actor.unit())
                ? Optional.empty()
                : Optional.of(notOwnerOrDelegate(existing.type().pointer() + "/owner"));
    }

    private static Rejection notOwnerOrDelegate(String pointer) {
        return ContractRejections.NOT_OWNER_OR_DELEGATE.at(
                pointer, "the acting unit is neither the owner of this part nor a delegate of the owner");
    }
}
