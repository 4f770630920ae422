package se.naravard.transition.episode;

import java.util.Objects;
import java.util.UUID;

/** The identity of one {@link Episode}. */
public record EpisodeId(UUID value) {

    public EpisodeId {
        Objects.requireNonNull(value, "value");
    }

    public static EpisodeId random() {
        return new EpisodeId(UUID.randomUUID());
    }
}
