package se.naravard.gateway.auditevent;

import se.naravard.gateway.audit.AccessRecord;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.platform.identity.PatientIdentifier;
import se.naravard.platform.security.Caller;
import se.naravard.platform.security.Scopes;

/**
 * Who may read which rows of the access log (as AuditEvent), one rule for read and search:
 *
 * <ul>
 *   <li>A <b>citizen</b> reads every row about their own data, whoever the actor (the log extract, PDL 8
 *       kap. 5 §, HSLF-FS 2016:40 4 kap. 10 §: nothing about who looked is hidden), and no row about
 *       anyone else; a search must name their own patient.
 *   <li>An <b>analyst</b> reads none (aggregates only, DOMAIN.md §7).
 *   <li><b>Staff and systems</b> review only what their own organisation's actors did: a kommun's
 *       callers the rows of actors acting for the same kommun, everyone else the rows of actors acting
 *       for the same care unit. Reviewing is a function of its own (PDL 4 kap. 3 §, the systematic log
 *       review), so it needs a scope naming AuditEvent itself: {@code user/AuditEvent.rs} or {@code
 *       system/AuditEvent.rs}. A wildcard such as {@code user/*.rs}, given for clinical reading, does
 *       not grant it.
 * </ul>
 */
final class AuditEventAccess {

    /** The caller may not read the access log at all (analyst, no AuditEvent scope, no unit). */
    static final String REFUSED = "GATEWAY-090";

    /** A citizen asked for the log of someone else. */
    static final String OTHER_PATIENT = "GATEWAY-091";

    static final String RESOURCE = "AuditEvent";

    /** The rows a caller may see: each non-null field must match. */
    record View(String patientKey, String careUnit, String kommun) {

        boolean shows(AccessRecord r) {
            return (patientKey == null || patientKey.equals(r.patientKey()))
                    && (careUnit == null || careUnit.equals(r.careUnit()))
                    && (kommun == null || kommun.equals(r.kommun()));
        }
    }

    /** Allowed with a view, or refused with a reason. */
    sealed interface Decision permits Allowed, Refused {}

    record Allowed(View view) implements Decision {}

    /** {@code status} 403, or 400 for a citizen's search without a patient. */
    record Refused(int status, String code, String why) implements Decision {}

    private final PatientResolver patients;

    AuditEventAccess(PatientResolver patients) {
        this.patients = patients;
    }

    /** A read by id: the caller's view, which the row must be in. */
    Decision read(Caller caller) {
        return decide(caller, null, 'r', false);
    }

    /** A search, of {@code askedPatient} (a patient key) or of every patient in the caller's view. */
    Decision search(Caller caller, String askedPatient) {
        return decide(caller, askedPatient, 's', true);
    }

    private Decision decide(Caller caller, String asked, char permission, boolean search) {
        if (caller == null) {
            return new Refused(403, REFUSED, "the access log is read only with a verified token");
        }
        switch (caller.kind()) {
            case CITIZEN -> {
                return citizen(caller, asked, search);
            }
            case ANALYST -> {
                return new Refused(403, REFUSED, "analysts see aggregates only, not the access log");
            }
            default -> {
                return reviewer(caller, asked, permission);
            }
        }
    }

    private Decision citizen(Caller caller, String asked, boolean search) {
        PatientIdentifier id = PatientIdentifier.parse(caller.personnummer());
        String own = patients.keyOf(id.system(), id.value());
        if (search && asked == null) {
            return new Refused(
                    400,
                    FhirErrors.SEARCH_NEEDS_PATIENT,
                    "name your own patient: AuditEvent?patient=Patient/<your patient id>");
        }
        if (asked != null && !asked.equals(own)) {
            return new Refused(403, OTHER_PATIENT, "a citizen sees the access log of their own data only");
        }
        return new Allowed(new View(own, null, null));
    }

    private static Decision reviewer(Caller caller, String asked, char permission) {
        if (!grantsAuditEvent(caller.scopes(), permission)) {
            return new Refused(
                    403,
                    REFUSED,
                    "reviewing the access log needs the scope user/AuditEvent." + permission + " or system/AuditEvent."
                            + permission + " (a wildcard scope does not grant it)");
        }
        if (caller.organisationType() == Caller.OrganisationType.KOMMUN && caller.kommun() != null) {
            return new Allowed(new View(asked, null, caller.kommun()));
        }
        if (caller.careUnit() != null) {
            return new Allowed(new View(asked, caller.careUnit(), null));
        }
        return new Refused(403, REFUSED, "the token names no care unit or kommun whose access log it may review");
    }

    /** A user/ or system/ scope on AuditEvent itself (not {@code *}) with the permission. */
    static boolean grantsAuditEvent(Scopes scopes, char permission) {
        return scopes.grants().stream()
                .anyMatch(g -> g.context() != Scopes.Context.PATIENT
                        && RESOURCE.equals(g.resourceType())
                        && g.permissions().indexOf(permission) >= 0);
    }
}
