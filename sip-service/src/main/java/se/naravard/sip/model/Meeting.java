package se.naravard.sip.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A SIP meeting: planned for {@code plannedAt} at a place or in a mode ("Vårdcentralen Ekhagen",
 * "video"); once held, {@code held} says when and which participants attended.
 */
public record Meeting(MeetingId id, Instant plannedAt, String placeOrMode, Held held) {

    public Meeting {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(plannedAt, "plannedAt");
    }

    public Optional<Held> heldOptional() {
        return Optional.ofNullable(held);
    }

    Meeting heldAt(Instant at, Set<ParticipantId> attendees) {
        return new Meeting(id, plannedAt, placeOrMode, new Held(at, attendees));
    }

    /** When the meeting took place and who of the participants attended. */
    public record Held(Instant at, Set<ParticipantId> attendees) {
        public Held {
            Objects.requireNonNull(at, "at");
            attendees = Set.copyOf(attendees);
        }
    }
}
