package se.naravard.gateway.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import se.naravard.platform.identity.PatientIdentifier;

/**
 * Whose data a resource or a request is: the patient key (the Patient id) it names. The access log and
 * the access rules both ask, and must agree.
 */
public final class PatientsOf {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern PATIENT_REFERENCE = Pattern.compile("(?:^|/)Patient/([0-9a-f]{32})(?:/|$)");
    private static final Pattern NAMED_KEY = Pattern.compile("^(?:Patient/)?([0-9a-f]{32})$");

    private PatientsOf() {}

    /** The element that names the patient in each type the gateway serves; null for other types. */
    public static Reference patientReference(IBaseResource r) {
        if (r instanceof CarePlan x) {
            return x.getSubject();
        } else if (r instanceof CareTeam x) {
            return x.getSubject();
        } else if (r instanceof Goal x) {
            return x.getSubject();
        } else if (r instanceof Encounter x) {
            return x.getSubject();
        } else if (r instanceof Communication x) {
            return x.getSubject();
        } else if (r instanceof Task x) {
            return x.getFor();
        } else if (r instanceof Consent x) {
            return x.getPatient();
        } else if (r instanceof Appointment x) {
            for (Appointment.AppointmentParticipantComponent p : x.getParticipant()) {
                if (p.getActor().getReference() != null
                        && p.getActor().getReference().startsWith("Patient/")) {
                    return p.getActor();
                }
            }
        } else if (r instanceof AuditEvent x) {
            // An access-log entry names its patient as the entity of role 1 (Patient), BALP.
            for (AuditEvent.AuditEventEntityComponent e : x.getEntity()) {
                if (e.getWhat().getReference() != null
                        && e.getWhat().getReference().startsWith("Patient/")) {
                    return e.getWhat();
                }
            }
        }
        return null;
    }

    /**
     * The patient key of a resource the gateway serves: a Patient's id, or the key its patient element
     * references; null when it names none (or is of another type).
     */
    public static String key(IBaseResource r) {
        if (r instanceof Patient p) {
            String id = p.getIdElement().getIdPart();
            return id != null && KEY.matcher(id).matches() ? id : null;
        }
        Reference direct = patientReference(r);
        return direct == null ? null : key(direct);
    }

    /** The patient key in a reference such as {@code Patient/<key>}; null if it holds none. */
    public static String key(IBaseReference ref) {
        String value = ref.getReferenceElement().getValue();
        if (value != null) {
            Matcher m = PATIENT_REFERENCE.matcher(value);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    /**
     * The patients a request names: by id ({@code Patient/<key>}, {@code patient=…}, {@code subject=…})
     * or by identifier ({@code patient.identifier}, {@code subject.identifier}, a Patient's {@code
     * identifier}).
     */
    public static Set<String> named(RequestDetails request, PatientResolver patients) {
        Set<String> keys = new LinkedHashSet<>();
        if ("Patient".equals(request.getResourceName())
                && request.getId() != null
                && request.getId().hasIdPart()
                && KEY.matcher(request.getId().getIdPart()).matches()) {
            keys.add(request.getId().getIdPart());
        }
        for (String v : values(request, "patient", "subject")) {
            Matcher m = NAMED_KEY.matcher(v);
            if (m.matches()) {
                keys.add(m.group(1));
            }
        }
        List<String> identifiers = "Patient".equals(request.getResourceName())
                ? values(request, "identifier")
                : values(request, "patient.identifier", "subject.identifier");
        for (String v : identifiers) {
            int bar = v.indexOf('|');
            if (bar <= 0) {
                continue;
            }
            try {
                PatientIdentifier id = PatientIdentifier.parse(v.substring(bar + 1));
                if (id.system().equals(v.substring(0, bar))) {
                    keys.add(patients.keyOf(id.system(), id.value()));
                }
            } catch (IllegalArgumentException invalid) {
                // not a valid number: the search is refused and names no one
            }
        }
        return keys;
    }

    private static List<String> values(RequestDetails request, String... names) {
        List<String> all = new ArrayList<>();
        if (request.getParameters() == null) {
            return all;
        }
        for (String name : names) {
            String[] values = request.getParameters().get(name);
            if (values != null) {
                all.addAll(List.of(values));
            }
        }
        return all;
    }
}
