package se.naravard.gateway.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.platform.security.Caller;
import se.naravard.platform.security.TokenException;
import se.naravard.platform.security.TokenVerifier;

/**
 * Every FHIR interaction but {@code metadata} needs an OAuth2 bearer JWT that {@link TokenVerifier}
 * accepts (401 {@code GATEWAY-070} otherwise, with {@code WWW-Authenticate: Bearer error="invalid_token"})
 * and a SMART scope for what it does on each resource type it touches: the type read or searched, the
 * types an {@code _include} or {@code _revinclude} brings in, the types a transaction creates (403
 * {@code GATEWAY-071} otherwise, naming the missing scope). The verified {@link Caller} is kept on the
 * request for the access rules ({@link #caller}). Nothing of the patient's data is read before this
 * check has passed: it runs before HAPI calls a provider.
 */
@Interceptor
public final class TokenAuthentication {

    public static final String TOKEN_REFUSED = "GATEWAY-070";
    public static final String SCOPE_MISSING = "GATEWAY-071";
    /** Request user data: the verified {@link Caller}. */
    public static final String CALLER = TokenAuthentication.class.getName() + ".caller";

    /** What a transaction Bundle can create here: a contract's CarePlan, CareTeam and Goals. */
    static final List<String> TRANSACTION_TYPES = List.of("CarePlan", "CareTeam", "Goal");

    /** The types each allowed include or reverse include brings into a Bundle. */
    static final Map<String, String> INCLUDED_TYPES = Map.of(
            "CarePlan:care-team", "CareTeam",
            "CarePlan:goal", "Goal",
            "Communication:encounter", "Encounter");

    /**
     * System-level operations that read one type: the follow-up's bulk export (its kick-off, status and
     * files) reads MeasureReports.
     */
    static final Map<String, String> OPERATION_TYPES = Map.of(
            "$export", "MeasureReport",
            "$export-poll-status", "MeasureReport",
            "$export-download", "MeasureReport");

    private final TokenVerifier verifier;

    public TokenAuthentication(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** The caller of an authenticated request. */
    public static Caller caller(RequestDetails request) {
        return (Caller) request.getUserData().get(CALLER);
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean authenticate(RequestDetails request) {
        RestOperationTypeEnum op = request.getRestOperationType();
        if (op == RestOperationTypeEnum.METADATA) {
            return true;
        }
        Caller caller;
        try {
            caller = verifier.verifyHeader(request.getHeader("Authorization"));
        } catch (TokenException e) {
            throw unauthorized(e);
        }
        request.getUserData().put(CALLER, caller);
        for (Need need : needs(request, op)) {
            if (!caller.scopes().permits(need.type(), need.permission())) {
                throw forbidden(need);
            }
        }
        return true;
    }

    /**
     * A permission a request needs beyond what its interaction shows (a SIP's Consent in a transaction
     * Bundle: {@code Consent.c}); 403 as for any missing scope. Nothing without security.
     */
    public static void requireScope(RequestDetails request, String type, char permission) {
        Caller caller = caller(request);
        if (caller != null && !caller.scopes().permits(type, permission)) {
            throw forbidden(new Need(type, permission));
        }
    }

    /** One permission on one type. */
    record Need(String type, char permission) {
        String scopeExample() {
            return "<patient|user|system>/" + type + "." + permission;
        }
    }

    static List<Need> needs(RequestDetails request, RestOperationTypeEnum op) {
        String type = request.getResourceName();
        Set<Need> needs = new LinkedHashSet<>();
        if (op == null) {
            // An operation HAPI could not classify: it answers 400/404 itself, but only to a caller with
            // some scope on the type named, if any.
            if (type != null) {
                needs.add(new Need(type, 'r'));
            }
            return new ArrayList<>(needs);
        }
        switch (op) {
            case READ, VREAD, HISTORY_INSTANCE, HISTORY_TYPE -> needs.add(new Need(type, 'r'));
            case SEARCH_TYPE -> needs.add(new Need(type, 's'));
            case CREATE -> needs.add(new Need(type, 'c'));
            case UPDATE -> needs.add(new Need(type, 'u'));
            case DELETE -> needs.add(new Need(type, 'd'));
            case TRANSACTION -> TRANSACTION_TYPES.forEach(t -> needs.add(new Need(t, 'c')));
                // The next page of a search: the type is not in the request. The page id is unguessable,
                // and the access rules check every resource of the page against its caller again.
            case GET_PAGE -> {}
            default -> needs.add(new Need(
                    type == null
                            ? request.getOperation() == null
                                    ? "*"
                                    : OPERATION_TYPES.getOrDefault(request.getOperation(), "*")
                            : type,
                    'r'));
        }
        for (String parameter : new String[] {"_include", "_revinclude"}) {
            String[] values = request.getParameters().get(parameter);
            if (values == null) {
                continue;
            }
            for (String v : values) {
                String included = "_include".equals(parameter) ? INCLUDED_TYPES.get(v) : revIncludedType(v);
                if (included != null) {
                    needs.add(new Need(included, 's'));
                }
            }
        }
        return new ArrayList<>(needs);
    }

    /** {@code Communication:encounter} → Communication: the type whose resources a reverse include adds. */
    private static String revIncludedType(String value) {
        int colon = value.indexOf(':');
        return colon > 0 ? value.substring(0, colon) : null;
    }

    private static BaseServerResponseException unauthorized(TokenException e) {
        BaseServerResponseException x = FhirErrors.withStatus(
                401,
                new FhirErrors.Issue(
                        IssueType.LOGIN,
                        TOKEN_REFUSED,
                        "the bearer token was refused: " + e.reason().text(),
                        List.of(),
                        null));
        x.addResponseHeader(
                "WWW-Authenticate",
                "Bearer realm=\"naravard-fhir\", error=\"invalid_token\", error_description=\""
                        + e.reason().text() + "\"");
        return x;
    }

    private static BaseServerResponseException forbidden(Need need) {
        BaseServerResponseException x = FhirErrors.withStatus(
                403,
                new FhirErrors.Issue(
                        IssueType.FORBIDDEN,
                        SCOPE_MISSING,
                        "the token has no scope for this: it needs " + need.scopeExample(),
                        List.of(),
                        null));
        x.addResponseHeader(
                "WWW-Authenticate",
                "Bearer realm=\"naravard-fhir\", error=\"insufficient_scope\", scope=\"" + need.scopeExample() + "\"");
        return x;
    }
}
