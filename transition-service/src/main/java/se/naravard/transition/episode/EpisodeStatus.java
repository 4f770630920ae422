package se.naravard.transition.episode;

import java.time.Instant;
import java.util.Objects;

/**
 * Where an episode (slutenvårdstillfälle) stands. Java 17 cannot switch over sealed types, so {@link
 * #kind()} gives an enum to switch over exhaustively.
 */
public sealed interface EpisodeStatus {

    Kind kind();

    enum Kind {
        ADMITTED,
        UTSKRIVNINGSKLAR,
        DISCHARGED,
        CLOSED
    }

    /** Why an episode closed without a discharge [PRACTICE: patient avliden / flyttad / avbrott]. */
    enum ClosedReason {
        DECEASED,
        MOVED,
        INTERRUPTED
    }

    /** In hospital, not (or no longer) ready for discharge. */
    record Admitted() implements EpisodeStatus {
        @Override
        public Kind kind() {
            return Kind.ADMITTED;
        }
    }

    /**
     * Utskrivningsklar: ready for discharge since the notice sent at {@code noticeAt} (DOMAIN.md §5 step
     * 4); payment liability counts from it.
     */
    record Utskrivningsklar(Instant noticeAt) implements EpisodeStatus {
        public Utskrivningsklar {
            Objects.requireNonNull(noticeAt, "noticeAt");
        }

        @Override
        public Kind kind() {
            return Kind.UTSKRIVNINGSKLAR;
        }
    }

    /** Left hospital at {@code at}. */
    record Discharged(Instant at) implements EpisodeStatus {
        public Discharged {
            Objects.requireNonNull(at, "at");
        }

        @Override
        public Kind kind() {
            return Kind.DISCHARGED;
        }
    }

    /** Ended without a discharge, by the message sent at {@code at}. */
    record Closed(ClosedReason reason, Instant at) implements EpisodeStatus {
        public Closed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public Kind kind() {
            return Kind.CLOSED;
        }
    }
}
