package se.naravard.sip.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import se.naravard.sip.callin.CallIn;
import se.naravard.sip.callin.CallInStatus;
import se.naravard.sip.callin.Invitee;
import se.naravard.sip.document.Docs.ActorDoc;
import se.naravard.sip.document.Docs.PersonDoc;

/**
 * The JSON shape of a call-in task, as the REST API returns it and {@code call_in.document} stores it.
 * Times are RFC 3339 UTC instants; absent values are left out.
 */
public final class CallInDocs {

    private CallInDocs() {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CallInDocument(
            String id,
            int version,
            String status,
            String transitionTaskId,
            String episodeId,
            @Nullable String noticeMessageId,
            @Nullable String noticeSentAt,
            PersonDoc person,
            String kommun,
            String dueAt,
            List<String> assignedUnits,
            List<InviteeDoc> noticeAddressees,
            @Nullable String sipId,
            @Nullable String calledAt,
            @Nullable ActorDoc completedBy,
            @Nullable String completedAt,
            List<InviteeDoc> invitees,
            @Nullable String note,
            @Nullable String cancelledAt,
            @Nullable String cancelReason,
            long episodeVersion,
            String createdAt,
            String updatedAt) {}

    /** {@code kind}: municipal (with {@code kommun}) or primary-care. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InviteeDoc(String kind, String unit, @Nullable String kommun) {}

    public static CallInDocument toDocument(CallIn c) {
        return new CallInDocument(
                c.id().toString(),
                c.version(),
                c.status().code(),
                c.transitionTaskId().toString(),
                c.episodeId().toString(),
                str(c.noticeMessageId()),
                str(c.noticeSentAt()),
                new PersonDoc(c.personSystem(), c.personValue()),
                c.kommun(),
                c.dueAt().toString(),
                c.assignedUnits(),
                invitees(c.noticeAddressees()),
                str(c.sipId()),
                str(c.calledAt()),
                c.completedByPerson() == null ? null : new ActorDoc(c.completedByPerson(), c.completedByUnit()),
                str(c.completedAt()),
                invitees(c.invitees()),
                c.note(),
                str(c.cancelledAt()),
                c.cancelReason(),
                c.episodeVersion(),
                c.createdAt().toString(),
                c.updatedAt().toString());
    }

    public static CallIn fromDocument(CallInDocument d) {
        return new CallIn(
                UUID.fromString(d.id()),
                UUID.fromString(d.transitionTaskId()),
                UUID.fromString(d.episodeId()),
                uuid(d.noticeMessageId()),
                instant(d.noticeSentAt()),
                d.person().system(),
                d.person().value(),
                d.kommun(),
                Instant.parse(d.dueAt()),
                d.assignedUnits(),
                fromInvitees(d.noticeAddressees()),
                CallInStatus.parse(d.status())
                        .orElseThrow(() -> new IllegalStateException("stored call-in status unknown: " + d.status())),
                uuid(d.sipId()),
                instant(d.calledAt()),
                d.completedBy() == null ? null : d.completedBy().person(),
                d.completedBy() == null ? null : d.completedBy().unit(),
                instant(d.completedAt()),
                fromInvitees(d.invitees()),
                d.note(),
                instant(d.cancelledAt()),
                d.cancelReason(),
                d.episodeVersion(),
                d.version(),
                Instant.parse(d.createdAt()),
                Instant.parse(d.updatedAt()));
    }

    public static List<InviteeDoc> invitees(List<Invitee> all) {
        return all.stream()
                .map(i -> new InviteeDoc(i.kind(), i.unit(), i.kommun()))
                .toList();
    }

    private static List<Invitee> fromInvitees(List<InviteeDoc> all) {
        return all == null
                ? List.of()
                : all.stream()
                        .map(i -> new Invitee(i.kind(), i.unit(), i.kommun()))
                        .toList();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static UUID uuid(String s) {
        return s == null ? null : UUID.fromString(s);
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
