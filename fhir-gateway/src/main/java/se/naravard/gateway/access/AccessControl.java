package se.naravard.gateway.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.naravard.gateway.block.CareBlock;
import se.naravard.gateway.contract.ContractDocs.Contract;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.fhir.PatientsOf;
import se.naravard.gateway.fhir.SearchResults;
import se.naravard.gateway.followup.FollowUpAccess;
import se.naravard.gateway.security.TokenAuthentication;
import se.naravard.gateway.sip.SipDocs.Sip;
import se.naravard.gateway.transition.TransitionDocs.Episode;
import se.naravard.platform.security.Caller;

/**
 * Enforces {@link AccessPolicy} on every FHIR interaction of staff, systems and analysts, in three
 * places that together leave no way around it:
 *
 * <ol>
 *   <li>Before any provider runs (and before a body is validated): an analyst is refused patient data (403 {@value #AGGREGATES_ONLY});
 *       a request that names a patient (read of a Patient, {@code patient=}, {@code subject=}, {@code
 *       patient.identifier=}), or an update whose body names one, is refused (403 {@value #NO_RELATION})
 *       unless the caller may see that patient: a search of someone else's patient reads nothing, and
 *       an update of it changes nothing.
 *   <li>In every search, before paging: {@link SearchResults} drops the matches the caller may not see, so
 *       {@code Bundle.total} and the pages count only what is shown: no hidden count leaks.
 *   <li>On every answer, before it is written (and before the access log records it): each resource
 *       is checked again. An included resource the caller may not see is removed; any other is a 403.
 *       So an {@code _include}, a {@code _history}, a page fetched with another caller's page id, or a
 *       provider that forgot step 2 cannot disclose anything.
 * </ol>
 *
 * <p>Spärr: a record the patient has blocked from the caller ({@link AccessPolicy.Decision#BLOCKED})
 * is answered as if it did not exist: left out of searches and includes, 404 on a read or an update.
 *
 * <p>Emergency access: staff send {@code X-Emergency-Access: <reason>} (1–500 characters). A request
 * allowed only because of it carries the reason in {@link #EMERGENCY_REASON} for the access log, which
 * flags its rows for review; one with a relation anyway is not flagged.
 *
 * <p>Not here: the access log's own entries (AuditEvent), whose rules are {@code
 * auditevent.AuditEventAccess} (a reviewer sees their unit's entries of any patient).
 *
 * <p>The patient's relations are read once per request and patient, a source at a time as far as the
 * decision needs ({@link PatientRelations}); a citizen is left to {@code CitizenAccess} (their own
 * compartment).
 */
@Interceptor
public final class AccessControl {

    public static final String NO_RELATION = "GATEWAY-073";
    public static final String AGGREGATES_ONLY = "GATEWAY-074";
    public static final String BAD_EMERGENCY = "GATEWAY-075";

    /** The types that are always some patient's data: one that names no patient is not shown. */
    static final Set<String> PATIENT_DATA = Set.of(
            "Patient", "CarePlan", "CareTeam", "Goal", "Encounter", "Communication", "Task", "Consent", "Appointment");

    /** The access log's entries, whose own rules are {@code auditevent.AuditEventAccess}. */
    static final String LOG_ENTRIES = "AuditEvent";

    public static final String EMERGENCY_HEADER = "X-Emergency-Access";
    static final int MAX_REASON = 500;

    /**
     * Request user data: the declared reason, present when some resource of the answer was shown only
     * because of emergency access (for the access log).
     */
    public static final String EMERGENCY_REASON = AccessControl.class.getName() + ".emergencyReason";

