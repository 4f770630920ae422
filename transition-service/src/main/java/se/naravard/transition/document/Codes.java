package se.naravard.transition.document;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Enum constants as JSON codes: {@code ATERTAGANDE_UTSKRIVNINGSKLAR} ↔ {@code atertagande-utskrivningsklar}. */
public final class Codes {

    private Codes() {}

    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (E e : type.getEnumConstants()) {
            if (of(e).equals(code)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The allowed codes, for an error message: "a, b, c". */
    public static <E extends Enum<E>> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Codes::of).collect(Collectors.joining(", "));
    }

    static <E extends Enum<E>> E required(Class<E> type, String code) {
        return parse(type, code)
                .orElseThrow(() -> new IllegalStateException("stored " + type.getSimpleName() + " unknown: " + code));
    }
}
