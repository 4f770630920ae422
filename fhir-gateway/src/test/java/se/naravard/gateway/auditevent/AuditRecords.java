package se.naravard.gateway.auditevent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import se.naravard.gateway.audit.AccessRecord;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.platform.events.PatientKeys;
import se.naravard.platform.security.Caller;
import se.naravard.platform.security.Scopes;

/** Test rows of the access log and callers: a valid staff read of a CarePlan unless told otherwise. */
final class AuditRecords {

    static final PatientResolver PATIENTS =
            new PatientResolver(new PatientKeys("a-test-secret-of-32-bytes-length".getBytes(StandardCharsets.UTF_8)));
    static final String PNR = "http://electronichealth.se/identifier/personnummer";
    static final String TOLVAN = "191212121212";
    static final String TOLVAN_KEY = PATIENTS.keyOf(PNR, TOLVAN);
    static final String OTHER_KEY = PATIENTS.keyOf(PNR, "199006022397");
    static final String UNIT = "SE2321000057-VC01";

    private AuditRecords() {}

    static AccessRecord staffRead() {
        return new AccessRecord(
                UUID.fromString("6f1c1d3e-2b7a-4c55-9a1e-3f1c2d3e4f50"),
                Instant.parse("2026-11-25T09:00:00Z"),
                "staff",
                "nurse-1",
                "SE2321000057-N001",
                UNIT,
                "region",
                null,
                "TREAT",
                TOLVAN_KEY,
                "read",
                "CarePlan",
                "0b9e4c1a-1111-4c55-9a1e-3f1c2d3e4f50",
                null,
                AccessRecord.SUCCESS,
                200,
                false,
                null,
                null);
    }

    static AccessRecord with(AccessRecord r, String action, String resourceId, String parameters) {
        return new AccessRecord(
                r.id(),
                r.at(),
                r.actorKind(),
                r.actorSubject(),
                r.actorHsaId(),
                r.careUnit(),
                r.organisationType(),
                r.kommun(),
                r.purposeOfUse(),
                r.patientKey(),
                action,
                r.resourceType(),
                resourceId,
                parameters,
                r.outcome(),
                r.httpStatus(),
                r.emergency(),
                r.accessReason(),
                r.actorPatientKey());
    }

    static AccessRecord emergency(AccessRecord r, String reason) {
        return new AccessRecord(
                r.id(),
                r.at(),
                r.actorKind(),
                r.actorSubject(),
                r.actorHsaId(),
                r.careUnit(),
                r.organisationType(),
                r.kommun(),
                r.purposeOfUse(),
                r.patientKey(),
                r.action(),
                r.resourceType(),
                r.resourceId(),
                r.queryParameters(),
                r.outcome(),
                r.httpStatus(),
                true,
                reason,
                r.actorPatientKey());
    }

    /** A citizen's row: {@code actorKey} is the citizen's own key, {@code outcome} success or denied. */
    static AccessRecord citizen(String actorKey, String patientKey, String outcome, int status) {
        return new AccessRecord(
                UUID.fromString("7a2c1d3e-2b7a-4c55-9a1e-3f1c2d3e4f51"),
                Instant.parse("2026-11-25T10:00:00Z"),
                "citizen",
                "tolvan",
                null,
                null,
                null,
                null,
                null,
                patientKey,
                "search",
                "CarePlan",
                null,
                "category,patient.identifier",
                outcome,
                status,
                false,
                null,
                actorKey);
    }

    static Caller staff(String scope) {
        return new Caller(
                "nurse-1",
                Caller.Kind.STAFF,
                "SE2321000057-N001",
                UNIT,
                Caller.OrganisationType.REGION,
                null,
                "TREAT",
                null,
                Scopes.parse(scope));
    }

    static Caller kommunStaff(String scope) {
        return new Caller(
                "maria",
                Caller.Kind.STAFF,
                "SE2120000530-N010",
                "SE2120000530-HT01",
                Caller.OrganisationType.KOMMUN,
                "0680",
                "TREAT",
                null,
                Scopes.parse(scope));
    }

    static Caller citizen() {
        return new Caller(
                "tolvan", Caller.Kind.CITIZEN, null, null, null, null, null, TOLVAN, Scopes.parse("patient/*.rs"));
    }
}