    private static final String DECLARED = AccessControl.class.getName() + ".declared";
    private static final String RELATIONS = AccessControl.class.getName() + ".relations";
    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);

    private final PatientRelations.Sources sources;
    private final PatientResolver patients;

    /**
     * @param contracts a patient's contracts by patient key (the read paths the providers use)
     * @param sips a patient's SIPs
     * @param episodes a patient's inpatient episodes
     * @param blocks a patient's spärrar in force
     * @param today the date in Sweden, for the consents' periods
     */
    public AccessControl(
            Function<String, List<Contract>> contracts,
            Function<String, List<Sip>> sips,
            Function<String, List<Episode>> episodes,
            Function<String, List<CareBlock>> blocks,
            Supplier<LocalDate> today,
            PatientResolver patients) {
        this.sources = new PatientRelations.Sources(contracts, sips, episodes, blocks, today);
        this.patients = patients;
    }

    /**
     * Right after the token check (same pointcut, registered after it), before HAPI validates or
     * reads anything the request sends: a refused caller learns nothing, not even what is wrong with
     * the body.
     */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void beforeProvider(RequestDetails request) {
        Caller caller = TokenAuthentication.caller(request);
        RestOperationTypeEnum op = request.getRestOperationType();
        if (caller == null || op == RestOperationTypeEnum.METADATA) {
            return;
        }
        if (caller.kind() == Caller.Kind.CITIZEN) {
            return;
        }
        if (FollowUpAccess.isFollowUp(request)) {
            return; // aggregates, no patient's data: followup.FollowUpAccess decides
        }
        if (caller.kind() == Caller.Kind.ANALYST) {
            throw forbidden(AGGREGATES_ONLY, "an analyst sees aggregates only, never a patient's data");
        }
        if (LOG_ENTRIES.equals(request.getResourceName())) {
            return; // auditevent.AuditEventAccess: a reviewer sees their own unit's entries, of any patient
        }
        declaredEmergency(request, caller);
        request.getUserData().put(SearchResults.VISIBLE, (Predicate<IBaseResource>) r -> mayShow(request, caller, r));
        Set<String> named = new LinkedHashSet<>(PatientsOf.named(request, patients));
        String subject = null;
        // A block (spärr) is registered by a care provider that holds the patient's records: it needs a
        // relation with the patient as much as an update does.
        if (op == RestOperationTypeEnum.UPDATE
                || (op == RestOperationTypeEnum.CREATE && "Consent".equals(request.getResourceName()))) {
            subject = updatedPatient(request);
            if (subject != null) {
                named.add(subject);
            }
        }
        if (op == RestOperationTypeEnum.CREATE && "Appointment".equals(request.getResourceName())) {
            // A SIP meeting is SIP content: planned only by those the SIP is shared with.
            IBaseResource sent = sentResource(request);
            if (sent instanceof org.hl7.fhir.r4.model.Appointment a) {
                String key = PatientsOf.key(a);
                for (org.hl7.fhir.r4.model.Reference r : a.getSupportingInformation()) {
                    String ref = r.getReferenceElement().getIdPart();
                    if (key != null
                            && "CarePlan".equals(r.getReferenceElement().getResourceType())
                            && ref != null
                            && !decide(request, caller, key, AccessPolicy.shown("CarePlan", ref))
                                    .allowed()) {
                        throw noRelation();
                    }
                }
                if (key != null) {
                    named.add(key);
                }
            }
        }
        for (String key : named) {
            if (!decide(request, caller, key, AccessPolicy.Shown.PATIENT).allowed()) {
                throw noRelation();
            }
        }
        if (op == RestOperationTypeEnum.UPDATE && subject != null && request.getId() != null) {
            // A record blocked from the caller cannot be changed by them either: it does not exist for them.
            // Nor can a SIP whose content is not shared with them (its consent does not name them).
            String type = request.getResourceName();
            String id = request.getId().getIdPart();
            if (CareBlock.idOf(id) == null) {
                AccessPolicy.Decision d = decide(request, caller, subject, AccessPolicy.shown(type, id));
                if (d == AccessPolicy.Decision.BLOCKED) {
                    throw FhirErrors.notFound(type, id, null);
                }
                if (!d.allowed()) {
                    throw noRelation();
                }
            }
        }
    }

    /**
     * The patient an update's body names, read before the provider runs, so a caller without relation
     * changes nothing (the providers refuse a body whose patient differs from the stored resource's, so
     * the body's patient is the stored one's). Null when the body cannot be read: the provider then
     * refuses it as it would anyway.
     */
    private static String updatedPatient(RequestDetails request) {
        IBaseResource r = sentResource(request);
        return r == null ? null : PatientsOf.key(r);
    }

    /** The resource a request sends, parsed; null when there is none or it cannot be read. */
    private static IBaseResource sentResource(RequestDetails request) {
        byte[] body = request.loadRequestContents();
        if (body == null || body.length == 0) {
            return null;
        }
        String contentType = request.getHeader("Content-Type");
        EncodingEnum encoding = contentType == null ? null : EncodingEnum.forContentType(contentType);
        try {
            IBaseResource r = (encoding == EncodingEnum.XML
                            ? request.getFhirContext().newXmlParser()
                            : request.getFhirContext().newJsonParser())
                    .parseResource(new String(body, StandardCharsets.UTF_8));
            return r;
        } catch (DataFormatException e) {
            return null;
        }
    }

    /** Step 3: every resource of the answer, checked again. */
    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean beforeAnswer(RequestDetails request, ResponseDetails response) {
        Caller caller = TokenAuthentication.caller(request);
        if (caller == null || caller.kind() == Caller.Kind.CITIZEN) {
            return true;
        }
        IBaseResource body = response.getResponseResource();
        if (body instanceof Bundle bundle) {
            for (Iterator<Bundle.BundleEntryComponent> it = bundle.getEntry().iterator(); it.hasNext(); ) {
                Bundle.BundleEntryComponent entry = it.next();
                if (entry.getResource() == null
                        || decision(request, caller, entry.getResource()).allowed()) {
                    continue;
                }
                if (entry.hasSearch() && entry.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE) {
                    it.remove();
                } else {
                    throw noRelation();
                }
            }
        } else if (body != null && !(body instanceof OperationOutcome)) {
            AccessPolicy.Decision d = decision(request, caller, body);
            if (d == AccessPolicy.Decision.BLOCKED) {
                // Not even that the record (or the block) exists is told.
                throw FhirErrors.notFound(body.fhirType(), body.getIdElement().getIdPart(), null);
            }
            if (!d.allowed()) {
                throw noRelation();
            }
        }
        return true;
    }

    private boolean mayShow(RequestDetails request, Caller caller, IBaseResource r) {
        return decision(request, caller, r).allowed();
    }

    private AccessPolicy.Decision decision(RequestDetails request, Caller caller, IBaseResource r) {
        if (r instanceof AuditEvent) {
            return AccessPolicy.Decision.ALLOW; // who looked, not clinical data: auditevent.AuditEventAccess decides
        }
        String key = PatientsOf.key(r);
        if (key == null) {
            // Names no patient: nothing of anyone's, unless it is of a type that always should (then
            // something is wrong, and nothing is shown).
            return PATIENT_DATA.contains(r.fhirType()) ? AccessPolicy.Decision.DENY : AccessPolicy.Decision.ALLOW;
        }
        return decide(request, caller, key, AccessPolicy.shown(r));
    }

    private AccessPolicy.Decision decide(RequestDetails request, Caller caller, String key, AccessPolicy.Shown shown) {
        String declared = (String) request.getUserData().get(DECLARED);
        PatientRelations relations = relations(request, key);
        AccessPolicy.Decision decision;
        do {
            decision = AccessPolicy.decide(caller, relations.current(), shown, declared != null);
            // Not yet allowed outright (an emergency access may turn out to be a plain relation): read on.
        } while (decision != AccessPolicy.Decision.ALLOW && relations.readMore());
        if (decision == AccessPolicy.Decision.DENY && relations.unreadable() != null) {
            throw relations.unreadable();
        }
        if (decision == AccessPolicy.Decision.EMERGENCY
                && request.getUserData().putIfAbsent(EMERGENCY_REASON, declared) == null) {
            LOG.warn("emergency access by {} to patient {}: flagged for review in the access log", caller, key);
        }
        return decision;
    }

    private PatientRelations relations(RequestDetails request, String key) {
        @SuppressWarnings("unchecked")
        Map<String, PatientRelations> known = (Map<String, PatientRelations>)
                request.getUserData().computeIfAbsent(RELATIONS, k -> new HashMap<String, PatientRelations>());
        return known.computeIfAbsent(key, k -> new PatientRelations(k, sources));
    }

    private static void declaredEmergency(RequestDetails request, Caller caller) {
        String reason = request.getHeader(EMERGENCY_HEADER);
        if (reason == null) {
            return;
        }
        reason = reason.strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON) {
            throw FhirErrors.withStatus(
                    400,
                    new FhirErrors.Issue(
                            IssueType.INVALID,
                            BAD_EMERGENCY,
                            EMERGENCY_HEADER + " needs the reason for emergency access, 1 to " + MAX_REASON
                                    + " characters",
                            List.of(),
                            "http." + EMERGENCY_HEADER));
        }
        if (caller.kind() != Caller.Kind.STAFF) {
            throw forbidden(BAD_EMERGENCY, "only a person (a staff token) may declare emergency access");
        }
        request.getUserData().put(DECLARED, reason);
    }

    private static BaseServerResponseException noRelation() {
        return forbidden(
                NO_RELATION,
                "no care relation with this patient gives access to this data (or the patient's consent does"
                        + " not cover it); in an emergency, declare it with " + EMERGENCY_HEADER + ": <reason>");
    }

    private static BaseServerResponseException forbidden(String code, String why) {
        return FhirErrors.withStatus(403, new FhirErrors.Issue(IssueType.FORBIDDEN, code, why, List.of(), null));
    }
}
