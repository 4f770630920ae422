package se.naravard.contract.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import se.naravard.contract.ContractCommands.Create;
import se.naravard.contract.ContractCommands.TargetStatus;
import se.naravard.contract.ContractService;
import se.naravard.contract.document.ContractDocuments;
import se.naravard.contract.document.Docs.ContractDocument;
import se.naravard.contract.document.Docs.ReviewDoc;
import se.naravard.contract.model.Actor;
import se.naravard.contract.model.Change;
import se.naravard.contract.model.Contract;
import se.naravard.contract.model.ContractId;
import se.naravard.contract.model.Part;
import se.naravard.contract.web.Responses.ContractPage;
import se.naravard.contract.web.Responses.VersionList;
import se.naravard.contract.web.Responses.VersionSummary;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.web.ProblemException;

/**
 * The internal REST API of patient contracts. Thin: reads the request into a command, calls one use
 * case, writes the document. Versions travel as ETags ({@code "3"}); every change of an existing
 * contract needs {@code If-Match} with the version it was based on.
 */
@Controller("/contracts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Patient contracts")
public class ContractController {

    static final String IF_MATCH_REQUIRED = "CONTRACT-031";
    static final String UNKNOWN_STATUS = "CONTRACT-035";
    static final String BAD_QUERY = "CONTRACT-036";
    static final int MAX_PAGE = 100;

    private final ContractService contracts;
    private final CommandReader reader;

    public ContractController(ContractService contracts, CommandReader reader) {
        this.contracts = contracts;
        this.reader = reader;
    }

    @Post
    @Operation(summary = "Draw up a new contract (status draft) with any of its four parts")
    public HttpResponse<ContractDocument> create(@Body Requests.CreateContract body) {
        CommandReader.Faults faults = new CommandReader.Faults();
        var patient = reader.patient(body.patient(), faults);
        var kommun = reader.kommun(body.kommun(), faults);
        List<Part> parts = reader.parts(body.parts(), faults);
        Change change =
                reader.change(body.actor(), body.reason(), contracts.clock().instant(), faults);
        faults.throwIfAny("The contract is not valid");
        Contract created = contracts.create(new Create(patient, kommun, parts, change));
        return HttpResponse.created(document(created), URI.create("/contracts/" + created.id()))
                .header("ETag", etag(created.version()));
    }

    @Get("/{id}")
    @Operation(summary = "The current version of a contract")
    public HttpResponse<ContractDocument> get(@PathVariable String id) {
        Contract c = contracts.get(contractId(id));
        return HttpResponse.ok(document(c)).header("ETag", etag(c.version()));
    }

    @Get("/{id}/versions")
    @Operation(summary = "Every version of a contract with who changed it, when and why")
    public VersionList versions(@PathVariable String id) {
        ContractId cid = contractId(id);
        return new VersionList(
                cid.toString(),
                contracts.versions(cid).stream()
                        .map(v -> new VersionSummary(
                                v.version(),
                                v.status(),
                                v.event(),
                                v.changedAt().toString(),
                                ContractDocuments.actor(v.changedBy()),
                                v.reason()))
                        .toList());
    }

    @Get("/{id}/versions/{version}")
    @Operation(summary = "One version of a contract, as it was")
    public HttpResponse<ContractDocument> version(@PathVariable String id, @PathVariable int version) {
        ContractDocument d = contracts.version(contractId(id), version);
        return HttpResponse.ok(d).header("ETag", etag(d.version()));
    }

    @Put("/{id}/parts/{part}")
    @Operation(summary = "Create or replace one part; only its owner unit or a delegate may")
    public HttpResponse<ContractDocument> putPart(
            @PathVariable String id,
            @PathVariable String part,
            @Nullable @Header("If-Match") String ifMatch,
            @Body Requests.PutPart body) {
        ContractId cid = contractId(id);
        int expected = expectedVersion(ifMatch);
        CommandReader.Faults faults = new CommandReader.Faults();
        Part p = reader.part(part, body.part(), "/part", faults);
        Change change =
                reader.change(body.actor(), body.reason(), contracts.clock().instant(), faults);
        faults.throwIfAny("The part is not valid");
        Contract c;
        try {
            c = contracts.putPart(cid, expected, p, change);
        } catch (ProblemException e) {
            throw repointed(e, p.type().pointer(), "/part");
        }
        return HttpResponse.ok(document(c)).header("ETag", etag(c.version()));
    }

