package se.naravard.sip.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import se.naravard.sip.document.CallInDocs.InviteeDoc;
import se.naravard.sip.document.Docs.ActorDoc;

/**
 * The payload of the {@code se.naravard.sip.call-in-*.v1} events (docs/events.md). transition-service
 * reads {@code call-in-completed} to record a kallelse till SIP on the episode: sentAt = {@code
 * calledAt}, sender = {@code calledBy.unit}, addressees = {@code invitees}. Keep this shape exact.
 *
 * @param type call-in-opened, call-in-completed, call-in-completed-elsewhere, call-in-cancelled
 */
@Serdeable
public record CallInEventPayload(String type, CallInDoc callIn, Change change) {

    /**
     * The task after the change. {@code sipId} is always present (null when no SIP is linked);
     * {@code calledAt} and {@code calledBy} only once completed here; {@code invitees} are the units
     * called (before completion: the notice's addressees, who will be called by default).
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CallInDoc(
            String id,
            String episodeId,
            String transitionTaskId,
            @Nullable String noticeMessageId,
            String kommun,
            String dueAt,
            String status,
            @Nullable String calledAt,
            @Nullable ActorDoc calledBy,
            @Nullable @JsonInclude(JsonInclude.Include.ALWAYS) String sipId,
            List<String> assignedUnits,
            List<InviteeDoc> invitees) {}

    /**
     * @param at when the change was recorded
     * @param actor who reported it (completion only)
     * @param reason why a task was cancelled: withdrawn, episode-closed[: deceased|moved|interrupted]
     * @param note why a task was completed elsewhere
     * @param episodeVersion the transition episode version that caused the change (not for completion)
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(
            String at,
            @Nullable ActorDoc actor,
            @Nullable String reason,
            @Nullable String note,
            @Nullable Long episodeVersion) {}
}
