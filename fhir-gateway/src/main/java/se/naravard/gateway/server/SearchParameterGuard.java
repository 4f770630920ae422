package se.naravard.gateway.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.OperationOutcome;
import se.naravard.gateway.fhir.FhirErrors;

/**
 * Names the search parameter the server does not support in {@code issue.location} ({@code
 * http.<name>}) and the element it would search in {@code issue.expression} where FHIR defines one.
 * Without this, HAPI answers "no method matches" without saying which parameter is wrong. The lists
 * are those of the providers' {@code @Search} methods.
 */
@Interceptor
public final class SearchParameterGuard {

    /** Result parameters HAPI handles for every search. */
    private static final Set<String> COMMON =
            Set.of("_format", "_pretty", "_summary", "_elements", "_count", "_getpagesoffset");

    private static final Map<String, Set<String>> SUPPORTED = Map.ofEntries(
            Map.entry(
                    "CarePlan",
                    Set.of("patient", "subject", "status", "category", "date", "_lastUpdated", "_id", "_include")),
            Map.entry("CareTeam", Set.of("patient", "subject", "_id")),
            Map.entry("Goal", Set.of("patient", "subject", "_id")),
            Map.entry("Patient", Set.of("identifier", "_id")),
            Map.entry(
                    "Encounter", Set.of("patient", "subject", "status", "date", "_lastUpdated", "_id", "_revinclude")),
            Map.entry("Communication", Set.of("patient", "subject", "encounter", "_include")),
            Map.entry("Task", Set.of("patient", "subject", "encounter", "status")),
            Map.entry("Consent", Set.of("patient", "status", "_id")),
            Map.entry("Appointment", Set.of("patient", "status", "_id")),
            Map.entry("AuditEvent", Set.of("patient", "date", "emergency", "_sort")),
            Map.entry("Measure", Set.of("url", "name", "status", "_id")),
            Map.entry("MeasureReport", Set.of("measure", "period")),
            Map.entry("Subscription", Set.of("status")));

    private final FhirContext fhir;

    SearchParameterGuard(FhirContext fhir) {
        this.fhir = fhir;
    }

    /**
     * HAPI refuses a search no method matches with a 400 that names no parameter; this replaces that
     * answer with one naming the first unsupported parameter. Any other exception is kept.
     */
    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException name(RequestDetails request, Throwable thrown) {
        if (!(thrown instanceof InvalidRequestException) || isOurs((InvalidRequestException) thrown)) {
            return null;
        }
        String type = request.getResourceName();
        boolean search = (request.getRequestType() == RequestTypeEnum.GET && request.getOperation() == null)
                || "_search".equals(request.getOperation());
        if (type == null || request.getId() != null || !search || !SUPPORTED.containsKey(type)) {
            return null;
        }
        Set<String> supported = SUPPORTED.get(type);
        for (String raw : new TreeSet<>(request.getParameters().keySet())) {
            String name = baseName(raw);
            if (!COMMON.contains(name) && !supported.contains(name)) {
                return FhirErrors.badParameter(
                        raw,
                        element(type, name),
                        FhirErrors.UNKNOWN_PARAMETER,
                        "unknown search parameter '" + name + "' for " + type + "; supported: "
                                + String.join(", ", new TreeSet<>(supported)));
            }
        }
        return null;
    }

    /**
     * A search value HAPI cannot parse (a date such as {@code date=2024-13-45}, or one that starts with
     * a line break) fails in HAPI's parameter binding as a {@code DataFormatException}, which HAPI
     * answers with a 400 naming no parameter and logs as a server error with its stack trace (found by
     * FhirInputFuzzIT). This answers it first ({@code order} before HAPI's own handler), as a 400
     * {@code GATEWAY-051} naming the date parameter whose value does not parse.
     */
    @Hook(value = Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION, order = -100)
    public BaseServerResponseException badValue(RequestDetails request, Throwable thrown) {
        if (!(thrown instanceof DataFormatException)) {
            return null;
        }
        String type = request.getResourceName();
        for (String raw : new TreeSet<>(request.getParameters().keySet())) {
            String name = baseName(raw);
            if (!isDate(type, name)) {
                continue;
            }
            for (String value : request.getParameters().get(raw)) {
                try {
                    new DateParam().setValueAsQueryToken(fhir, name, null, value);
                } catch (DataFormatException e) {
                    return FhirErrors.badParameter(
                            raw,
                            element(type, name),
                            FhirErrors.BAD_VALUE,
                            "'" + name + "' must be a FHIR date or dateTime, optionally with a prefix such as ge or lt"
                                    + " (for example ge2026-01-01)");
                }
            }
        }
        return null; // not a date: HAPI's answer stands
    }

    private boolean isDate(String type, String name) {
        if ("_lastUpdated".equals(name)) {
            return true;
        }
        if (type == null || !fhir.getResourceTypes().contains(type)) {
            return false;
        }
        var param = fhir.getResourceDefinition(type).getSearchParam(name);
        return param != null && param.getParamType() == RestSearchParameterTypeEnum.DATE;
    }

    private static boolean isOurs(InvalidRequestException e) {
        return e.getOperationOutcome() instanceof OperationOutcome oo
                && oo.getIssueFirstRep().getDetails().getCodingFirstRep().getSystem() != null;
    }

    /** {@code patient:identifier} and {@code patient.identifier} are searches of {@code patient}. */
    static String baseName(String raw) {
        int cut = raw.length();
        for (char c : new char[] {':', '.'}) {
            int i = raw.indexOf(c);
            if (i > 0 && i < cut) {
                cut = i;
            }
        }
        return raw.substring(0, cut);
    }

    /** The element a standard search parameter of R4 searches, if FHIR defines it. */
    private String element(String type, String name) {
        var param = fhir.getResourceDefinition(type).getSearchParam(name);
        if (param == null || param.getPath() == null || param.getPath().isBlank()) {
            return null;
        }
        String path = param.getPath().split("\\|")[0].trim();
        return path.startsWith(type + ".") ? path : null;
    }
}
