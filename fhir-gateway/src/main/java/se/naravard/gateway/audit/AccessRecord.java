package se.naravard.gateway.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the access log: who did what to which patient's data, when, why, and how it ended. The
 * patient is the pseudonymous patient key; search values are never kept, only parameter names.
 */
public record AccessRecord(
        UUID id,
        Instant at,
        String actorKind,
        String actorSubject,
        String actorHsaId,
        String careUnit,
        String organisationType,
        String kommun,
        String purposeOfUse,
        String patientKey,
        String action,
        String resourceType,
        String resourceId,
        String queryParameters,
        String outcome,
        int httpStatus) {

    public static final String SUCCESS = "success";
    public static final String DENIED = "denied";
    public static final String FAILED = "failed";
}
