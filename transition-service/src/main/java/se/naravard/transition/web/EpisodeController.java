package se.naravard.transition.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.web.ProblemException;
import se.naravard.transition.app.EpisodeService;
import se.naravard.transition.app.LiabilityReports;
import se.naravard.transition.document.Codes;
import se.naravard.transition.document.EpisodeDocs.EpisodeDocument;
import se.naravard.transition.document.EpisodeDocuments;
import se.naravard.transition.episode.Admission;
import se.naravard.transition.episode.AdmissionKind;
import se.naravard.transition.episode.Episode;
import se.naravard.transition.episode.EpisodeId;
import se.naravard.transition.episode.EpisodeStatus;
import se.naravard.transition.episode.Message;
import se.naravard.transition.episode.MessageId;
import se.naravard.transition.episode.MessageType;
import se.naravard.transition.episode.Receipt;
import se.naravard.transition.episode.ReceiptKind;
import se.naravard.transition.episode.ReceiptStatus;
import se.naravard.transition.liability.LiableDay;
import se.naravard.transition.web.BodyReader.Faults;
import se.naravard.transition.web.Responses.EpisodeLiabilityDoc;
import se.naravard.transition.web.Responses.EpisodePage;
import se.naravard.transition.web.Responses.EvidenceMessage;
import se.naravard.transition.web.Responses.LiableDayDoc;
import se.naravard.transition.web.Responses.VersionList;
import se.naravard.transition.web.Responses.VersionSummary;

/**
 * The internal REST API of inpatient episodes. Thin: reads the request into domain values, calls one
 * use case, writes the document. Versions travel as ETags ({@code "3"}); {@code If-Match} is optional
 * on writes (messages are appended in order under a row lock) and answered 412 when stale.
 */
@Controller("/episodes")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Inpatient episodes")
public class EpisodeController {

    static final int MAX_PAGE = 100;

    private final EpisodeService episodes;
    private final LiabilityReports liability;
    private final BodyReader reader;
    private final JsonMapper json;

    public EpisodeController(EpisodeService episodes, LiabilityReports liability, BodyReader reader, JsonMapper json) {
        this.episodes = episodes;
        this.liability = liability;
        this.reader = reader;
        this.json = json;
    }

