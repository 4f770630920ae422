package se.naravard.gateway.fhir;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.StringType;

/**
 * Every error of the gateway as a HAPI exception carrying an OperationOutcome: a stable code in
 * {@code issue.details}, a message without personal data in {@code issue.diagnostics}, and the
 * element at fault in {@code issue.expression} (FHIRPath) with {@code issue.location} for the HTTP
 * parameter or header ({@code http.<name>}, as R4 defines for HTTP errors).
 */
public final class FhirErrors {

    public static final String UNKNOWN_PARAMETER = "GATEWAY-001";
    public static final String UNSUPPORTED_SYSTEM = "GATEWAY-002";
    public static final String BAD_REFERENCE = "GATEWAY-003";
    public static final String SEARCH_NEEDS_PATIENT = "GATEWAY-004";
    public static final String NOT_FOUND = "GATEWAY-010";
    public static final String READ_ONLY = "GATEWAY-011";
    public static final String NOT_A_TRANSACTION = "GATEWAY-030";
    public static final String UNSUPPORTED_ENTRY = "GATEWAY-031";
    public static final String MISSING_ELEMENT = "GATEWAY-032";
    /** A code the gateway does not know in a resource sent (e.g. a LUS message type). */
    public static final String UNKNOWN_CODE = "GATEWAY-050";
    /** A value that cannot be what it names (a message id that is no UUID, a date without time). */
    public static final String BAD_VALUE = "GATEWAY-051";
    /** The subject of a resource sent is not the patient of the Encounter it names. */
    public static final String OTHER_PATIENT = "GATEWAY-052";
    /** A conditional create ({@code If-None-Exist}) by anything but the identifier the gateway can look up. */
    public static final String UNSUPPORTED_CONDITION = "GATEWAY-053";

    public static final String SERVICE_UNAVAILABLE = "GATEWAY-020";
    public static final String SERVICE_TIMEOUT = "GATEWAY-021";
    public static final String SERVICE_ANSWER = "GATEWAY-022";

    private FhirErrors() {}

    /** One issue of an OperationOutcome. {@code expressions} and {@code location} may be empty/null. */
    public record Issue(IssueType type, String code, String diagnostics, List<String> expressions, String location) {
        public Issue {
            expressions = expressions == null ? List.of() : List.copyOf(expressions);
        }
    }

    public static OperationOutcome outcome(List<Issue> issues) {
        OperationOutcome oo = new OperationOutcome();
        for (Issue i : issues) {
            OperationOutcome.OperationOutcomeIssueComponent issue = oo.addIssue()
                    .setSeverity(IssueSeverity.ERROR)
                    .setCode(i.type())
                    .setDiagnostics(i.diagnostics())
                    .setDetails(new CodeableConcept()
                            .addCoding(new org.hl7.fhir.r4.model.Coding(Systems.ERROR_CODE, i.code(), null))
                            .setText(i.diagnostics()));
            i.expressions().forEach(e -> issue.getExpression().add(new StringType(e)));
            if (i.location() != null) {
                issue.getLocation().add(new StringType(i.location()));
            }
        }
        return oo;
    }

    /** 400: a search or URL parameter is wrong. {@code expression} is the element it searches. */
    public static InvalidRequestException badParameter(String parameter, String expression, String code, String why) {
        Issue issue = new Issue(
                IssueType.INVALID,
                code,
                why,
                expression == null ? List.of() : List.of(expression),
                "http." + parameter);
        return new InvalidRequestException(code + ": " + why, outcome(List.of(issue)));
    }

    /** 400: the body is wrong at {@code expression}. */
    public static InvalidRequestException badBody(String expression, String code, String why) {
        Issue issue = new Issue(IssueType.INVALID, code, why, List.of(expression), null);
        return new InvalidRequestException(code + ": " + why, outcome(List.of(issue)));
    }

    /** 422: the request is well-formed but a business rule refuses it at {@code expression}. */
    public static UnprocessableEntityException businessRule(String code, String expression, String why) {
        return new UnprocessableEntityException(
                code + ": " + why,
                outcome(List.of(new Issue(IssueType.BUSINESSRULE, code, why, List.of(expression), null))));
    }

    /** 405: the resource exists but this server does not change it (a SIP's resources are read-only here). */
    public static BaseServerResponseException readOnly(String resourceType, String why) {
        return withStatus(405, new Issue(IssueType.NOTSUPPORTED, READ_ONLY, why, List.of(resourceType + ".id"), null));
    }

    /** 422: the resource sent is understood but cannot be what it claims; one issue per element at fault. */
    public static UnprocessableEntityException unprocessable(List<Issue> issues) {
        String message = issues.isEmpty()
                ? "unprocessable"
                : issues.get(0).code() + ": " + issues.get(0).diagnostics();
        return new UnprocessableEntityException(message, outcome(issues));
    }

    /** One issue of a 422 (type invalid) at {@code expression}. */
    public static Issue invalid(String expression, String code, String why) {
        return new Issue(IssueType.INVALID, code, why, List.of(expression), null);
    }

    /**
     * The version number a vread names ({@code _history/<n>}, n ≥ 1); anything else is a version that
     * does not exist: 404 for {@code Type/id/_history/<version>}.
     */
    public static int versionNumber(String resourceType, String id, String version) {
        try {
            int v = Integer.parseInt(version);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // a version that is no number is a version that does not exist
        }
        throw notFound(resourceType, id + "/_history/" + version, null);
    }

    /** 404 for {@code Type/id} (and version, if given). */
    public static ResourceNotFoundException notFound(String resourceType, String id, Integer version) {
        String what = resourceType + "/" + id + (version == null ? "" : "/_history/" + version);
        Issue issue = new Issue(
                IssueType.NOTFOUND, NOT_FOUND, "no " + what + " on this server", List.of(resourceType + ".id"), null);
        return new ResourceNotFoundException(NOT_FOUND + ": no " + what, outcome(List.of(issue)));
    }

    public static BaseServerResponseException unavailable(String service, String why) {
        return withStatus(
                503,
                new Issue(
                        IssueType.TRANSIENT,
                        SERVICE_UNAVAILABLE,
                        service + " is not reachable (" + why + "); try again later",
                        List.of(),
                        null));
    }

    /** 503: the service answered, but cannot serve now (its own 503, e.g. its database is down). */
    public static BaseServerResponseException temporarilyUnavailable(String service) {
        return withStatus(
                503,
                new Issue(
                        IssueType.TRANSIENT,
                        SERVICE_UNAVAILABLE,
                        service + " is temporarily unavailable; try again later",
                        List.of(),
                        null));
    }

    public static BaseServerResponseException timeout(String service) {
        return withStatus(
                504,
                new Issue(
                        IssueType.TIMEOUT,
                        SERVICE_TIMEOUT,
                        service + " did not answer in time; try again later",
                        List.of(),
                        null));
    }

    public static BaseServerResponseException withStatus(int status, Issue issue) {
        return withStatus(status, List.of(issue));
    }

    public static BaseServerResponseException withStatus(int status, List<Issue> issues) {
        String message = issues.isEmpty()
                ? "error"
                : issues.get(0).code() + ": " + issues.get(0).diagnostics();
        return new StatusException(status, message, outcome(issues));
    }

    /** Any status HAPI has no exception class for (428, 502, 503, 504). */
    static final class StatusException extends BaseServerResponseException {
        private static final long serialVersionUID = 1L;

        StatusException(int status, String message, OperationOutcome outcome) {
            super(status, message, outcome);
        }
    }
}
