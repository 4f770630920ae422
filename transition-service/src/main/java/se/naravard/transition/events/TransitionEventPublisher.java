package se.naravard.transition.events;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.events.EventType;
import se.naravard.platform.events.PatientKeys;
import se.naravard.platform.events.Topics;
import se.naravard.platform.outbox.Outbox;
import se.naravard.transition.document.EpisodeDocs.MessageDoc;
import se.naravard.transition.document.EpisodeDocs.ReceiptDoc;
import se.naravard.transition.document.EpisodeDocs.TaskDoc;
import se.naravard.transition.document.EpisodeDocuments;
import se.naravard.transition.episode.Episode;
import se.naravard.transition.episode.EpisodeEvent;
import se.naravard.transition.episode.MessageId;
import se.naravard.transition.events.TransitionEventPayload.EventChange;

/** Turns the domain events of one change into CloudEvents on {@code transition.events}, through the outbox. */
@Singleton
public class TransitionEventPublisher {

    public static final String SOURCE = "/naravard/transition-service";
    public static final int VERSION = 1;
    public static final String CLOCK = "deadline-clock";

    private final Outbox outbox;
    private final PatientKeys patientKeys;
    private final JsonMapper json;

    public TransitionEventPublisher(Outbox outbox, PatientKeys patientKeys, JsonMapper json) {
        this.outbox = outbox;
        this.patientKeys = patientKeys;
        this.json = json;
    }

    /**
     * Must run in the transaction that stored {@code episode}; {@code documentJson} is its document as
     * stored, spliced into every payload as is rather than serialized again per event. {@code
     * byClock}: the change was the deadline clock's, not a person's.
     */
    public void publish(Episode episode, String documentJson, List<EpisodeEvent> events, Instant at, boolean byClock) {
        if (events.isEmpty()) {
            return;
        }
        var change = byClock
                ? new EventChange(at.toString(), null, CLOCK)
                : new EventChange(
                        at.toString(),
                        EpisodeDocuments.actor(
                                episode.lastChange().actor(),
                                episode.lastChange().unit()),
                        null);
        var a = episode.admission();
        String key = patientKeys.keyFor(a.patient().system(), a.patient().value());
        for (EpisodeEvent event : events) {
            var payload = payload(episode, change, event);
            outbox.append(
                    Topics.TRANSITION_EVENTS,
                    new EventEnvelope(
                            UUID.randomUUID(),
                            SOURCE,
                            EventType.of("transition", event.typeName(), VERSION),
                            a.id().value().toString(),
                            at.atOffset(ZoneOffset.UTC),
                            key,
                            a.kommun().value(),
                            episode.version(),
                            bytes(payload, documentJson)));
        }
    }

    private static TransitionEventPayload payload(Episode episode, EventChange change, EpisodeEvent event) {
        MessageDoc message = null;
        ReceiptDoc receipt = null;
        TaskDoc task = null;
        if (event instanceof EpisodeEvent.MessageSent e) {
            message = message(episode, e.messageId());
        } else if (event instanceof EpisodeEvent.MessageCancelled e) {
            message = message(episode, e.cancelled());
        } else if (event instanceof EpisodeEvent.ReceiptRecorded e) {
            message = message(episode, e.messageId());
            receipt = message == null
                    ? null
                    : message.receipts().stream()
                            .filter(r -> r.addressee().equals(e.addressee().value()))
                            .reduce((x, y) -> y)
                            .orElse(null);
        } else if (event instanceof EpisodeEvent.DeadlineMet e) {
            task = EpisodeDocuments.task(episode.id(), e.task());
        } else if (event instanceof EpisodeEvent.DeadlineMissed e) {
            task = EpisodeDocuments.task(episode.id(), e.task());
        } else if (event instanceof EpisodeEvent.DeadlineCancelled e) {
            task = EpisodeDocuments.task(episode.id(), e.task());
        } else if (event instanceof EpisodeEvent.DeadlineReopened e) {
            task = EpisodeDocuments.task(episode.id(), e.task());
        }
        return new TransitionEventPayload(event.typeName(), null, change, message, receipt, task);
    }

    private static MessageDoc message(Episode episode, MessageId id) {
        return episode.message(id).map(EpisodeDocuments::message).orElse(null);
    }

    /** The payload without the episode, with {@code "episode": <documentJson>} put first. */
    private byte[] bytes(TransitionEventPayload withoutEpisode, String documentJson) {
        try {
            String rest = json.writeValueAsString(withoutEpisode);
            return ("{\"episode\":" + documentJson + "," + rest.substring(1)).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialize a transition event", e);
        }
    }
}
