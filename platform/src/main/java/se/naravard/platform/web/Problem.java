package se.naravard.platform.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error of the internal REST APIs
 * ({@code application/problem+json}). {@code code} is the stable, greppable code of the whole
 * problem; {@code errors} names each field at fault as a JSON pointer into the request body.
 */
@Serdeable
public record Problem(
        String type,
        String title,
        int status,
        @Nullable String detail,
        @Nullable String instance,
        String code,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** One field at fault: JSON pointer, stable code, and a message without personal data. */
    @Serdeable
    public record FieldError(String field, String code, String message) {}
}
