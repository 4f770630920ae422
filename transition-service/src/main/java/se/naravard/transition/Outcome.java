package se.naravard.transition;

import java.util.List;
import java.util.Objects;
import se.naravard.platform.domain.Rejection;

/**
 * The result of a rule that can refuse its input: a value, or the refusals (STYLE.md §2 "Refusals are
 * values"). Java 17 cannot switch over sealed types, so {@link #kind()} gives an enum to switch over.
 */
public sealed interface Outcome<T> {

    Kind kind();

    enum Kind {
        OK,
        REFUSED
    }

    static <T> Outcome<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Outcome<T> refused(List<Rejection> rejections) {
        return new Refused<>(rejections);
    }

    /** The rule produced {@code value}. */
    record Ok<T>(T value) implements Outcome<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Kind kind() {
            return Kind.OK;
        }
    }

    /** The rule refused its input; never empty. */
    record Refused<T>(List<Rejection> rejections) implements Outcome<T> {
        public Refused {
            rejections = List.copyOf(rejections);
            if (rejections.isEmpty()) {
                throw new IllegalArgumentException("a refusal needs at least one reason");
            }
        }

        @Override
        public Kind kind() {
            return Kind.REFUSED;
        }
    }

    /** The value, for callers (mostly tests) that have already checked {@link #kind()}. */
    default T orElseThrow() {
        return switch (kind()) {
            case OK -> ((Ok<T>) this).value();
            case REFUSED -> throw new IllegalStateException("refused: " + rejections());
        };
    }

    /** The refusals; empty when the outcome is OK. */
    default List<Rejection> rejections() {
        return switch (kind()) {
            case OK -> List.of();
            case REFUSED -> ((Refused<T>) this).rejections();
        };
    }
}
