package se.naravard.gateway.followup;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.security.TokenAuthentication;
import se.naravard.platform.security.Caller;
import se.naravard.platform.security.Scopes;

/**
 * Who may see the follow-up aggregates (issue 9; DOMAIN.md §7: analysts see aggregates, never a
 * patient's data):
 *
 * <ul>
 *   <li>{@code Measure}, {@code MeasureReport} and {@code $evaluate-measure}: analysts and managers
 *       (staff), with a scope that names the type itself ({@code user/MeasureReport.rs}, {@code
 *       user/Measure.rs}). A wildcard such as {@code user/*.rs}, given for clinical work, does not make
 *       a manager (as for the access log's review). Citizens and systems: never (403 {@value
 *       #AGGREGATES_REFUSED}).
 *   <li>Bulk {@code $export} and its status and files: analysts only, with {@code user/MeasureReport.rs}
 *       (403 {@value #EXPORT_REFUSED}).
 * </ul>
 *
 * Runs right after the token check, before the access rules of patient data ({@code
 * access.AccessControl}), which let these requests pass ({@link #isFollowUp}).
 */
@Interceptor
public final class FollowUpAccess {

    public static final String AGGREGATES_REFUSED = "GATEWAY-133";
    public static final String EXPORT_REFUSED = "GATEWAY-134";

    static final Set<String> TYPES = Set.of("Measure", "MeasureReport");
    /** The system-level operations of the bulk export. */
    public static final Set<String> EXPORT_OPERATIONS =
            Set.of(BulkExportProvider.EXPORT, BulkExportProvider.STATUS, BulkExportProvider.DOWNLOAD);

    /** A request for the follow-up aggregates or their export: decided here, not by the patient-data rules. */
    public static boolean isFollowUp(RequestDetails request) {
        String type = request.getResourceName();
        String operation = request.getOperation();
        return type != null ? TYPES.contains(type) : operation != null && EXPORT_OPERATIONS.contains(operation);
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void check(RequestDetails request) {
        Caller caller = TokenAuthentication.caller(request);
        if (caller == null
                || request.getRestOperationType() == RestOperationTypeEnum.METADATA
                || !isFollowUp(request)) {
            return;
        }
        if (request.getResourceName() == null) {
            if (caller.kind() != Caller.Kind.ANALYST || !named(caller.scopes(), "MeasureReport", 'r')) {
                throw refused(
                        EXPORT_REFUSED,
                        "the bulk export of the follow-up data is for analysts only"
                                + " (role analyst and user/MeasureReport.rs)");
            }
            return;
        }
        boolean analystOrManager = caller.kind() == Caller.Kind.ANALYST || caller.kind() == Caller.Kind.STAFF;
        String type = request.getResourceName();
        char permission = request.getRestOperationType() == RestOperationTypeEnum.SEARCH_TYPE ? 's' : 'r';
        boolean scoped = named(caller.scopes(), type, permission)
                && (!"$evaluate-measure".equals(request.getOperation())
                        || named(caller.scopes(), "MeasureReport", 'r'));
        if (!analystOrManager || !scoped) {
            throw refused(
                    AGGREGATES_REFUSED,
                    "the follow-up indicators are for analysts and managers: a user/"
                            + type + " scope naming the type (a wildcard does not grant it)"
                            + ("$evaluate-measure".equals(request.getOperation()) ? " and user/MeasureReport.r" : ""));
        }
    }

    /** A scope of the user or system that names {@code type} itself (not {@code *}) with {@code permission}. */
    static boolean named(Scopes scopes, String type, char permission) {
        return scopes.grants().stream()
                .anyMatch(g -> g.context() != Scopes.Context.PATIENT
                        && type.equals(g.resourceType())
                        && g.permits(type, permission));
    }

    private static BaseServerResponseException refused(String code, String why) {
        return FhirErrors.withStatus(403, new FhirErrors.Issue(IssueType.FORBIDDEN, code, why, List.of(), null));
    }
}
