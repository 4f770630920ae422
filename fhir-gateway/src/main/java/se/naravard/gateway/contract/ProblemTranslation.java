package se.naravard.gateway.contract;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import se.naravard.gateway.contract.ContractDocs.FieldError;
import se.naravard.gateway.contract.ContractDocs.Problem;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.FhirErrors.Issue;

/**
 * Turns contract-service's problem+json into an OperationOutcome: the status is kept where it means
 * the same in FHIR (4xx), a 5xx of the service becomes 502, each {@code errors[].field} JSON pointer
 * becomes the FHIRPath of the element the gateway built from it (or an {@code http.} location for a
 * header or query parameter), and the service's codes ({@code CONTRACT-…}, {@code ID-…}) are kept.
 */
public final class ProblemTranslation {

    private static final Pattern STEP = Pattern.compile("/parts/nasta-steg/steps/(\\d+)(/([a-zA-Z]+))?.*");
    private static final Pattern GOAL = Pattern.compile("/parts/sammanhallen-planering/goals/(\\d+).*");

    private ProblemTranslation() {}

    public static BaseServerResponseException toException(int httpStatus, Problem problem) {
        int status = httpStatus >= 500 ? 502 : httpStatus;
        IssueType type = issueType(status);
        List<Issue> issues = new ArrayList<>();
        String title =
                problem == null || problem.title() == null ? "contract-service refused the request" : problem.title();
        if (problem != null && problem.errors() != null) {
            for (FieldError e : problem.errors()) {
                String field = e.field() == null ? "" : e.field();
                String expression = expression(field);
                String location = location(field);
                issues.add(new Issue(
                        type,
                        e.code() == null ? code(problem) : e.code(),
                        e.message() == null ? title : e.message(),
                        expression == null ? List.of() : List.of(expression),
                        location));
            }
        }
        if (issues.isEmpty()) {
            issues.add(new Issue(
                    type,
                    httpStatus >= 500 ? FhirErrors.SERVICE_ANSWER : code(problem),
                    httpStatus >= 500 ? "contract-service failed (HTTP " + httpStatus + ")" : title,
                    List.of(),
                    null));
        }
        return FhirErrors.withStatus(status, issues);
    }

    private static String code(Problem problem) {
        return problem == null || problem.code() == null ? FhirErrors.SERVICE_ANSWER : problem.code();
    }

    /** The FHIRPath of the element built from the service's JSON pointer, or null if there is none. */
    static String expression(String pointer) {
        Matcher step = STEP.matcher(pointer);
        if (step.matches()) {
            String base = "CarePlan.activity[" + step.group(1) + "].detail";
            String field = step.group(3);
            if (field == null) {
                return base;
            }
            switch (field) {
                case "date":
                case "windowEnd":
                    return base + ".scheduled";
                case "who":
                    return base + ".performer";
                case "what":
                    return base + ".description";
                case "how":
                    return base + ".kind";
                case "status":
                    return base + ".status";
                default:
                    return base;
            }
        }
        Matcher goal = GOAL.matcher(pointer);
        if (goal.matches()) {
            return "Goal.description.text";
        }
        if (pointer.startsWith("/parts/fast-vardkontakt") || pointer.startsWith("/parts/fast-lakarkontakt")) {
            return pointer.endsWith("/unit") || pointer.endsWith("/vardcentral")
                    ? "CareTeam.participant.onBehalfOf"
                    : "CareTeam.participant";
        }
        if (pointer.startsWith("/parts/sammanhallen-planering")) {
            return "CarePlan";
        }
        if (pointer.equals("/patient")) {
            return "CarePlan.subject";
        }
        if (pointer.equals("/status")) {
            return "CarePlan.status";
        }
        if (pointer.equals("/reason")) {
            return "CarePlan.note";
        }
        if (pointer.startsWith("/part/steps")) {
            return expression("/parts/nasta-steg" + pointer.substring("/part".length()));
        }
        if (pointer.equals("/id")) {
            return "CarePlan.id";
        }
        return null;
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
