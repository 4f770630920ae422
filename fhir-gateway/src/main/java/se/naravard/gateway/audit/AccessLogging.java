package se.naravard.gateway.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.util.FhirTerser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.naravard.gateway.access.AccessControl;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.fhir.PatientsOf;
import se.naravard.gateway.security.TokenAuthentication;
import se.naravard.platform.identity.PatientIdentifier;
import se.naravard.platform.security.Caller;

/**
 * Writes the access log: for every FHIR interaction that answers with patient data, one {@link
 * AccessRecord} per patient in the answer, stored <b>before</b> the answer is sent. If the log cannot be
 * written, nothing is disclosed: the answer becomes 503 {@code GATEWAY-072}. (For a write, the
 * service has committed by then; the client sees 503 and may retry, which the services answer as a
 * replay.) A refusal after the token was accepted (403, 404, 4xx, 5xx) is logged too, best effort, with
 * the patient the request named when there is one. Requests without an accepted token (401) name no
 * one and are left to the application log.
 *
 * <p>Declared emergency access (nödåtkomst: region staff without a care relationship who state a
 * reason, DOMAIN.md §7) is decided by the access policy, which marks the request with {@link
 * #EMERGENCY_REASON}; every row of such a request is then flagged {@code emergency} for the periodic log
 * review (PDL 4 kap. 3 §) and keeps the reason. A citizen actor's own patient key is kept on the row, so
 * that the log extract can show "you" without naming anyone else who tried.
 */
@Interceptor
public final class AccessLogging {

    public static final String LOG_UNAVAILABLE = "GATEWAY-072";

    /**
     * Request user-data key: a non-null {@link String} value means the request was allowed by declared
     * emergency access, with that reason (free text from the caller, which limits it to {@link
     * AccessRecord#MAX_REASON_LENGTH} characters; longer is cut here). Any other value, or none, means
     * no emergency access.
     */
    public static final String EMERGENCY_REASON = AccessControl.EMERGENCY_REASON;

    private static final Logger LOG = LoggerFactory.getLogger(AccessLogging.class);
    private static final Pattern PATIENT_REFERENCE = Pattern.compile("(?:^|/)Patient/([0-9a-f]{32})(?:/|$)");
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");

    private final AccessLog log;
    private final FhirTerser terser;
    private final PatientResolver patients;
    private final Clock clock;

