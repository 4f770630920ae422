package se.naravard.sip.events;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.UUID;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.events.EventType;
import se.naravard.platform.events.PatientKeys;
import se.naravard.platform.events.Topics;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.outbox.Outbox;
import se.naravard.sip.document.Docs.ScopeDoc;
import se.naravard.sip.document.SipDocuments;
import se.naravard.sip.model.Change;
import se.naravard.sip.model.Sip;
import se.naravard.sip.model.SipEvent;
import se.naravard.sip.model.SipEvent.ConsentGiven;
import se.naravard.sip.model.SipEvent.ConsentRevoked;
import se.naravard.sip.model.SipEvent.MeetingHeld;
import se.naravard.sip.model.SipEvent.NarstaendeObjectionRecorded;
import se.naravard.sip.model.SipEvent.SipActivated;
import se.naravard.sip.model.SipEvent.SipChanged;
import se.naravard.sip.model.SipEvent.SipDrafted;
import se.naravard.sip.model.SipEvent.SipFollowedUp;

/** Turns a domain event into a CloudEvent on {@code sip.events}, through the outbox. */
@Singleton
public class SipEventPublisher {

    public static final String SOURCE = "/naravard/sip-service";
    public static final int VERSION = 1;

    private final Outbox outbox;
    private final PatientKeys patientKeys;
    private final JsonMapper json;

    public SipEventPublisher(Outbox outbox, PatientKeys patientKeys, JsonMapper json) {
        this.outbox = outbox;
        this.patientKeys = patientKeys;
        this.json = json;
    }

    /** Must run in the transaction that stored {@code sip}; who/when/why is its {@code lastChange}. */
    public void publish(Sip sip, SipEvent event) {
        Change change = sip.lastChange();
        SipEventPayload payload =
                new SipEventPayload(event.typeName(), SipDocuments.toDocument(sip), change(event, change));
        outbox.append(
                Topics.SIP_EVENTS,
                new EventEnvelope(
                        UUID.randomUUID(),
                        SOURCE,
                        EventType.of("sip", event.typeName(), VERSION),
                        sip.id().toString(),
                        change.at().atOffset(ZoneOffset.UTC),
                        patientKeys.keyFor(sip.person().system(), sip.person().value()),
                        sip.kommun().value(),
                        sip.version(),
                        bytes(payload)));
    }

    static SipEventPayload.Change change(SipEvent event, Change c) {
        var b = SipEventPayload.Change.of(c.at().toString(), SipDocuments.actor(c.person(), c.unit()), c.reason());
        if (event instanceof SipDrafted d) {
            b.kommun = d.kommun().value();
        } else if (event instanceof SipChanged s) {
            b.part = s.part().slug();
        } else if (event instanceof SipActivated a) {
            b.activatedAt = a.at().toString();
        } else if (event instanceof ConsentGiven g) {
            b.scope = new ScopeDoc(
                    g.scope().what(),
                    SipDocuments.ids(g.scope().participants()),
                    SipDocuments.ids(
                            g.scope().organisations().stream().map(HsaId::value).toList()));
            b.from = g.from().toString();
            b.to = g.to() == null ? null : g.to().toString();
            b.byRepresentative = g.byRepresentative();
        } else if (event instanceof ConsentRevoked r) {
            b.byRepresentative = r.byRepresentative();
            b.revokedAt = r.at().toString();
        } else if (event instanceof NarstaendeObjectionRecorded n) {
            b.objects = n.objects();
            b.removed = SipDocuments.ids(n.removed());
        } else if (event instanceof MeetingHeld m) {
            b.meeting = m.meeting().value();
            b.heldAt = m.at().toString();
            b.attendees = SipDocuments.ids(m.attendees());
        } else if (event instanceof SipFollowedUp f) {
            b.followUpDate = f.date().toString();
        }
        // sip-completed, sip-cancelled, sip-entered-in-error: the reason says it all
        return b.build();
    }

    private byte[] bytes(SipEventPayload payload) {
        try {
            return json.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialize a SIP event", e);
        }
    }
}
