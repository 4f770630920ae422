package se.naravard.transition.deadline;

import java.time.Instant;
import java.util.Objects;

/**
 * One deadline clock: what is due, when, and where it stands. Met means fulfilled at or before
 * {@code dueAt}; missed means {@code now} is after {@code dueAt} without fulfilment, or the fulfilment
 * came late (issue 4 "Deadline clocks": open, met, missed).
 */
public record Deadline(DeadlineKind kind, Instant dueAt, DeadlineState state) {

    public Deadline {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(state, "state");
    }

    static Deadline open(DeadlineKind kind, Instant dueAt) {
        return new Deadline(kind, dueAt, new DeadlineState.Open());
    }

    /**
     * The state at {@code now}, given when the duty was fulfilled ({@code null} if not yet). A
     * fulfilment after {@code now} is not yet known and is ignored.
     */
    public DeadlineState stateAt(Instant now, Instant fulfilledAt) {
        Objects.requireNonNull(now, "now");
        var fulfilled = fulfilledAt != null && !fulfilledAt.isAfter(now) ? fulfilledAt : null;
        if (fulfilled != null && !fulfilled.isAfter(dueAt)) {
            return new DeadlineState.Met(fulfilled);
        }
        if (fulfilled != null || now.isAfter(dueAt)) {
            return new DeadlineState.Missed(dueAt, fulfilled);
        }
        return new DeadlineState.Open();
    }

    /** This deadline with its state brought up to {@code now}. */
    public Deadline evaluatedAt(Instant now, Instant fulfilledAt) {
        return new Deadline(kind, dueAt, stateAt(now, fulfilledAt));
    }
}
