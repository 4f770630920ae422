package se.naravard.transition.episode;

import java.time.Instant;
import java.util.Objects;
import se.naravard.platform.identity.HsaId;
import se.naravard.transition.deadline.DeadlineState;

/**
 * One deadline clock of an episode: what is due ({@code kind}), by when, what started it ({@code
 * trigger}: the message, or {@code null} for admission and discharge), for which addressee (receipts
 * only), where it stands, and which message or receipt fulfilled it ({@code fulfilledBy}).
 */
public record DeadlineTask(
        TaskKind kind, Instant dueAt, MessageId trigger, HsaId addressee, DeadlineState state, MessageId fulfilledBy) {

    public DeadlineTask {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(state, "state");
    }

    static DeadlineTask open(TaskKind kind, Instant dueAt, MessageId trigger, HsaId addressee) {
        return new DeadlineTask(kind, dueAt, trigger, addressee, new DeadlineState.Open(), null);
    }

    /** Still waiting for its fulfilment: open, or missed with nothing having come late either. */
    boolean awaitsFulfilment() {
        return switch (state.kind()) {
            case OPEN -> true;
            case MET -> false;
            case MISSED -> ((DeadlineState.Missed) state).fulfilledLateAt() == null;
        };
    }

    boolean isFulfilled() {
        return !awaitsFulfilment();
    }

    DeadlineTask with(DeadlineState next, MessageId by) {
        return new DeadlineTask(kind, dueAt, trigger, addressee, next, by);
    }
}
