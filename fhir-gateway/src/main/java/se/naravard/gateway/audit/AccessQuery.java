package se.naravard.gateway.audit;

import java.time.Instant;

/**
 * Which rows of the access log to read: every non-null field narrows the rows (all must hold), in the
 * order of {@code recorded_at} (newest first unless {@code oldestFirst}), ties by id.
 *
 * @param patientKey the patient whose data was touched
 * @param careUnit the care unit the actor acted for (a reviewer's own unit)
 * @param kommun the municipality the actor acted for (a kommun's reviewer)
 * @param emergency only rows with (true) or without (false) declared emergency access
 * @param from recorded at or after
 * @param until recorded at or before
 * @param oldestFirst the order
 */
public record AccessQuery(
        String patientKey,
        String careUnit,
        String kommun,
        Boolean emergency,
        Instant from,
        Instant until,
        boolean oldestFirst) {

    /** The patient's rows, newest first. */
    public static AccessQuery patient(String patientKey) {
        return new AccessQuery(patientKey, null, null, null, null, null, false);
    }
}
