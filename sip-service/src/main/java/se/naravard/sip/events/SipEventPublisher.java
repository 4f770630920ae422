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
        var base = SipEventPayload.Change.of(c.at().toString(), SipDocuments.actor(c.person(), c.unit()), c.reason());
        if (event instanceof SipDrafted d) {
            return with(base, d.kommun().value(), null);
        } else if (event instanceof SipChanged s) {
            return with(base, null, s.part().slug());
        } else if (event instanceof SipActivated a) {
            return withActivation(base, a.at().toString());
        } else if (event instanceof ConsentGiven g) {
            return consentGiven(base, g);
        } else if (event instanceof ConsentRevoked r) {
            return consentRevoked(base, r);
        } else if (event instanceof NarstaendeObjectionRecorded n) {
            return objection(base, n);
        } else if (event instanceof MeetingHeld m) {
            return meetingHeld(base, m);
        } else if (event instanceof SipFollowedUp f) {
            return followedUp(base, f.date().toString());
        }
        // sip-completed, sip-cancelled, sip-entered-in-error: the reason says it all
        return base;
    }

    private static SipEventPayload.Change with(SipEventPayload.Change b, String kommun, String part) {
        return new SipEventPayload.Change(
                b.at(),
                b.actor(),
                b.reason(),
                kommun,
                part,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static SipEventPayload.Change withActivation(SipEventPayload.Change b, String activatedAt) {
        return new SipEventPayload.Change(
                b.at(),
                b.actor(),
                b.reason(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                activatedAt);
    }

    private static SipEventPayload.Change consentGiven(SipEventPayload.Change b, ConsentGiven g) {
        ScopeDoc scope = new ScopeDoc(
                g.scope().what(),
                SipDocuments.ids(g.scope().participants()),
                SipDocuments.ids(
                        g.scope().organisations().stream().map(HsaId::value).toList()));
        return new SipEventPayload.Change(
                b.at(),
                b.actor(),
                b.reason(),
                null,
                null,
                scope,
                g.from().toString(),
                g.to() == null ? null : g.to().toString(),
                g.byRepresentative(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static SipEventPayload.Change consentRevoked(SipEventPayload.Change b, ConsentRevoked r) {
        return new SipEventPayload.Change(
                b.at(),
                b.actor(),
                b.reason(),
                null,
                null,
                null,
                null,
                null,
                r.byRepresentative(),
                r.at().toString(),
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static SipEventPayload.Change objection(SipEventPayload.Change b, NarstaendeObjectionRecorded n) {
        return new SipEventPayload.Change(
                b.at(),
                b.actor(),
                b.reason(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                n.objects(),
                SipDocuments.ids(n.removed()),
                null,
                null,
                null,
                null,
                null);
    }

    private static SipEventPayload.Change meetingHeld(SipEventPayload.Change b, MeetingHeld m) {
        return new SipEventPayload.Change(
                b.at(),
                b.actor(),
                b.reason(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                m.meeting().value(),
                m.at().toString(),
                SipDocuments.ids(m.attendees()),
                null,
                null);
    }

    private static SipEventPayload.Change followedUp(SipEventPayload.Change b, String date) {
        return new SipEventPayload.Change(
                b.at(),
                b.actor(),
                b.reason(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                date,
                null);
    }

    private byte[] bytes(SipEventPayload payload) {
        try {
            return json.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialize a SIP event", e);
        }
    }
}
