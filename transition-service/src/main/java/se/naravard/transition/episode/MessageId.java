package se.naravard.transition.episode;

import java.util.Objects;
import java.util.UUID;

/** The identity of one {@link Message}, unique within its episode. */
public record MessageId(UUID value) {

    public MessageId {
        Objects.requireNonNull(value, "value");
    }

    public static MessageId random() {
        return new MessageId(UUID.randomUUID());
    }
}
