package se.naravard.gateway.auditevent;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.method.ResponsePage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import se.naravard.gateway.audit.AccessLog;
import se.naravard.gateway.audit.AccessQuery;
import se.naravard.gateway.audit.AccessRecord;
import se.naravard.gateway.auditevent.AuditEventAccess.Allowed;
import se.naravard.gateway.auditevent.AuditEventAccess.Decision;
import se.naravard.gateway.auditevent.AuditEventAccess.Refused;
import se.naravard.gateway.auditevent.AuditEventAccess.View;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.security.TokenAuthentication;

/**
 * The access log as {@code AuditEvent} (id = the row's id): read, and search by {@code patient}, {@code
 * date} ({@code recorded}), {@code emergency} ({@code true}: declared emergency access, for review) and
 * {@code _sort} ({@code -date}, the default, or {@code date}); {@code _count} pages. Who sees which rows
 * is {@link AuditEventAccess}'s rule; a row outside the caller's view is "not found" on read, so its
 * existence is not disclosed. Reading the log is itself logged (the answer names patients).
 */
public final class AuditEventProvider implements IResourceProvider {

    /** {@code _sort} other than {@code date} / {@code -date}. */
    static final String UNSUPPORTED_SORT = "GATEWAY-092";

    static final String SP_EMERGENCY = "emergency";

    private final AccessLog log;
    private final PatientResolver patients;
    private final AuditEventAccess access;
    private final Clock clock;

    public AuditEventProvider(AccessLog log, PatientResolver patients, Clock clock) {
        this.log = log;
        this.patients = patients;
        this.access = new AuditEventAccess(patients);
        this.clock = clock;
    }

    @Override
    public Class<AuditEvent> getResourceType() {
        return AuditEvent.class;
    }

    @Read
    public AuditEvent read(@IdParam IdType id, RequestDetails request) {
        View view = allowed(access.read(TokenAuthentication.caller(request)));
        AccessRecord r = log.byId(uuid(id.getIdPart()));
        if (r == null || !view.shows(r)) {
            throw FhirErrors.notFound("AuditEvent", id.getIdPart(), null);
        }
        return AuditEventMapper.toAuditEvent(r);
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(
                            name = AuditEvent.SP_PATIENT,
                            chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "identifier"})
                    ReferenceParam patient,
            @OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
            @OptionalParam(name = SP_EMERGENCY) TokenParam emergency,
            @Sort SortSpec sort,
            RequestDetails request) {
        String key = patient == null ? null : patients.keyFromReference(patient, "patient", "AuditEvent.entity.what");
        View view = allowed(access.search(TokenAuthentication.caller(request), key));
        Instant now = clock.instant();
        Instant until = upper(date);
        // The pages of one search are cut from the log as it was when the search ran: rows appended
        // later (this search's own row among them) do not shift the pages.
        AccessQuery query = new AccessQuery(
                view.patientKey(),
                view.careUnit(),
                view.kommun(),
                emergency(emergency),
                lower(date),
                until == null || until.isAfter(now) ? now : until,
                oldestFirst(sort));
        return results(query);
    }

    private IBundleProvider results(AccessQuery query) {
        int total = log.count(query);
        return new SimpleBundleProvider(total) {
            @Override
            public List<IBaseResource> getResources(int from, int to, ResponsePage.ResponsePageBuilder builder) {
                List<IBaseResource> page = new ArrayList<>();
                for (AccessRecord r : log.find(query, from, Math.max(0, to - from))) {
                    AuditEvent e = AuditEventMapper.toAuditEvent(r);
                    ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(e, BundleEntrySearchModeEnum.MATCH);
                    page.add(e);
                }
                return page;
            }
        };
    }

    private static View allowed(Decision decision) {
        if (decision instanceof Allowed a) {
            return a.view();
        }
        Refused r = (Refused) decision;
        if (r.status() == 400) {
            throw FhirErrors.badParameter(AuditEvent.SP_PATIENT, "AuditEvent.entity.what", r.code(), r.why());
        }
        throw FhirErrors.withStatus(
                r.status(), new FhirErrors.Issue(IssueType.FORBIDDEN, r.code(), r.why(), List.of(), null));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw FhirErrors.notFound("AuditEvent", id, null);
        }
    }

    private static Instant lower(DateRangeParam date) {
        return date == null || date.getLowerBoundAsInstant() == null
                ? null
                : date.getLowerBoundAsInstant().toInstant();
    }

    private static Instant upper(DateRangeParam date) {
        return date == null || date.getUpperBoundAsInstant() == null
                ? null
                : date.getUpperBoundAsInstant().toInstant();
    }

    private static Boolean emergency(TokenParam emergency) {
        if (emergency == null || emergency.isEmpty()) {
            return null;
        }
        return switch (emergency.getValue()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw FhirErrors.badParameter(
                    SP_EMERGENCY,
                    "AuditEvent.meta.tag",
                    FhirErrors.BAD_VALUE,
                    "emergency is true (declared emergency access only) or false");
        };
    }

    /** {@code -date} (or none): newest first; {@code date}: oldest first. */
    private static boolean oldestFirst(SortSpec sort) {
        if (sort == null) {
            return false;
        }
        if (!AuditEvent.SP_DATE.equals(sort.getParamName()) || sort.getChain() != null) {
            throw FhirErrors.badParameter(
                    "_sort",
                    "AuditEvent.recorded",
                    UNSUPPORTED_SORT,
                    "sort by date (oldest first) or -date (newest" + " first, the default) only");
        }
        return sort.getOrder() != SortOrderEnum.DESC;
    }
}
