package se.naravard.contract.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.identity.HsaId;

/**
 * One of the four parts of a patientkontrakt. Each part belongs to one care unit ({@code owner}):
 * under PDL every vårdgivare keeps its own records, so only the owner or a unit it delegated to may
 * change the part (DOMAIN.md §2, "Who may create/update").
 *
 * <p>Constructors only guard against programming errors; what a user typed is checked by {@link
 * #validate()}, which returns rejections whose fields are JSON pointers into the contract document.
 */
public sealed interface Part permits Planning, FastVardkontakt, FastLakarkontakt, NextSteps {

    PartType type();

    /** HSA-id of the owning care unit. */
    HsaId owner();

    /** HSA-ids of units the owner lets edit the part's content. */
    Set<HsaId> delegates();

    /** User-facing validation; empty when the part may be stored. */
    List<Rejection> validate();

    default boolean isOwnerOrDelegate(HsaId unit) {
        return unit.equals(owner()) || delegates().contains(unit);
    }

    /** True when both parts have the same owner and delegates. */
    default boolean sameOwnershipAs(Part other) {
        return Objects.equals(owner(), other.owner()) && delegates().equals(other.delegates());
    }
}
