package se.naravard.contract.model;

import java.util.List;
import java.util.Objects;
import se.naravard.platform.domain.Rejection;

/** The outcome of asking a {@link Contract} to change: the new version and its event, or why not. */
public sealed interface Decision {

    /** The change was made: {@code contract} is the new version, {@code event} says what happened. */
    record Accepted(Contract contract, ContractEvent event) implements Decision {
        public Accepted {
            Objects.requireNonNull(contract, "contract");
            Objects.requireNonNull(event, "event");
        }
    }

    /** The change was refused; the contract is unchanged. Never empty. */
    record Rejected(List<Rejection> rejections) implements Decision {
        public Rejected {
            rejections = List.copyOf(rejections);
            if (rejections.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs at least one reason");
            }
        }
    }
}
