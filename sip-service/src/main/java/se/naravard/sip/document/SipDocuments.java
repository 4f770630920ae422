package se.naravard.sip.document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.platform.identity.PatientIdentifier;
import se.naravard.sip.document.Docs.ActorDoc;
import se.naravard.sip.document.Docs.ChangeDoc;
import se.naravard.sip.document.Docs.ConsentDoc;
import se.naravard.sip.document.Docs.FollowUpDoc;
import se.naravard.sip.document.Docs.GiverDoc;
import se.naravard.sip.document.Docs.GoalDoc;
import se.naravard.sip.document.Docs.HeldDoc;
import se.naravard.sip.document.Docs.InterventionDoc;
import se.naravard.sip.document.Docs.MeetingDoc;
import se.naravard.sip.document.Docs.ParticipantDoc;
import se.naravard.sip.document.Docs.PersonDoc;
import se.naravard.sip.document.Docs.ResultDoc;
import se.naravard.sip.document.Docs.RevocationDoc;
import se.naravard.sip.document.Docs.ScopeDoc;
import se.naravard.sip.document.Docs.SipDocument;
import se.naravard.sip.document.Docs.StatusDoc;
import se.naravard.sip.model.Change;
import se.naravard.sip.model.Consent;
import se.naravard.sip.model.ConsentGiver;
import se.naravard.sip.model.FollowUp;
import se.naravard.sip.model.Goal;
import se.naravard.sip.model.Intervention;
import se.naravard.sip.model.Meeting;
import se.naravard.sip.model.MeetingId;
import se.naravard.sip.model.Participant;
import se.naravard.sip.model.Principal;
import se.naravard.sip.model.Sip;
import se.naravard.sip.model.SipContent;
import se.naravard.sip.model.SipId;
import se.naravard.sip.model.SipStatus;

/** Maps a {@link Sip} to its document and a stored document back to the SIP. */
public final class SipDocuments {

    private SipDocuments() {}

    public static SipDocument toDocument(Sip s) {
        SipContent c = s.content();
        return new SipDocument(
                s.id().toString(),
                s.version(),
                new PersonDoc(s.person().system(), s.person().value()),
                s.kommun().value(),
                status(s.status()),
                c.consents().stream().map(SipDocuments::consent).toList(),
                c.objectsToNarstaende(),
                c.participants().stream().map(SipDocuments::participant).toList(),
                c.goals().stream().map(g -> new GoalDoc(g.text())).toList(),
                c.interventions().stream().map(SipDocuments::intervention).toList(),
                c.overallResponsibility() == null
                        ? null
                        : c.overallResponsibility().name(),
                c.meetings().stream().map(SipDocuments::meeting).toList(),
                c.followUps().stream().map(SipDocuments::followUp).toList(),
                change(s.created()),
                change(s.lastChange()));
    }

    /**
     * Reads a document this service wrote earlier.
     *
     * @throws IllegalStateException if it is not valid: stored data that fails reading is a bug, never
     *     user input
     */
    public static Sip fromDocument(SipDocument d) {
        EntryReader r = new EntryReader();
        List<Consent> consents = new ArrayList<>();
        for (int i = 0; i < d.consents().size(); i++) {
            consents.add(r.consent(d.consents().get(i), "/consents/" + i, null));
        }
        List<Participant> participants = new ArrayList<>();
        for (int i = 0; i < d.participants().size(); i++) {
            participants.add(r.participant(d.participants().get(i), "/participants/" + i));
        }
        List<Intervention> interventions = new ArrayList<>();
        for (int i = 0; i < d.interventions().size(); i++) {
            interventions.add(r.intervention(null, d.interventions().get(i), "/interventions/" + i));
        }
        List<Meeting> meetings = new ArrayList<>();
        for (int i = 0; i < d.meetings().size(); i++) {
            meetings.add(meeting(r, d.meetings().get(i), "/meetings/" + i));
        }
        List<FollowUp> followUps = new ArrayList<>();
        for (int i = 0; i < d.followUps().size(); i++) {
            FollowUpDoc f = d.followUps().get(i);
            String p = "/followUps/" + i;
            followUps.add(new FollowUp(
                    r.date(f.date(), p + "/date"),
                    r.participantId(f.by(), p + "/by"),
                    f.result() == null
                            ? null
                            : new FollowUp.Result(
                                    f.result().text(), Instant.parse(f.result().at()))));
        }
        SipContent content = new SipContent(
                consents,
                d.objectsToNarstaende(),
                participants,
                d.goals().stream().map(g -> new Goal(g.text())).toList(),
                interventions,
                r.code(Principal.class, d.overallResponsibility(), "/overallResponsibility"),
                meetings,
                followUps);
        if (!r.rejections().isEmpty() || hasNull(consents, participants, interventions, meetings)) {
            throw new IllegalStateException("stored SIP document is invalid: " + r.rejections());
        }
        return new Sip(
                new SipId(java.util.UUID.fromString(d.id())),
                PatientIdentifier.parse(d.person().value()),
                Kommunkod.of(d.kommun()),
                d.version(),
                status(d.status()),
                content,
                change(d.created()),
                change(d.lastChange()));
    }

    public static ActorDoc actor(HsaId person, HsaId unit) {
        return new ActorDoc(person.value(), unit.value());
    }

