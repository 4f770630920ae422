package se.naravard.sip.model;

import java.util.Objects;
import se.naravard.platform.identity.HsaId;

/**
 * Who takes part in a SIP (DOMAIN.md §4 "Participants"): the person, närstående, representatives of
 * region and municipal units, and others. Each has an id unique within the SIP, which consent scope,
 * meeting attendance and follow-up refer to.
 *
 * <p>Java 17 cannot switch over sealed types, so {@link #kind()} gives an enum to switch over.
 */
public sealed interface Participant {

    ParticipantId id();

    Kind kind();

    /** The principal the participant acts for; {@code null} for the person and närstående. */
    default Principal principal() {
        return null;
    }

    enum Kind {
        PERSON,
        RELATED_PERSON,
        UNIT,
        OTHER
    }

    /** The person the plan is about; always a participant, id {@link #ID}. */
    record ThePerson() implements Participant {
        public static final ParticipantId ID = ParticipantId.of("person");

        @Override
        public ParticipantId id() {
            return ID;
        }

        @Override
        public Kind kind() {
            return Kind.PERSON;
        }
    }

    /**
     * A närstående (next of kin or other close person). Takes part only if suitable and the person
     * does not object (HSL 16 kap. 4 §, SoL 2025:400 10 kap. 9 §).
     */
    record RelatedPerson(ParticipantId id, String name, String relation) implements Participant {
        public RelatedPerson {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public Kind kind() {
            return Kind.RELATED_PERSON;
        }
    }

    /**
     * A representative of a region or municipal unit ({@code principal} REGION or MUNICIPALITY);
     * {@code contactName} may be left out when the unit, not a named person, takes part.
     */
    record UnitParticipant(ParticipantId id, Principal principal, HsaId unit, UnitRole role, String contactName)
            implements Participant {
        public UnitParticipant {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(role, "role");
        }

        @Override
        public Kind kind() {
            return Kind.UNIT;
        }
    }

    /** Someone outside region and municipality, e.g. school or Försäkringskassan (principal OTHER). */
    record OtherParticipant(ParticipantId id, String name, String organisation) implements Participant {
        public OtherParticipant {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public Kind kind() {
            return Kind.OTHER;
        }

        @Override
        public Principal principal() {
            return Principal.OTHER;
        }
    }
}
