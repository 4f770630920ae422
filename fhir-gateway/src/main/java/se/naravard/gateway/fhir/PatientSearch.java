package se.naravard.gateway.fhir;

import ca.uhn.fhir.rest.param.ReferenceParam;

/**
 * The {@code patient} and {@code subject} search parameters of every patient-bound type (the element
 * is {@code <Type>.subject}, {@code Task.for} for Task): both mean the same patient here; given both,
 * they must agree.
 */
public final class PatientSearch {

    private PatientSearch() {}

    /** The patient key searched for, or null if neither parameter was given. */
    public static String key(PatientResolver patients, String type, ReferenceParam patient, ReferenceParam subject) {
        String element = type.equals("Task") ? "Task.for" : type + ".subject";
        String byPatient = patient == null ? null : patients.keyFromReference(patient, "patient", element);
        String bySubject = subject == null ? null : patients.keyFromReference(subject, "subject", element);
        if (byPatient != null && bySubject != null && !byPatient.equals(bySubject)) {
            throw FhirErrors.badParameter(
                    "subject", element, FhirErrors.BAD_REFERENCE, "patient and subject name different patients");
        }
        return byPatient != null ? byPatient : bySubject;
    }
}
