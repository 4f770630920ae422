package se.naravard.transition.deadline;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a deadline clock stands: open, met or missed (issue 4 "Deadline clocks"). Java 17 cannot
 * switch over sealed types, so {@link #kind()} gives an enum to switch over exhaustively.
 */
public sealed interface DeadlineState {

    Kind kind();

    enum Kind {
        OPEN,
        MET,
        MISSED
    }

    /** Not yet due and not yet fulfilled. */
    record Open() implements DeadlineState {
        @Override
        public Kind kind() {
            return Kind.OPEN;
        }
    }

    /** Fulfilled at {@code at}, at or before the due time. */
    record Met(Instant at) implements DeadlineState {
        public Met {
            Objects.requireNonNull(at, "at");
        }

        @Override
        public Kind kind() {
            return Kind.MET;
        }
    }

    /**
     * Missed at {@code at} (the due time). A late fulfilment does not turn it into met, but is kept as
     * evidence: {@code fulfilledLateAt} is {@code null} while nothing has come.
     */
    record Missed(Instant at, Instant fulfilledLateAt) implements DeadlineState {
        public Missed {
            Objects.requireNonNull(at, "at");
        }

        public Optional<Instant> lateFulfilment() {
            return Optional.ofNullable(fulfilledLateAt);
        }

        @Override
        public Kind kind() {
            return Kind.MISSED;
        }
    }
}
