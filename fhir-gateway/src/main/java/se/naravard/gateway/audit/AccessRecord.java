package se.naravard.gateway.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the access log: who did what to which patient's data, when, why, and how it ended. The
 * patient is the pseudonymous patient key; search values are never kept, only parameter names.
 *
 * @param emergency the request was allowed only by declared emergency access (to be reviewed)
 * @param accessReason the reason the caller declared for it (free text, at most {@link
 *     #MAX_REASON_LENGTH} characters); null when none was declared
 * @param actorPatientKey a citizen actor's own patient key; null for every other kind of actor
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
        int httpStatus,
        boolean emergency,
        String accessReason,
        String actorPatientKey) {

    public static final String SUCCESS = "success";
    public static final String DENIED = "denied";
    public static final String FAILED = "failed";

    /** The action of a subscription notification delivered to a system (the focus told of). */
    public static final String NOTIFY = "notify";

    /** The longest declared reason kept (the access policy refuses longer ones; the log cuts them). */
    public static final int MAX_REASON_LENGTH = 500;
}
