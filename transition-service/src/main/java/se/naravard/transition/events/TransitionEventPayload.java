package se.naravard.transition.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import se.naravard.transition.document.EpisodeDocs.ActorDoc;
import se.naravard.transition.document.EpisodeDocs.EpisodeDocument;
import se.naravard.transition.document.EpisodeDocs.MessageDoc;
import se.naravard.transition.document.EpisodeDocs.ReceiptDoc;
import se.naravard.transition.document.EpisodeDocs.TaskDoc;

/**
 * The data of a {@code transition.events} CloudEvent: the episode after the change (event-carried
 * state, so no consumer needs to call back) and what changed. {@code message} is the message the event
 * is about (message-sent, message-cancelled, receipt-recorded), {@code receipt} the receipt recorded,
 * {@code task} the deadline task that was met, missed, cancelled or reopened. {@code episode} is
 * always present on the wire; the publisher writes it from the stored JSON.
 */
@Serdeable
public record TransitionEventPayload(
        String type,
        @Nullable EpisodeDocument episode,
        EventChange change,
        @Nullable MessageDoc message,
        @Nullable ReceiptDoc receipt,
        @Nullable TaskDoc task) {

    /**
     * When the change was recorded and by whom: a person ({@code actor}) or the service's own deadline
     * clock ({@code by} = {@code deadline-clock}).
     */
    @Serdeable
    public record EventChange(String at, @Nullable ActorDoc actor, @Nullable String by) {}
}
