package se.naravard.sip.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import se.naravard.platform.domain.RejectedException;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.web.ProblemException;
import se.naravard.sip.CallInService;
import se.naravard.sip.callin.CallIn;
import se.naravard.sip.callin.CallInRejections;
import se.naravard.sip.callin.CallInStatus;
import se.naravard.sip.document.CallInDocs;
import se.naravard.sip.document.CallInDocs.CallInDocument;
import se.naravard.sip.document.EntryReader;
import se.naravard.sip.model.Change;
import se.naravard.sip.web.CommandReader.Faults;

/**
 * SIP call-in tasks (kallelse till SIP within three days of the utskrivningsklar notice): the fast
 * vårdkontakt's work list, and the report that the SIP was called, which goes back to
 * transition-service as {@code se.naravard.sip.call-in-completed.v1}.
 */
@Controller("/call-ins")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "SIP call-in tasks")
public class CallInController {

    private static final List<String> STATUSES =
            Arrays.stream(CallInStatus.values()).map(CallInStatus::code).toList();

    private final CallInService callIns;
    private final CommandReader reader;

    public CallInController(CallInService callIns, CommandReader reader) {
        this.callIns = callIns;
        this.reader = reader;
    }

    /** A page of call-in tasks; {@code next} is the offset of the next page, absent on the last. */
    @Serdeable
    public record CallInPage(List<CallInDocument> callIns, int offset, @Nullable Integer next) {}

    @Get
    @Operation(
            summary = "Call-in tasks by assigned unit, kommun, status and transition task, the earliest deadline"
                    + " first")
    public CallInPage list(
            @Nullable @QueryValue String unit,
            @Nullable @QueryValue String kommun,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue String transitionTaskId,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue Integer offset) {
        Faults faults = new Faults();
        int size = limit == null ? 20 : limit;
        int from = offset == null ? 0 : offset;
        if (size < 1 || size > SipQueryController.MAX_PAGE) {
            faults.add(new Rejection(
                    SipQueryController.BAD_QUERY,
                    "/limit",
                    "limit must be between 1 and " + SipQueryController.MAX_PAGE));
        }
        if (from < 0) {
            faults.add(new Rejection(SipQueryController.BAD_QUERY, "/offset", "offset must not be negative"));
        }
        if (status != null && !STATUSES.contains(status)) {
            faults.add(
                    new Rejection(CallInRejections.UNKNOWN_STATUS, "/status", "unknown status; allowed: " + STATUSES));
        }
        String unitId = unit == null ? null : hsa(unit, "/unit", faults);
        if (kommun != null) {
            reader.kommun(kommun, faults);
        }
        UUID clock = null;
        if (transitionTaskId != null) {
            try {
                clock = UUID.fromString(transitionTaskId);
            } catch (IllegalArgumentException e) {
                faults.add(new Rejection(
                        SipQueryController.BAD_QUERY, "/transitionTaskId", "transitionTaskId must be a UUID"));
            }
        }
        faults.throwIfAny("The search is not valid");
        List<CallInDocument> found =
                callIns.search(new CallInService.Search(unitId, kommun, status, clock), size + 1, from);
        boolean more = found.size() > size;
        return new CallInPage(more ? found.subList(0, size) : found, from, more ? from + size : null);
    }

    @Get("/{id}")
    @Operation(summary = "One call-in task")
    public CallInDocument get(@PathVariable String id) {
        return CallInDocs.toDocument(callIns.get(callInId(id)));
    }

    @Post(value = "/{id}/completion", consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Report the SIP called (kallelse sent): completes the task and emits"
                    + " se.naravard.sip.call-in-completed.v1, from which transition-service records the kallelse")
    public CallInDocument complete(@PathVariable String id, @Body Requests.CompleteCallIn body) {
        UUID callIn = callInId(id);
        Faults faults = new Faults();
        EntryReader entries = faults.entries();
        Change change = reader.change(body.actor(), null, Instant.EPOCH, faults);
        UUID sipId = null;
        if (body.sipId() != null) {
            try {
                sipId = UUID.fromString(body.sipId());
            } catch (IllegalArgumentException e) {
                faults.add(new Rejection(CallInRejections.UNKNOWN_SIP, "/sipId", "not a SIP id (UUID)"));
            }
        }
        Instant calledAt = entries.instant(body.calledAt(), "/calledAt");
        List<String> invitees = null;
        if (body.invitees() != null) {
            invitees = new java.util.ArrayList<>();
            for (int i = 0; i < body.invitees().size(); i++) {
                invitees.add(hsa(body.invitees().get(i), "/invitees/" + i, faults));
            }
        }
        faults.throwIfAny("The call-in completion is not valid");
        CallIn done = callIns.complete(
                callIn,
                new CallIn.Completion(change.person().value(), change.unit().value(), sipId, calledAt, invitees));
        return CallInDocs.toDocument(done);
    }

    /** The normalized HSA-id, or null and a fault. */
    private static String hsa(String value, String pointer, Faults faults) {
        if (value == null || value.isBlank()) {
            faults.add(new Rejection(CommandReader.REQUIRED, pointer, "an HSA-id is required"));
            return null;
        }
        try {
            return HsaId.of(value).value();
        } catch (RejectedException e) {
            faults.add(e.first().atField(pointer));
            return null;
        }
    }

    private static UUID callInId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.of(
                    404, new Rejection(CallInRejections.NOT_FOUND, "/id", "no call-in task with this id"));
        }
    }
}
