package se.naravard.platform.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.naravard.platform.domain.Rejection;

/**
 * Makes the framework's own errors (malformed JSON, unknown fields, wrong types, 404, 405, 413, 415)
 * problem+json too, each with a stable {@code REQUEST-0xx} code and, where the cause names one, the
 * field at fault.
 */
@Singleton
@Replaces(
        bean = JsonErrorResponseBodyProvider.class,
        named = "io.micronaut.http.server.exceptions.response.DefaultJsonErrorResponseBodyProvider")
public class ProblemErrorBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("Unknown property \\[([^\\]]+)\\]");
    private static final Pattern PROPERTY = Pattern.compile("property \\[([^\\]]+)\\]");

    @Override
    public String contentType() {
        return Problem.MEDIA_TYPE;
    }

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        String code = codeFor(status);
        String detail = context.getErrors().isEmpty()
                ? null
                : context.getErrors().get(0).getMessage();
        List<Rejection> fields = new ArrayList<>();
        if (status == 400) {
            String message = rootMessage(context).orElse(detail == null ? "" : detail);
            Matcher unknown = UNKNOWN_PROPERTY.matcher(message);
            Matcher property = PROPERTY.matcher(message);
            if (unknown.find()) {
                code = "REQUEST-002";
                fields.add(new Rejection(code, "/" + unknown.group(1), "unknown field"));
            } else if (property.find()) {
                code = "REQUEST-003";
                fields.add(new Rejection(code, "/" + property.group(1), "invalid value"));
            }
            detail = fields.isEmpty() ? "The request body is not valid JSON of the expected shape." : null;
        }
        if (status >= 500) {
            // The cause (an SQL message, a stack of class names) is for the log, never for the client.
            detail = "The service failed to handle the request; it is in the service's log. Try again later.";
        }
        return Problems.problem(
                status,
                code,
                response.reason(),
                sanitize(detail),
                context.getRequest().getPath(),
                fields);
    }

    private static Optional<String> rootMessage(ErrorContext context) {
        Throwable t = context.getRootCause().orElse(null);
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null) {
                all.append(c.getMessage()).append(' ');
            }
        }
        return all.isEmpty() ? Optional.empty() : Optional.of(all.toString());
    }

    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "REQUEST-001";
            case 401 -> "REQUEST-401";
            case 403 -> "REQUEST-403";
            case 404 -> "REQUEST-404";
            case 405 -> "REQUEST-405";
            case 406 -> "REQUEST-406";
            case 413 -> "REQUEST-413";
            case 415 -> "REQUEST-415";
            default -> "REQUEST-" + status;
        };
    }

    /** Framework messages can echo input; cut them short and never let digits of an identifier through. */
    private static String sanitize(String detail) {
        if (detail == null) {
            return null;
        }
        String cut = detail.length() > 300 ? detail.substring(0, 300) : detail;
        return cut.replaceAll("\\d{6,}", "…");
    }
}
