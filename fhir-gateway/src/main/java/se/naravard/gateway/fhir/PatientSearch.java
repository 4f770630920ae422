package se.naravard.gateway.fhir;

import ca.uhn.fhir.rest.param.ReferenceParam;

/**
 * The {@code patient} and {@code subject} search parameters of CarePlan, CareTeam and Goal: both
 * mean the same patient here; given both, they must agree.
 */
public final class PatientSearch {

    private PatientSearch() {}

    /** The patient key searched for, or null if neither parameter was given. */
    public static String key(PatientResolver patients, String type, ReferenceParam patient, ReferenceParam subject) {
        String byPatient = patient == null ? null : patients.keyFromReference(patient, "patient", type + ".subject");
        String bySubject = subject == null ? null : patients.keyFromReference(subject, "subject", type + ".subject");
        if (byPatient != null && bySubject != null && !byPatient.equals(bySubject)) {
            throw FhirErrors.badParameter(
                    "subject",
                    type + ".subject",
                    FhirErrors.BAD_REFERENCE,
                    "patient and subject name different patients");
        }
        return byPatient != null ? byPatient : bySubject;
    }
}
