package se.naravard.sip.events;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.events.EventType;
import se.naravard.platform.events.PatientKeys;
import se.naravard.platform.events.Topics;
import se.naravard.platform.outbox.Outbox;
import se.naravard.sip.callin.CallIn;
import se.naravard.sip.callin.CallInStatus;
import se.naravard.sip.document.CallInDocs;
import se.naravard.sip.document.Docs.ActorDoc;

/** Publishes call-in task changes on {@code sip.events}, through the outbox, keyed by the patient key. */
@Singleton
public class CallInEventPublisher {

    public static final String OPENED = "call-in-opened";
    public static final String COMPLETED = "call-in-completed";
    public static final String COMPLETED_ELSEWHERE = "call-in-completed-elsewhere";
    public static final String CANCELLED = "call-in-cancelled";

    private final Outbox outbox;
    private final PatientKeys patientKeys;
    private final JsonMapper json;

    public CallInEventPublisher(Outbox outbox, PatientKeys patientKeys, JsonMapper json) {
        this.outbox = outbox;
        this.patientKeys = patientKeys;
        this.json = json;
    }

    /** Must run in the transaction that stored {@code c}. */
    public void opened(CallIn c, long episodeVersion) {
        publish(OPENED, c, new CallInEventPayload.Change(c.updatedAt().toString(), null, null, null, episodeVersion));
    }

    public void cancelled(CallIn c, long episodeVersion) {
        publish(
                CANCELLED,
                c,
                new CallInEventPayload.Change(c.updatedAt().toString(), null, c.cancelReason(), null, episodeVersion));
    }

    public void completedElsewhere(CallIn c, long episodeVersion) {
        publish(
                COMPLETED_ELSEWHERE,
                c,
                new CallInEventPayload.Change(c.updatedAt().toString(), null, null, c.note(), episodeVersion));
    }

    public void completed(CallIn c) {
        publish(
                COMPLETED,
                c,
                new CallInEventPayload.Change(
                        c.updatedAt().toString(),
                        new ActorDoc(c.completedByPerson(), c.completedByUnit()),
                        null,
                        null,
                        null));
    }

    static CallInEventPayload.CallInDoc callIn(CallIn c) {
        boolean calledHere = c.status() == CallInStatus.COMPLETED && c.completedByPerson() != null;
        return new CallInEventPayload.CallInDoc(
                c.id().toString(),
                c.episodeId().toString(),
                c.transitionTaskId().toString(),
                c.noticeMessageId() == null ? null : c.noticeMessageId().toString(),
                c.kommun(),
                c.dueAt().toString(),
                c.status().code(),
                calledHere ? c.calledAt().toString() : null,
                calledHere ? new ActorDoc(c.completedByPerson(), c.completedByUnit()) : null,
                c.sipId() == null ? null : c.sipId().toString(),
                c.assignedUnits(),
                CallInDocs.invitees(calledHere ? c.invitees() : c.noticeAddressees()));
    }

    private void publish(String type, CallIn c, CallInEventPayload.Change change) {
        Instant at = c.updatedAt();
        outbox.append(
                Topics.SIP_EVENTS,
                new EventEnvelope(
                        UUID.randomUUID(),
                        SipEventPublisher.SOURCE,
                        EventType.of("sip", type, SipEventPublisher.VERSION),
                        c.id().toString(),
                        at.atOffset(ZoneOffset.UTC),
                        patientKeys.keyFor(c.personSystem(), c.personValue()),
                        c.kommun(),
                        c.version(),
                        bytes(new CallInEventPayload(type, callIn(c), change))));
    }

    private byte[] bytes(CallInEventPayload payload) {
        try {
            return json.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialize a call-in event", e);
        }
    }
}
