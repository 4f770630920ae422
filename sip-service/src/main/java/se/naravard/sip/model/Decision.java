package se.naravard.sip.model;

import java.util.List;
import java.util.Objects;
import se.naravard.platform.domain.Rejection;

/** The outcome of asking a {@link Sip} to change: the new version and its event, or why not. */
public sealed interface Decision {

    /** The change was made: {@code sip} is the new version, {@code event} says what happened. */
    record Accepted(Sip sip, SipEvent event) implements Decision {
        public Accepted {
            Objects.requireNonNull(sip, "sip");
            Objects.requireNonNull(event, "event");
        }
    }

    /** The change was refused; the SIP is unchanged. Never empty. */
    record Rejected(List<Rejection> rejections) implements Decision {
        public Rejected {
            rejections = List.copyOf(rejections);
            if (rejections.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs at least one reason");
            }
        }
    }
}