    public AccessLogging(AccessLog log, FhirContext fhir, PatientResolver patients, Clock clock) {
        this.log = log;
        this.terser = fhir.newTerser();
        this.patients = patients;
        this.clock = clock;
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean disclosed(RequestDetails request, ResponseDetails response) {
        RestOperationTypeEnum op = request.getRestOperationType();
        if (op == null || op == RestOperationTypeEnum.METADATA) {
            return true;
        }
        IBaseResource body = response.getResponseResource();
        Set<String> patients = patientsIn(body);
        if (patients.isEmpty() && request.getResource() != null) {
            // A write answered with Prefer: return=minimal has no body: the resource sent names the patient.
            patients.addAll(patientsIn(request.getResource()));
        }
        if (patients.isEmpty()) {
            patients.addAll(patientsNamed(request));
        }
        List<AccessRecord> records =
                records(request, patients, AccessRecord.SUCCESS, response.getResponseCode(), resourceId(request, body));
        try {
            log.append(records);
        } catch (RuntimeException e) {
            LOG.error("access log not written, answer withheld: {}", e.getMessage());
            throw FhirErrors.withStatus(
                    503,
                    new FhirErrors.Issue(
                            IssueType.TRANSIENT,
                            LOG_UNAVAILABLE,
                            "the access log cannot be written, so nothing is disclosed; try again later",
                            List.of(),
                            null));
        }
        return true;
    }

    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean refused(RequestDetails request, BaseServerResponseException e) {
        if (TokenAuthentication.caller(request) == null || isOwnFailure(e)) {
            return true; // no accepted token (401), or the log's own failure just reported
        }
        String outcome = e.getStatusCode() == 403 ? AccessRecord.DENIED : AccessRecord.FAILED;
        try {
            log.append(records(request, patientsNamed(request), outcome, e.getStatusCode(), resourceId(request, null)));
        } catch (RuntimeException x) {
            LOG.error("access log not written for a refused request: {}", x.getMessage());
        }
        return true;
    }

    private static boolean isOwnFailure(BaseServerResponseException e) {
        return e.getOperationOutcome() instanceof OperationOutcome oo
                && oo.getIssue().stream()
                        .anyMatch(i -> LOG_UNAVAILABLE.equals(
                                i.getDetails().getCodingFirstRep().getCode()));
    }

    List<AccessRecord> records(
            RequestDetails request, Set<String> patients, String outcome, int status, String resourceId) {
        Caller c = TokenAuthentication.caller(request);
        String reason = emergencyReason(request);
        String actorPatientKey = citizenKey(c);
        List<String> keys = patients.isEmpty() ? java.util.Collections.singletonList(null) : new ArrayList<>(patients);
        List<AccessRecord> records = new ArrayList<>(keys.size());
        for (String key : keys) {
            records.add(new AccessRecord(
                    UUID.randomUUID(),
                    clock.instant(),
                    c == null ? "anonymous" : c.kind().name().toLowerCase(Locale.ROOT),
                    // A citizen is their actor_patient_key: an e-ID provider's subject may be the personnummer.
                    c == null || c.kind() == Caller.Kind.CITIZEN ? null : c.subject(),
                    c == null ? null : c.hsaId(),
                    c == null ? null : c.careUnit(),
                    c == null || c.organisationType() == null
                            ? null
                            : c.organisationType().name().toLowerCase(Locale.ROOT),
                    c == null ? null : c.kommun(),
                    c == null ? null : c.purposeOfUse(),
                    key,
                    action(request.getRestOperationType()),
                    request.getResourceName(),
                    resourceId,
                    parameterNames(request),
                    outcome,
                    status,
                    reason != null,
                    reason,
                    actorPatientKey));
        }
        return records;
    }

    /** The declared emergency-access reason on the request, cut to the longest kept; null if none. */
    static String emergencyReason(RequestDetails request) {
        Object reason = request.getUserData().get(EMERGENCY_REASON);
        if (!(reason instanceof String s)) {
            return null;
        }
        return s.length() > AccessRecord.MAX_REASON_LENGTH ? s.substring(0, AccessRecord.MAX_REASON_LENGTH) : s;
    }

    /** A citizen's own patient key (as CitizenAccess computes it); null for other callers. */
    private String citizenKey(Caller c) {
        if (c == null || c.kind() != Caller.Kind.CITIZEN || c.personnummer() == null) {
            return null;
        }
        PatientIdentifier own = PatientIdentifier.parse(c.personnummer());
        return patients.keyOf(own.system(), own.value());
    }

    static String action(RestOperationTypeEnum op) {
        if (op == null) {
            return "unknown";
        }
        return switch (op) {
            case READ -> "read";
            case VREAD -> "vread";
            case HISTORY_INSTANCE, HISTORY_TYPE -> "history";
            case SEARCH_TYPE, SEARCH_SYSTEM -> "search";
            case GET_PAGE -> "page";
            case CREATE -> "create";
            case UPDATE -> "update";
            case DELETE -> "delete";
            case TRANSACTION -> "transaction";
            default -> op.getCode();
        };
    }

    private static String resourceId(RequestDetails request, IBaseResource body) {
        if (request.getId() != null && request.getId().hasIdPart()) {
            return request.getId().getIdPart();
        }
        if (body != null
                && !(body instanceof IBaseBundle)
                && body.getIdElement().hasIdPart()) {
            return body.getIdElement().getIdPart();
        }
        return null;
    }

    /** Only the names: a search value may be a personnummer. */
    private static String parameterNames(RequestDetails request) {
        if (request.getParameters() == null || request.getParameters().isEmpty()) {
            return null;
        }
        return String.join(",", new TreeSet<>(request.getParameters().keySet()));
    }

    /** The patients whose data is in the answer: each resource's Patient references, and Patients. */
    Set<String> patientsIn(IBaseResource body) {
        Set<String> keys = new LinkedHashSet<>();
        if (body == null) {
            return keys;
        }
        if (body instanceof Bundle b) {
            for (Bundle.BundleEntryComponent e : b.getEntry()) {
                if (e.getResource() != null) {
                    addPatients(e.getResource(), keys);
                }
            }
        } else if (!(body instanceof OperationOutcome)) {
            addPatients(body, keys);
        }
        return keys;
    }

    private void addPatients(IBaseResource r, Set<String> keys) {
        if (r instanceof Patient p && KEY.matcher(p.getIdElement().getIdPart()).matches()) {
            keys.add(p.getIdElement().getIdPart());
            return;
        }
        // The types the gateway serves name their patient in one element: read it there. A walk over
        // every element (the terser) costs about as much as encoding the resource; it is kept for any
        // other type.
        Reference direct = patientReference(r);
        if (direct != null) {
            addKey(direct, keys);
            return;
        }
        for (IBaseReference ref : terser.getAllPopulatedChildElementsOfType(r, IBaseReference.class)) {
            addKey(ref, keys);
        }
    }

    /** The element that names the patient in each type the gateway serves; null for other types. */
    static Reference patientReference(IBaseResource r) {
        return PatientsOf.patientReference(r);
    }

    private static void addKey(IBaseReference ref, Set<String> keys) {
        String value = ref.getReferenceElement().getValue();
        if (value != null) {
            Matcher m = PATIENT_REFERENCE.matcher(value);
            if (m.find()) {
                keys.add(m.group(1));
            }
        }
    }

    /**
     * The patient a request names, so that a search that found nothing is still on the searched
     * person's log.
     */
    Set<String> patientsNamed(RequestDetails request) {
        return PatientsOf.named(request, patients);
    }
}