    @Post("/{id}/status")
    @Operation(summary = "Agree (active), complete, revoke or mark entered-in-error")
    public HttpResponse<ContractDocument> changeStatus(
            @PathVariable String id, @Nullable @Header("If-Match") String ifMatch, @Body Requests.ChangeStatus body) {
        ContractId cid = contractId(id);
        int expected = expectedVersion(ifMatch);
        CommandReader.Faults faults = new CommandReader.Faults();
        TargetStatus target = null;
        if (body.status() == null) {
            faults.add(new Rejection(CommandReader.REQUIRED, "/status", "the new status is required"));
        } else {
            target = TargetStatus.fromCode(body.status()).orElse(null);
            if (target == null) {
                faults.add(new Rejection(
                        UNKNOWN_STATUS,
                        "/status",
                        "unknown status; allowed: active, completed, revoked, entered-in-error"));
            }
        }
        Change change =
                reader.change(body.actor(), body.reason(), contracts.clock().instant(), faults);
        faults.throwIfAny("The status change is not valid");
        Contract c = contracts.changeStatus(cid, expected, target, change);
        return HttpResponse.ok(document(c)).header("ETag", etag(c.version()));
    }

    @Post("/{id}/reviews")
    @Operation(summary = "Record a granskning of a version (the current one unless given)")
    public HttpResponse<ReviewDoc> review(@PathVariable String id, @Body Requests.AddReview body) {
        ContractId cid = contractId(id);
        CommandReader.Faults faults = new CommandReader.Faults();
        Actor reviewer = reader.actor(body.actor(), "/actor", faults);
        if (body.version() != null && body.version() < 1) {
            faults.add(new Rejection(BAD_QUERY, "/version", "versions start at 1"));
        }
        faults.throwIfAny("The review is not valid");
        var review = contracts.review(cid, body.version(), reviewer, body.comment());
        return HttpResponse.created(
                ContractDocuments.toDocument(review), URI.create("/contracts/" + cid + "/reviews/" + review.id()));
    }

    @Get("/{id}/reviews")
    @Operation(summary = "The granskning results of a contract, oldest first")
    public List<ReviewDoc> reviews(@PathVariable String id) {
        return contracts.reviews(contractId(id));
    }

    @Post(value = "/search", consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Contracts by patient, owning unit and status; the patient's number travels in the body, not the URL")
    public ContractPage search(@Body Requests.Search body) {
        CommandReader.Faults faults = new CommandReader.Faults();
        String patient = body.patient() == null ? null : valueOf(reader.patient(body.patient(), faults));
        return page(patient, body.patientKey(), body.ownerUnit(), body.status(), body.limit(), body.offset(), faults);
    }

    @Get
    @Operation(summary = "Contracts by pseudonymous patient key, owning unit and status (no personal data in the URL)")
    public ContractPage list(
            @Nullable @QueryValue String patientKey,
            @Nullable @QueryValue String ownerUnit,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue Integer offset) {
        return page(null, patientKey, ownerUnit, status, limit, offset, new CommandReader.Faults());
    }

    private ContractPage page(
            String patient,
            String patientKey,
            String ownerUnit,
            String status,
            Integer limit,
            Integer offset,
            CommandReader.Faults faults) {
        int size = limit == null ? 20 : limit;
        int from = offset == null ? 0 : offset;
        if (size < 1 || size > MAX_PAGE) {
            faults.add(new Rejection(BAD_QUERY, "/limit", "limit must be between 1 and " + MAX_PAGE));
        }
        if (from < 0) {
            faults.add(new Rejection(BAD_QUERY, "/offset", "offset must not be negative"));
        }
        if (status != null && !STATUSES.contains(status)) {
            faults.add(new Rejection(UNKNOWN_STATUS, "/status", "unknown status"));
        }
        faults.throwIfAny("The search is not valid");
        List<ContractDocument> found = contracts.search(patient, patientKey, status, ownerUnit, size + 1, from);
        boolean more = found.size() > size;
        return new ContractPage(more ? found.subList(0, size) : found, from, more ? from + size : null);
    }

    /** The domain points into the contract document ({@code /parts/<slug>/…}); this body has the part at {@code /part}. */
    private static ProblemException repointed(ProblemException e, String from, String to) {
        List<Rejection> moved = e.rejections().stream()
                .map(r -> r.field().startsWith(from) ? r.atField(to + r.field().substring(from.length())) : r)
                .toList();
        return new ProblemException(e.status(), e.code(), e.title(), e.detail(), moved);
    }

    private static final List<String> STATUSES =
            List.of("draft", "active", "revised", "completed", "revoked", "entered-in-error");

    private static String valueOf(se.naravard.platform.identity.PatientIdentifier p) {
        return p == null ? null : p.value();
    }

    private static ContractDocument document(Contract c) {
        return ContractDocuments.toDocument(c);
    }

    static String etag(int version) {
        return "\"" + version + "\"";
    }

    /** Reads {@code "3"}, {@code W/"3"} or {@code 3}. */
    static int expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.of(
                    428,
                    new Rejection(
                            IF_MATCH_REQUIRED,
                            "If-Match",
                            "send If-Match with the version (ETag) the change is based on"));
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
                    412,
                    new Rejection(ContractService.STALE_VERSION, "If-Match", "If-Match is not a contract version"));
        }
    }

    private static ContractId contractId(String id) {
        try {
            return new ContractId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw ProblemException.of(404, new Rejection(ContractService.NOT_FOUND, "/id", "no contract with this id"));
        }
    }
}
