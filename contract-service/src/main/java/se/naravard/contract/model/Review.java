package se.naravard.contract.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import se.naravard.contract.model.ContractEvent.ContractReviewed;

/**
 * A granskning: one reviewer's evaluation of one contract version against the {@link ReviewTemplate}.
 * It attaches to the version it read (DOMAIN.md §2 "Granskning result attaches to a specific
 * version"), so a later change does not make an old review look like it covered the new content.
 */
public record Review(
        UUID id,
        ContractId contractId,
        int contractVersion,
        Actor reviewer,
        Instant at,
        List<CheckResult> results,
        String comment) {

    public Review {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(contractId, "contractId");
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(at, "at");
        results = List.copyOf(results);
        if (contractVersion < 1) {
            throw new IllegalArgumentException("contract versions start at 1, was " + contractVersion);
        }
    }

    /** Reviews the contract's current version. The contract and its version are left as they are. */
    public static Review of(Contract contract, Actor reviewer, Instant at, String comment) {
        return new Review(
                UUID.randomUUID(),
                contract.id(),
                contract.version(),
                reviewer,
                at,
                ReviewTemplate.evaluate(contract),
                comment);
    }

    /** True when every check passed. */
    public boolean passed() {
        return results.stream().allMatch(CheckResult::passed);
    }

    public List<ReviewCheck> failedChecks() {
        return results.stream().filter(r -> !r.passed()).map(CheckResult::check).toList();
    }

    /** The event to publish when the review is stored. */
    public ContractReviewed reviewed() {
        return new ContractReviewed(id, contractVersion, passed(), failedChecks());
    }
}
