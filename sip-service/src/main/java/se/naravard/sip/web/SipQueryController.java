package se.naravard.sip.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.identity.PatientIdentifier;
import se.naravard.sip.SipService;
import se.naravard.sip.document.Docs.SipDocument;
import se.naravard.sip.document.SipDocuments;
import se.naravard.sip.model.SipId;
import se.naravard.sip.model.SipStatus;
import se.naravard.sip.web.CommandReader.Faults;
import se.naravard.sip.web.Responses.SipPage;
import se.naravard.sip.web.Responses.VersionList;
import se.naravard.sip.web.Responses.VersionSummary;

/** The reading side of the internal SIP API: one SIP, its versions, and search. */
@Controller("/sips")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "SIPs")
public class SipQueryController {

    static final String BAD_QUERY = "SIP-073";
    static final int MAX_PAGE = 100;

    private static final List<String> STATUSES =
            Arrays.stream(SipStatus.Kind.values()).map(SipStatus.Kind::code).toList();

    private final SipService sips;
    private final CommandReader reader;

    public SipQueryController(SipService sips, CommandReader reader) {
        this.sips = sips;
        this.reader = reader;
    }

    @Get("/{id}")
    @Operation(summary = "The current version of a SIP")
    public HttpResponse<SipDocument> get(@PathVariable String id) {
        return Http.ok(sips.get(Http.sipId(id)));
    }

    @Get("/{id}/versions")
    @Operation(summary = "Every version of a SIP with who changed it, when and why")
    public VersionList versions(@PathVariable String id) {
        SipId sid = Http.sipId(id);
        return new VersionList(
                sid.toString(),
                sips.versions(sid).stream()
                        .map(v -> new VersionSummary(
                                v.version(),
                                v.status(),
                                v.event(),
                                v.change().at().toString(),
                                SipDocuments.actor(
                                        v.change().person(), v.change().unit()),
                                v.change().reason()))
                        .toList());
    }

    @Get("/{id}/versions/{version}")
    @Operation(summary = "One version of a SIP, as it was")
    public HttpResponse<SipDocument> version(@PathVariable String id, @PathVariable int version) {
        SipDocument d = sips.version(Http.sipId(id), version);
        return HttpResponse.ok(d).header("ETag", Http.etag(d.version()));
    }

    @Post(value = "/search", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "SIPs by person, status and kommun; the person's number travels in the body, not the URL")
    public SipPage search(@Body Requests.Search body) {
        Faults faults = new Faults();
        PatientIdentifier person = body.person() == null ? null : reader.person(body.person(), faults);
        return page(
                new SipService.Search(
                        person == null ? null : person.value(), body.patientKey(), body.status(), body.kommun()),
                body.limit(),
                body.offset(),
                faults);
    }

    @Get
    @Operation(summary = "SIPs by pseudonymous patient key, status and kommun (no personal data in the URL)")
    public SipPage list(
            @Nullable @QueryValue String patientKey,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue String kommun,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue Integer offset) {
        return page(new SipService.Search(null, patientKey, status, kommun), limit, offset, new Faults());
    }

    private SipPage page(SipService.Search filters, Integer limit, Integer offset, Faults faults) {
        int size = limit == null ? 20 : limit;
        int from = offset == null ? 0 : offset;
        if (size < 1 || size > MAX_PAGE) {
            faults.add(new Rejection(BAD_QUERY, "/limit", "limit must be between 1 and " + MAX_PAGE));
        }
        if (from < 0) {
            faults.add(new Rejection(BAD_QUERY, "/offset", "offset must not be negative"));
        }
        if (filters.status() != null && !STATUSES.contains(filters.status())) {
            faults.add(new Rejection(SipController.UNKNOWN_STATUS, "/status", "unknown status; allowed: " + STATUSES));
        }
        if (filters.kommun() != null) {
            reader.kommun(filters.kommun(), faults);
        }
        faults.throwIfAny("The search is not valid");
        List<SipDocument> found = sips.search(filters, size + 1, from);
        boolean more = found.size() > size;
        return new SipPage(more ? found.subList(0, size) : found, from, more ? from + size : null);
    }
}
