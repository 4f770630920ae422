package se.naravard.transition.document;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The JSON shapes of an episode: what the REST API returns, what is stored in {@code episode.document}
 * and {@code episode_version.document}, and what {@code transition.events} carry. Times are RFC 3339
 * UTC instants; dates are local dates in Europe/Stockholm. Codes are lower-case with hyphens.
 */
public final class EpisodeDocs {

    private EpisodeDocs() {}

    /**
     * {@code admissionKind}: unplanned (akut) or planned; absent when unknown (episodes recorded before
     * it was asked, callers that do not say).
     */
    @Serdeable
    public record EpisodeDocument(
            String id,
            int version,
            PatientDoc patient,
            String admittingUnit,
            String kommun,
            String admittedAt,
            @Nullable String admissionKind,
            String physicianAssessedAt,
            @Nullable String expectedDischargeDate,
            boolean needsBothPrincipals,
            boolean mayNeedHelpAfterDischarge,
            StatusDoc status,
            List<MessageDoc> messages,
            List<TaskDoc> tasks,
            ChangeDoc lastChange) {}

    @Serdeable
    public record PatientDoc(String system, String value) {}

    /**
     * {@code code}: admitted, utskrivningsklar ({@code noticeAt}), discharged ({@code at}), closed
     * ({@code at}, {@code reason}: deceased, moved, interrupted).
     */
    @Serdeable
    public record StatusDoc(String code, @Nullable String noticeAt, @Nullable String at, @Nullable String reason) {}

    @Serdeable
    public record MessageDoc(
            String id,
            String type,
            String sentAt,
            String sender,
            List<AddresseeDoc> addressees,
            @Nullable String refersTo,
            List<ReceiptDoc> receipts,
            @Nullable String cancelledBy) {}

    /** {@code kind}: municipal (with {@code kommun}) or primary-care. */
    @Serdeable
    public record AddresseeDoc(String kind, String unit, @Nullable String kommun) {}

    /** {@code status}: ok, transient-error, fatal-error; {@code kind}: automatic, application. */
    @Serdeable
    public record ReceiptDoc(String addressee, String status, String at, @Nullable String reason, String kind) {}

    /**
     * A deadline clock. {@code id} is stable across versions (derived from the episode, kind, trigger,
     * addressee and due time). {@code state}: open, met ({@code metAt}), missed ({@code missedAt}, and
     * {@code fulfilledLateAt} once the duty was done late).
     */
    @Serdeable
    public record TaskDoc(
            String id,
            String kind,
            String dueAt,
            String state,
            @Nullable String metAt,
            @Nullable String missedAt,
            @Nullable String fulfilledLateAt,
            @Nullable String trigger,
            @Nullable String addressee,
            @Nullable String fulfilledBy) {}

    @Serdeable
    public record ChangeDoc(String at, ActorDoc actor) {}

    @Serdeable
    public record ActorDoc(String person, String unit) {}
}
