package se.naravard.platform.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;
import java.util.Locale;
import se.naravard.platform.domain.Rejection;

/** Builds problem responses; the one place that knows their shape. */
public final class Problems {

    private Problems() {}

    /**
     * A problem; without a {@code detail} of its own it gets one, so that every refusal says what is
     * wrong in {@code detail} (RFC 9457): the reasons of its rejections, or else its title.
     */
    public static Problem problem(
            int status, String code, String title, String detail, String instance, List<Rejection> rejections) {
        List<Problem.FieldError> errors = rejections.stream()
                .map(r -> new Problem.FieldError(r.field(), r.code(), r.reason()))
                .toList();
        return new Problem(typeOf(code), title, status, detailOf(detail, title, rejections), instance, code, errors);
    }

    private static String detailOf(String detail, String title, List<Rejection> rejections) {
        if (detail != null && !detail.isBlank()) {
            return detail;
        }
        if (!rejections.isEmpty()) {
            return String.join(
                    "; ", rejections.stream().map(Rejection::reason).distinct().toList());
        }
        return title;
    }

    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, Problem problem) {
        return HttpResponse.<Problem>status(io.micronaut.http.HttpStatus.valueOf(problem.status()))
                .contentType(Problem.MEDIA_TYPE)
                .body(problem);
    }

    static String typeOf(String code) {
        return "urn:naravard:problem:" + code.toLowerCase(Locale.ROOT);
    }
}
