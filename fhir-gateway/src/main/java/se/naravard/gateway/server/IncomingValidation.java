package se.naravard.gateway.server;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.rest.server.interceptor.RequestValidatingInterceptor;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.validation.FhirValidation;

/**
 * Every resource a client sends (create, update, transaction) is validated against base R4 before a
 * provider sees it: an error (a missing required element, a wrong cardinality, a code outside a
 * required binding, a malformed {@code urn:uuid}) is a 422 OperationOutcome with one issue per error,
 * its expression the element, and nothing is sent on. HAPI's parser alone would accept much of it.
 * Warnings are not reported: the answer is about what stopped the request.
 */
final class IncomingValidation extends RequestValidatingInterceptor {

    static final String NOT_VALID_R4 = "GATEWAY-035";

    IncomingValidation(FhirValidation validation) {
        setValidator(validation.validator());
        setFailOnSeverity(ResultSeverityEnum.ERROR);
        setAddResponseHeaderOnSeverity(null);
        setAddValidationResultsToResponseOperationOutcome(false);
    }

    /**
     * The validator's own parser fails on some malformed bodies with an exception (a ClassCastException in
     * its JSON reader, found by FhirInputFuzzIT) that HAPI turns into a 500: it is the body's fault, so a
     * 422 like any other invalid resource.
     */
    @Override
    protected ValidationResult validate(String body, RequestDetails request) {
        try {
            return super.validate(body, request);
        } catch (ca.uhn.fhir.rest.server.exceptions.InternalErrorException e) {
            FhirErrors.Issue issue = new FhirErrors.Issue(
                    IssueType.INVALID,
                    NOT_VALID_R4,
                    "the body cannot be read as an R4 resource: an element has the wrong JSON or XML shape",
                    List.of(),
                    null);
            throw new UnprocessableEntityException(
                    NOT_VALID_R4 + ": " + issue.diagnostics(), FhirErrors.outcome(List.of(issue)));
        }
    }

    @Override
    protected void fail(RequestDetails request, ValidationResult result) {
        List<FhirErrors.Issue> issues = result.getMessages().stream()
                .filter(m -> m.getSeverity() != null && m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .map(IncomingValidation::issue)
                .toList();
        String first = issues.isEmpty()
                ? "the resource is not valid R4"
                : issues.get(0).diagnostics();
        throw new UnprocessableEntityException(NOT_VALID_R4 + ": " + first, FhirErrors.outcome(issues));
    }

    private static FhirErrors.Issue issue(SingleValidationMessage m) {
        String where = m.getLocationString();
        return new FhirErrors.Issue(
                IssueType.INVALID,
                NOT_VALID_R4,
                m.getMessage(),
                where == null ? List.of() : List.of(where.replaceAll("/\\*[^*]*\\*/", "")),
                null);
    }
}
