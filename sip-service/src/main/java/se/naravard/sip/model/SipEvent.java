package se.naravard.sip.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import se.naravard.platform.identity.Kommunkod;

/**
 * What happened to a SIP, in the past tense. SIP id, version, actor and time are in the envelope (the
 * accepted SIP's {@code id}, {@code version} and {@code lastChange}); each event carries only what
 * changed, never a personnummer. {@link #typeName()} is the event type without service prefix and
 * version suffix ({@code se.naravard.sip.<typeName>.v1}).
 */
public sealed interface SipEvent {

    String typeName();

    record SipDrafted(Kommunkod kommun) implements SipEvent {
        public SipDrafted {
            Objects.requireNonNull(kommun, "kommun");
        }

        @Override
        public String typeName() {
            return "sip-drafted";
        }
    }

    /** One part of the content changed. */
    record SipChanged(SipPart part) implements SipEvent {
        public SipChanged {
            Objects.requireNonNull(part, "part");
        }

        @Override
        public String typeName() {
            return "sip-changed";
        }
    }

    record SipActivated(Instant at) implements SipEvent {
        public SipActivated {
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String typeName() {
            return "sip-activated";
        }
    }

    /** A new consent became the SIP's current consent; sharing follows its scope from {@code from}. */
    record ConsentGiven(ConsentScope scope, Instant from, Instant to, boolean byRepresentative) implements SipEvent {
        public ConsentGiven {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(from, "from");
        }

        @Override
        public String typeName() {
            return "consent-given";
        }
    }

    /**
     * The person (or representative) withdrew consent at {@code at}. From that instant nothing of the
     * SIP may be shared: the gateway must refuse cross-organisation reads and every subscriber must
     * stop sharing and drop shared copies at once, without waiting for a status change (HSL 16:4, SoL
     * 10:8; DOMAIN.md §7 "data crosses only with consent"). The SIP itself keeps its status.
     */
    record ConsentRevoked(Instant at, boolean byRepresentative) implements SipEvent {
        public ConsentRevoked {
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String typeName() {
            return "consent-revoked";
        }
    }

    /**
     * The person's objection to närstående taking part was recorded ({@code objects}) or withdrawn;
     * {@code removed} are the närstående taken out of the SIP, and so out of sharing, by the objection.
     */
    record NarstaendeObjectionRecorded(boolean objects, List<ParticipantId> removed) implements SipEvent {
        public NarstaendeObjectionRecorded {
            removed = List.copyOf(removed);
        }

        @Override
        public String typeName() {
            return "narstaende-objection-recorded";
        }
    }

    record MeetingHeld(MeetingId meeting, Instant at, Set<ParticipantId> attendees) implements SipEvent {
        public MeetingHeld {
            Objects.requireNonNull(meeting, "meeting");
            Objects.requireNonNull(at, "at");
            attendees = Set.copyOf(attendees);
        }

        @Override
        public String typeName() {
            return "meeting-held";
        }
    }

    /** The follow-up due on {@code date} was done; its result is in the SIP. */
    record SipFollowedUp(LocalDate date, Instant at) implements SipEvent {
        public SipFollowedUp {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String typeName() {
            return "sip-followed-up";
        }
    }

    record SipCompleted() implements SipEvent {
        @Override
        public String typeName() {
            return "sip-completed";
        }
    }

    record SipCancelled(String reason) implements SipEvent {
        public SipCancelled {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String typeName() {
            return "sip-cancelled";
        }
    }

    record SipEnteredInError(String reason) implements SipEvent {
        public SipEnteredInError {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String typeName() {
            return "sip-entered-in-error";
        }
    }
}
