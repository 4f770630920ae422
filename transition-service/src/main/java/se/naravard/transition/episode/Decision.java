package se.naravard.transition.episode;

import java.util.List;
import java.util.Objects;
import se.naravard.platform.domain.Rejection;

/**
 * The outcome of asking an {@link Episode} to change: the new version and its events, or why not. Java
 * 17 cannot switch over sealed types, so {@link #kind()} gives an enum to switch over.
 */
public sealed interface Decision {

    Kind kind();

    enum Kind {
        ACCEPTED,
        REJECTED
    }

    /** {@code episode} is the new version; {@code events} say what happened (empty: nothing did). */
    record Accepted(Episode episode, List<EpisodeEvent> events) implements Decision {
        public Accepted {
            Objects.requireNonNull(episode, "episode");
            events = List.copyOf(events);
        }

        @Override
        public Kind kind() {
            return Kind.ACCEPTED;
        }
    }

    /** The change was refused; the episode is unchanged. Never empty. */
    record Rejected(List<Rejection> rejections) implements Decision {
        public Rejected {
            rejections = List.copyOf(rejections);
            if (rejections.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs at least one reason");
            }
        }

        @Override
        public Kind kind() {
            return Kind.REJECTED;
        }
    }
}
