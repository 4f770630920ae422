package se.naravard.contract.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What happened to a patientkontrakt, in the past tense. Contract id, version, actor and time are in
 * the envelope (the accepted contract's {@code id}, {@code version} and {@code lastChange}); each
 * event carries only what changed. {@link #typeName()} is the event type without the service prefix
 * and version suffix ({@code se.naravard.contract.<typeName>.v1}).
 */
public sealed interface ContractEvent {

    String typeName();

    /** A new contract was drawn up with these parts. */
    record ContractDrafted(List<PartType> parts) implements ContractEvent {
        public ContractDrafted {
            parts = List.copyOf(parts);
        }

        @Override
        public String typeName() {
            return "contract-drafted";
        }
    }

    /** A part was created, replaced or ({@code removed}) taken away. */
    record ContractPartChanged(PartType part, boolean removed) implements ContractEvent {
        public ContractPartChanged {
            Objects.requireNonNull(part, "part");
        }

        @Override
        public String typeName() {
            return "contract-part-changed";
        }
    }

    /** The contract was agreed (or agreed again after a revision) with the patient. */
    record ContractActivated(Instant agreedAt, Actor agreedBy) implements ContractEvent {
        public ContractActivated {
            Objects.requireNonNull(agreedAt, "agreedAt");
            Objects.requireNonNull(agreedBy, "agreedBy");
        }

        @Override
        public String typeName() {
            return "contract-activated";
        }
    }

    record ContractCompleted() implements ContractEvent {
        @Override
        public String typeName() {
            return "contract-completed";
        }
    }

    record ContractRevoked(String reason) implements ContractEvent {
        public ContractRevoked {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String typeName() {
            return "contract-revoked";
        }
    }

    record ContractEnteredInError(String reason) implements ContractEvent {
        public ContractEnteredInError {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String typeName() {
            return "contract-entered-in-error";
        }
    }

    /** A granskning of one contract version was recorded; the contract itself did not change. */
    record ContractReviewed(UUID reviewId, int contractVersion, boolean passed, List<ReviewCheck> failedChecks)
            implements ContractEvent {
        public ContractReviewed {
            Objects.requireNonNull(reviewId, "reviewId");
            failedChecks = List.copyOf(failedChecks);
        }

        @Override
        public String typeName() {
            return "contract-reviewed";
        }
    }
}