    @Post
    @Operation(
            summary = "Record an admission (slutenvårdstillfälle), unplanned or planned (admissionKind); starts the"
                    + " admission-notice clock when due")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = EpisodeDocument.class)))
    public HttpResponse<String> admit(@Body Requests.Admit body) {
        Instant now = now();
        Faults faults = new Faults();
        var patient = reader.patient(body.patient(), "/patient", faults);
        var unit = reader.hsaId(body.admittingUnit(), "/admittingUnit", faults);
        var kommun = reader.kommun(body.kommun(), "/kommun", true, faults);
        var admittedAt = reader.pastInstant(body.admittedAt(), "/admittedAt", now, faults);
        var assessedAt = reader.pastInstant(body.physicianAssessedAt(), "/physicianAssessedAt", now, faults);
        var expected = reader.date(body.expectedDischargeDate(), "/expectedDischargeDate", faults);
        AdmissionKind kind = body.admissionKind() == null
                ? null
                : reader.code(AdmissionKind.class, body.admissionKind(), "/admissionKind", faults);
        var change = reader.change(body.actor(), now, faults);
        faults.throwIfAny("The admission is not valid");
        var admission = new Admission(
                EpisodeId.random(),
                patient,
                unit,
                kommun,
                admittedAt,
                assessedAt,
                expected,
                Boolean.TRUE.equals(body.needsBothPrincipals()),
                Boolean.TRUE.equals(body.mayNeedHelpAfterDischarge()),
                kind);
        var written = episodes.admit(admission, change);
        return respond(written, URI.create("/episodes/" + written.episode().id().value()));
    }

    @Get("/{id}")
    @Operation(summary = "The current version of an episode with its messages, receipts and deadline tasks")
    public HttpResponse<EpisodeDocument> get(@PathVariable String id) {
        Episode e = episodes.get(episodeId(id));
        return HttpResponse.ok(document(e)).header("ETag", etag(e.version()));
    }

    @Get("/{id}/versions")
    @Operation(summary = "Every version of an episode: what happened, who recorded it and when")
    public VersionList versions(@PathVariable String id) {
        EpisodeId eid = episodeId(id);
        return new VersionList(
                eid.value().toString(),
                episodes.versions(eid).stream()
                        .map(v -> new VersionSummary(
                                v.version(),
                                v.status(),
                                v.events(),
                                v.changedAt().toString(),
                                new se.naravard.transition.document.EpisodeDocs.ActorDoc(
                                        v.actorPerson(), v.actorUnit())))
                        .toList());
    }

    @Get("/{id}/versions/{version}")
    @Operation(summary = "One version of an episode, as it was")
    public HttpResponse<EpisodeDocument> version(@PathVariable String id, @PathVariable int version) {
        EpisodeDocument d = episodes.version(episodeId(id), version);
        return HttpResponse.ok(d).header("ETag", etag(d.version()));
    }

    @Post("/{id}/messages")
    @Operation(
            summary = "Record a sent LUS message; 201 when new, 200 when the same message (same id) was already"
                    + " recorded")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = EpisodeDocument.class)))
    public HttpResponse<String> send(
            @PathVariable String id, @Nullable @Header("If-Match") String ifMatch, @Body Requests.SendMessage body) {
        EpisodeId eid = episodeId(id);
        Integer expected = expectedVersion(ifMatch);
        Instant now = now();
        Faults faults = new Faults();
        UUID messageId = reader.uuid(body.id(), "/id", faults);
        MessageType type = reader.code(MessageType.class, body.type(), "/type", faults);
        Instant sentAt = body.sentAt() == null ? now : reader.pastInstant(body.sentAt(), "/sentAt", now, faults);
        var sender = reader.hsaId(body.sender(), "/sender", faults);
        var addressees = reader.addressees(body.addressees(), faults);
        UUID refersTo = reader.uuid(body.refersTo(), "/refersTo", faults);
        var change = reader.change(body.actor(), now, faults);
        faults.throwIfAny("The message is not valid");
        var message = Message.of(
                        new MessageId(messageId == null ? UUID.randomUUID() : messageId),
                        type,
                        sentAt,
                        sender,
                        addressees)
                .referringTo(refersTo == null ? null : new MessageId(refersTo));
        var written = episodes.send(eid, expected, message, change);
        return respond(
                written,
                URI.create(
                        "/episodes/" + eid.value() + "/messages/" + message.id().value()));
    }

    @Post("/{id}/messages/{messageId}/receipts")
    @Operation(summary = "Record a kvittens (ok, transient-error, fatal-error) from one addressee of a message")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = EpisodeDocument.class)))
    public HttpResponse<String> receipt(
            @PathVariable String id, @PathVariable String messageId, @Body Requests.RecordReceipt body) {
        EpisodeId eid = episodeId(id);
        Instant now = now();
        Faults faults = new Faults();
        UUID mid = reader.uuid(messageId, "/messageId", faults);
        var addressee = reader.hsaId(body.addressee(), "/addressee", faults);
        ReceiptStatus status = reader.code(ReceiptStatus.class, body.status(), "/status", faults);
        Instant at = body.at() == null ? now : reader.pastInstant(body.at(), "/at", now, faults);
        ReceiptKind kind = body.kind() == null
                ? ReceiptKind.APPLICATION
                : reader.code(ReceiptKind.class, body.kind(), "/kind", faults);
        var change = reader.change(body.actor(), now, faults);
        faults.throwIfAny("The receipt is not valid");
        var written = episodes.recordReceipt(
                eid, new MessageId(mid), new Receipt(addressee, status, at, body.reason(), kind), change);
        return respond(written, null);
    }

    @Post("/{id}/discharge")
    @Operation(summary = "Record that the patient left hospital; starts the discharge-information clock")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = EpisodeDocument.class)))
    public HttpResponse<String> discharge(
            @PathVariable String id, @Nullable @Header("If-Match") String ifMatch, @Body Requests.Discharge body) {
        EpisodeId eid = episodeId(id);
        Integer expected = expectedVersion(ifMatch);
        Instant now = now();
        Faults faults = new Faults();
        Instant at = reader.pastInstant(body.at(), "/at", now, faults);
        var change = reader.change(body.actor(), now, faults);
        faults.throwIfAny("The discharge is not valid");
        return respond(episodes.discharge(eid, expected, at, change), null);
    }

    /**
     * The episode after a write, as the JSON the write stored (serialized once for the row, the
     * version, the events and this answer): 201 at {@code created} when the write made something new,
     * else 200.
     */
    private HttpResponse<String> respond(EpisodeService.Written written, URI created) {
        String body = written.json();
        if (body == null) {
            try {
                body = json.writeValueAsString(document(written.episode()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        MutableHttpResponse<String> response =
                created != null && written.changed() ? HttpResponse.created(body, created) : HttpResponse.ok(body);
        return response.contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("ETag", etag(written.episode().version()));
    }

    @Get("/{id}/liability")
    @Operation(
            summary = "Payment-liability evidence of one episode: liable days, amounts, missing preconditions and"
                    + " the explanation; a patient still in hospital is counted through asOf (default today)")
    public EpisodeLiabilityDoc liability(@PathVariable String id, @Nullable @QueryValue String asOf) {
        EpisodeId eid = episodeId(id);
        Faults faults = new Faults();
        var through = reader.date(asOf, "/asOf", faults);
        faults.throwIfAny("The query is not valid");
        var found = liability.forEpisode(eid, through);
        var episode = found.episode();
        var evidence = episode.messages().stream()
                .filter(m -> EVIDENCE.contains(m.type()))
                .map(m -> new EvidenceMessage(
                        m.id().value().toString(),
                        Codes.of(m.type()),
                        m.sentAt().toString(),
                        m.cancelledBy() == null ? null : m.cancelledBy().value().toString()))
                .toList();
        var a = found.assessment();
        String kommun = episode.admission().kommun().value();
        if (a == null) {
            return new EpisodeLiabilityDoc(
                    eid.value().toString(),
                    kommun,
                    found.agreement().name(),
                    found.asOf().toString(),
                    false,
                    "no standing utskrivningsklar notice: payment liability cannot start",
                    List.of(),
                    0,
                    List.of(),
                    concat(
                            found.sources(),
                            List.of("No utskrivningsklar notice stands in this episode, so no payment liability can"
                                    + " start (DOMAIN.md §5 'Payment liability').")),
                    evidence);
        }
        return new EpisodeLiabilityDoc(
                eid.value().toString(),
                kommun,
                a.agreement(),
                found.asOf().toString(),
                a.isLiable(),
                a.missingPreconditions().isEmpty() ? null : "preconditions of the agreement are not met",
                a.liableDays().stream().map(EpisodeController::day).toList(),
                a.totalKronor(),
                a.missingPreconditions().stream().map(Codes::of).toList(),
                concat(found.sources(), a.explanation()),
                evidence);
    }

    @Post(value = "/search", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Episodes by patient, kommun, status and unit; the patient's number travels in the body")
    public EpisodePage search(@Body Requests.Search body) {
        Faults faults = new Faults();
        String patient = body.patient() == null ? null : valueOf(reader.patient(body.patient(), "/patient", faults));
        var filter = new EpisodeService.Filter(
                patient, body.patientKey(), body.kommun(), body.status(), body.unit(), null, null);
        return page(filter, body.limit(), body.offset(), faults);
    }

    @Get
    @Operation(
            summary = "Episodes by pseudonymous patient key, kommun, status and unit (admitting or addressed), most"
                    + " recent first; by messageId or taskId the one episode holding that message or deadline task")
    public EpisodePage list(
            @Nullable @QueryValue String patientKey,
            @Nullable @QueryValue String kommun,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue String unit,
            @Nullable @QueryValue String messageId,
            @Nullable @QueryValue String taskId,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue Integer offset) {
        var filter = new EpisodeService.Filter(
                null, patientKey, kommun, status, unit, queryId(messageId, "/messageId"), queryId(taskId, "/taskId"));
        return page(filter, limit, offset, new Faults());
    }

    private EpisodePage page(EpisodeService.Filter filter, Integer limit, Integer offset, Faults faults) {
        int size = limit == null ? 20 : limit;
        int from = offset == null ? 0 : offset;
        checkPaging(size, from, faults);
        reader.kommun(filter.kommun(), "/kommun", false, faults);
        if (filter.status() != null) {
            reader.code(EpisodeStatus.Kind.class, filter.status(), "/status", faults);
        }
        faults.throwIfAny("The search is not valid");
        List<Episode> found = episodes.search(filter, size + 1, from);
        boolean more = found.size() > size;
        return new EpisodePage(
                (more ? found.subList(0, size) : found)
                        .stream().map(EpisodeController::document).toList(),
                from,
                more ? from + size : null);
    }

    /** A message or task id of a query: a UUID, else 400 naming the parameter (nothing can match it). */
    private static UUID queryId(String value, String pointer) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.of(400, new Rejection(BodyReader.BAD_ID, pointer, "not a UUID"));
        }
    }

    static void checkPaging(int size, int from, Faults faults) {
        if (size < 1 || size > MAX_PAGE) {
            faults.add(BodyReader.BAD_QUERY, "/limit", "limit must be between 1 and " + MAX_PAGE);
        }
        if (from < 0) {
            faults.add(BodyReader.BAD_QUERY, "/offset", "offset must not be negative");
        }
    }

    private static final List<MessageType> EVIDENCE = List.of(
            MessageType.INSKRIVNINGSMEDDELANDE,
            MessageType.UTSKRIVNINGSKLAR,
            MessageType.ATERTAGANDE_UTSKRIVNINGSKLAR,
            MessageType.KALLELSE_SIP,
            MessageType.UTSKRIVNINGSMEDDELANDE,
            MessageType.PATIENT_AVLIDEN,
            MessageType.PATIENT_FLYTTAD,
            MessageType.AVBROTT);

    private static List<String> concat(List<String> a, List<String> b) {
        var out = new java.util.ArrayList<String>(a);
        out.addAll(b);
        return out;
    }

    static LiableDayDoc day(LiableDay d) {
        return new LiableDayDoc(
                d.date().toString(), d.kronor(), d.amountValidFrom().toString());
    }

    private Instant now() {
        return episodes.clock().instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String valueOf(se.naravard.platform.identity.PatientIdentifier p) {
        return p == null ? null : p.value();
    }

    private static EpisodeDocument document(Episode e) {
        return EpisodeDocuments.toDocument(e);
    }

    static String etag(int version) {
        return "\"" + version + "\"";
    }

    /** Reads {@code "3"}, {@code W/"3"} or {@code 3}; null when absent (If-Match is optional here). */
    static Integer expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String v = ifMatch.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ProblemException.of(
                    412, new Rejection(EpisodeService.STALE_VERSION, "If-Match", "If-Match is not an episode version"));
        }
    }

    static EpisodeId episodeId(String id) {
        try {
            return new EpisodeId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw ProblemException.of(404, new Rejection(EpisodeService.NOT_FOUND, "/id", "no episode with this id"));
        }
    }
}
