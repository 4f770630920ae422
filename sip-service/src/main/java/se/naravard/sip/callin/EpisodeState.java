package se.naravard.sip.callin;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What sip-service reads of a care-transition episode carried by a {@code transition.events} event
 * (event-carried state): the episode after the change, with its messages and deadline tasks.
 *
 * @param status the episode status code: admitted, utskrivningsklar, discharged, closed
 * @param closedReason for a closed episode: deceased, moved, interrupted
 */
public record EpisodeState(
        UUID id,
        long version,
        String personSystem,
        String personValue,
        String kommun,
        boolean needsBothPrincipals,
        String status,
        String closedReason,
        List<Message> messages,
        List<Task> tasks) {

    public static final String CLOSED = "closed";
    public static final String SIP_CALL_IN = "sip-call-in";

    public EpisodeState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(personSystem, "personSystem");
        Objects.requireNonNull(personValue, "personValue");
        Objects.requireNonNull(kommun, "kommun");
        Objects.requireNonNull(status, "status");
        messages = List.copyOf(messages);
        tasks = List.copyOf(tasks);
    }

    public Optional<Message> message(UUID id) {
        return messages.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    public Optional<Task> task(UUID id) {
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** A message of the episode; {@code cancelledBy} is the makulering that voided it, if any. */
    public record Message(UUID id, String type, Instant sentAt, List<Invitee> addressees, UUID cancelledBy) {
        public Message {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(type, "type");
            addressees = List.copyOf(addressees);
        }
    }

    /**
     * A deadline task of the episode. {@code state}: open, met, missed; {@code fulfilledLateAt} when a
     * missed task was done late; {@code trigger} the message that started the clock.
     */
    public record Task(
            UUID id,
            String kind,
            Instant dueAt,
            String state,
            UUID trigger,
            Instant fulfilledLateAt,
            UUID fulfilledBy) {

        public static final String OPEN = "open";
        public static final String MET = "met";
        public static final String MISSED = "missed";

        public Task {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(state, "state");
        }

        /** Still waiting for the duty to be done: open, or missed and not yet done late. */
        public boolean awaitsFulfilment() {
            return OPEN.equals(state) || (MISSED.equals(state) && fulfilledLateAt == null);
        }

        /** The duty was done: met in time, or done late after it was missed. */
        public boolean fulfilled() {
            return MET.equals(state) || (MISSED.equals(state) && fulfilledLateAt != null);
        }
    }
}