    public static ChangeDoc change(Change c) {
        return new ChangeDoc(c.at().toString(), actor(c.person(), c.unit()), c.reason());
    }

    public static GiverDoc giver(ConsentGiver g) {
        return g.isThePerson() ? null : new GiverDoc(g.representativeName(), g.relation());
    }

    public static List<String> ids(Collection<?> ids) {
        return ids.stream().map(Object::toString).sorted().toList();
    }

    private static boolean hasNull(List<?>... lists) {
        for (List<?> l : lists) {
            if (l.stream().anyMatch(Objects::isNull)) {
                return true;
            }
        }
        return false;
    }

    private static Change change(ChangeDoc c) {
        return new Change(HsaId.of(c.actor().person()), HsaId.of(c.actor().unit()), Instant.parse(c.at()), c.reason());
    }

    private static StatusDoc status(SipStatus s) {
        return switch (s.kind()) {
            case DRAFT -> new StatusDoc(s.code(), null, null, null, null);
            case ACTIVE -> {
                var a = (SipStatus.Active) s;
                yield new StatusDoc(
                        s.code(), a.activatedAt().toString(), a.activatedBy().value(), null, null);
            }
            case COMPLETED -> new StatusDoc(
                    s.code(), null, null, ((SipStatus.Completed) s).at().toString(), null);
            case CANCELLED -> {
                var c = (SipStatus.Cancelled) s;
                yield new StatusDoc(s.code(), null, null, c.at().toString(), c.reason());
            }
            case ENTERED_IN_ERROR -> {
                var e = (SipStatus.EnteredInError) s;
                yield new StatusDoc(s.code(), null, null, e.at().toString(), e.reason());
            }
        };
    }

    private static SipStatus status(StatusDoc s) {
        return switch (s.code()) {
            case "draft" -> new SipStatus.Draft();
            case "active" -> new SipStatus.Active(Instant.parse(s.activatedAt()), HsaId.of(s.activatedBy()));
            case "completed" -> new SipStatus.Completed(Instant.parse(s.at()));
            case "cancelled" -> new SipStatus.Cancelled(Instant.parse(s.at()), s.reason());
            case "entered-in-error" -> new SipStatus.EnteredInError(Instant.parse(s.at()), s.reason());
            default -> throw new IllegalStateException("unknown stored status " + s.code());
        };
    }

    private static ConsentDoc consent(Consent c) {
        return new ConsentDoc(
                giver(c.givenBy()),
                new ScopeDoc(
                        c.scope().what(),
                        ids(c.scope().participants()),
                        ids(c.scope().organisations().stream().map(HsaId::value).toList())),
                c.from().toString(),
                c.to() == null ? null : c.to().toString(),
                c.revocation() == null
                        ? null
                        : new RevocationDoc(
                                c.revocation().at().toString(),
                                giver(c.revocation().by())));
    }

    public static ParticipantDoc participant(Participant p) {
        return switch (p.kind()) {
            case PERSON -> new ParticipantDoc(
                    p.id().value(), p.kind().name(), null, null, null, null, null, null, null);
            case RELATED_PERSON -> {
                var r = (Participant.RelatedPerson) p;
                yield new ParticipantDoc(
                        r.id().value(), p.kind().name(), r.name(), r.relation(), null, null, null, null, null);
            }
            case UNIT -> {
                var u = (Participant.UnitParticipant) p;
                yield new ParticipantDoc(
                        u.id().value(),
                        p.kind().name(),
                        null,
                        null,
                        u.principal().name(),
                        u.unit().value(),
                        u.role().name(),
                        u.contactName(),
                        null);
            }
            case OTHER -> {
                var o = (Participant.OtherParticipant) p;
                yield new ParticipantDoc(
                        o.id().value(), p.kind().name(), o.name(), null, null, null, null, null, o.organisation());
            }
        };
    }

    private static InterventionDoc intervention(Intervention i) {
        return new InterventionDoc(
                i.id().value(),
                i.what(),
                i.responsiblePrincipal() == null
                        ? null
                        : i.responsiblePrincipal().name(),
                i.responsibleUnit() == null ? null : i.responsibleUnit().value(),
                i.start() == null ? null : i.start().toString(),
                i.status().name());
    }

    private static MeetingDoc meeting(Meeting m) {
        return new MeetingDoc(
                m.id().value(),
                m.plannedAt().toString(),
                m.placeOrMode(),
                m.held() == null
                        ? null
                        : new HeldDoc(m.held().at().toString(), ids(m.held().attendees())));
    }

    private static Meeting meeting(EntryReader r, MeetingDoc d, String p) {
        MeetingId id = r.meetingId(d.id(), p + "/id");
        Instant planned = r.instant(d.plannedAt(), p + "/plannedAt");
        Meeting.Held held = null;
        if (d.held() != null) {
            var attendees = r.list(d.held().attendees(), p + "/held/attendees", r::participantId);
            held = new Meeting.Held(Instant.parse(d.held().at()), attendees);
        }
        return id == null || planned == null ? null : new Meeting(id, planned, d.placeOrMode(), held);
    }

    private static FollowUpDoc followUp(FollowUp f) {
        return new FollowUpDoc(
                f.date().toString(),
                f.by().value(),
                f.result() == null
                        ? null
                        : new ResultDoc(f.result().text(), f.result().at().toString()));
    }
}
