package se.naravard.gateway.http;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.FhirErrors.Issue;

/**
 * Turns a service's problem+json (contract-service, transition-service: {@code code}, {@code title},
 * {@code errors[]} of {@code {field, code, message}}) into an OperationOutcome: the status is kept where
 * it means the same in FHIR (4xx), a 5xx of the service becomes 502, each {@code errors[].field} JSON
 * pointer becomes the FHIRPath of the element the gateway built it from (the {@link Pointers} table of
 * the resource written), or an {@code http.} location for a header or query parameter, and the
 * service's codes ({@code CONTRACT-…}, {@code TRANSITION-…}, {@code ID-…}) are kept.
 */
public final class ProblemTranslation {

    /** A service's JSON pointer (and the error's code) → the FHIRPath of the element it came from, or null. */
    @FunctionalInterface
    public interface Pointers {
        String expression(String pointer, String code);
    }

    /** application/problem+json of a refusal, read tolerantly. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Problem(String title, String code, List<FieldError> errors) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FieldError(String field, String code, String message) {}

    private ProblemTranslation() {}

    /** The problem in {@code body}, or null when it is none. */
    public static Problem read(ObjectMapper json, byte[] body) {
        try {
            return json.readValue(body, Problem.class);
        } catch (IOException e) {
            return null;
        }
    }

    public static BaseServerResponseException toException(
            String service, int httpStatus, Problem problem, Pointers pointers) {
        int status = httpStatus >= 500 ? 502 : httpStatus;
        IssueType type = issueType(status);
        List<Issue> issues = new ArrayList<>();
        String title = problem == null || problem.title() == null ? service + " refused the request" : problem.title();
        if (problem != null && problem.errors() != null) {
            for (FieldError e : problem.errors()) {
                String field = e.field() == null ? "" : e.field();
                String code = e.code() == null ? code(problem) : e.code();
                String expression = pointers.expression(field, code);
                issues.add(new Issue(
                        type,
                        code,
                        e.message() == null ? title : e.message(),
                        expression == null ? List.of() : List.of(expression),
                        location(field)));
            }
        }
        if (issues.isEmpty()) {
            issues.add(new Issue(
                    type,
                    httpStatus >= 500 ? FhirErrors.SERVICE_ANSWER : code(problem),
                    httpStatus >= 500 ? service + " failed (HTTP " + httpStatus + ")" : title,
                    List.of(),
                    null));
        }
        return FhirErrors.withStatus(status, issues);
    }

    private static String code(Problem problem) {
        return problem == null || problem.code() == null ? FhirErrors.SERVICE_ANSWER : problem.code();
    }

    /** {@code http.<name>} for a header or a query parameter, else null. */
    static String location(String field) {
        if (field.equals("If-Match")) {
            return "http.If-Match";
        }
        if (field.equals("/limit") || field.equals("/offset")) {
            return "http._count";
        }
        return null;
    }

    private static IssueType issueType(int status) {
        switch (status) {
            case 403:
                return IssueType.FORBIDDEN;
            case 404:
                return IssueType.NOTFOUND;
            case 409:
            case 412:
                return IssueType.CONFLICT;
            case 413:
                return IssueType.TOOLONG;
            case 428:
                return IssueType.REQUIRED;
            case 502:
                return IssueType.EXCEPTION;
            default:
                return IssueType.INVALID;
        }
    }
}
