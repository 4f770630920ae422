package se.naravard.transition.document;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.platform.identity.PatientIdentifier;
import se.naravard.transition.deadline.DeadlineState;
import se.naravard.transition.document.EpisodeDocs.ActorDoc;
import se.naravard.transition.document.EpisodeDocs.AddresseeDoc;
import se.naravard.transition.document.EpisodeDocs.ChangeDoc;
import se.naravard.transition.document.EpisodeDocs.EpisodeDocument;
import se.naravard.transition.document.EpisodeDocs.MessageDoc;
import se.naravard.transition.document.EpisodeDocs.PatientDoc;
import se.naravard.transition.document.EpisodeDocs.ReceiptDoc;
import se.naravard.transition.document.EpisodeDocs.StatusDoc;
import se.naravard.transition.document.EpisodeDocs.TaskDoc;
import se.naravard.transition.episode.Addressee;
import se.naravard.transition.episode.Admission;
import se.naravard.transition.episode.AdmissionKind;
import se.naravard.transition.episode.Change;
import se.naravard.transition.episode.DeadlineTask;
import se.naravard.transition.episode.Episode;
import se.naravard.transition.episode.EpisodeId;
import se.naravard.transition.episode.EpisodeRules;
import se.naravard.transition.episode.EpisodeStatus;
import se.naravard.transition.episode.Message;
import se.naravard.transition.episode.MessageId;
import se.naravard.transition.episode.MessageType;
import se.naravard.transition.episode.Receipt;
import se.naravard.transition.episode.ReceiptKind;
import se.naravard.transition.episode.ReceiptStatus;
import se.naravard.transition.episode.TaskKind;

/** Converts episodes to their JSON documents and back; a round trip gives an equal episode. */
public final class EpisodeDocuments {

    private EpisodeDocuments() {}

    public static EpisodeDocument toDocument(Episode e) {
        var a = e.admission();
        return new EpisodeDocument(
                a.id().value().toString(),
                e.version(),
                new PatientDoc(a.patient().system(), a.patient().value()),
                a.admittingUnit().value(),
                a.kommun().value(),
                a.admittedAt().toString(),
                a.kind() == null ? null : Codes.of(a.kind()),
                a.physicianAssessedAt().toString(),
                a.expectedDischargeDate() == null
                        ? null
                        : a.expectedDischargeDate().toString(),
                a.needsBothPrincipals(),
                a.mayNeedHelpAfterDischarge(),
                status(e.status()),
                e.messages().stream().map(EpisodeDocuments::message).toList(),
                e.tasks().stream().map(t -> task(a.id(), t)).toList(),
                change(e.lastChange()));
    }

    public static Episode fromDocument(EpisodeDocument d, EpisodeRules rules) {
        var id = new EpisodeId(UUID.fromString(d.id()));
        var admission = new Admission(
                id,
                PatientIdentifier.parse(d.patient().value()),
                HsaId.of(d.admittingUnit()),
                Kommunkod.of(d.kommun()),
                Instant.parse(d.admittedAt()),
                Instant.parse(d.physicianAssessedAt()),
                d.expectedDischargeDate() == null ? null : LocalDate.parse(d.expectedDischargeDate()),
                d.needsBothPrincipals(),
                d.mayNeedHelpAfterDischarge(),
                d.admissionKind() == null ? null : Codes.required(AdmissionKind.class, d.admissionKind()));
        return new Episode(
                admission,
                status(d.status()),
                d.messages().stream().map(EpisodeDocuments::message).toList(),
                d.tasks().stream().map(EpisodeDocuments::task).toList(),
                d.version(),
                change(d.lastChange()),
                rules);
    }

    /**
     * The stable id of a task: a name-based UUID over what identifies the duty, so that the same
     * clock keeps its id in every version (the FHIR gateway's {@code Task.id}, SIP call-in links).
     */
    public static UUID taskId(EpisodeId episode, DeadlineTask t) {
        String key = episode.value() + "|" + t.kind() + "|" + t.trigger() + "|"
                + (t.addressee() == null ? "" : t.addressee().value()) + "|" + t.dueAt();
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    public static ActorDoc actor(HsaId person, HsaId unit) {
        return new ActorDoc(person.value(), unit.value());
    }

    public static ChangeDoc change(Change c) {
        return new ChangeDoc(c.at().toString(), actor(c.actor(), c.unit()));
    }

    public static MessageDoc message(Message m) {
        return new MessageDoc(
                m.id().value().toString(),
                Codes.of(m.type()),
                m.sentAt().toString(),
                m.sender().value(),
                m.addressees().stream().map(EpisodeDocuments::addressee).toList(),
                m.refersTo() == null ? null : m.refersTo().value().toString(),
                m.receipts().stream().map(EpisodeDocuments::receipt).toList(),
                m.cancelledBy() == null ? null : m.cancelledBy().value().toString());
    }

    public static AddresseeDoc addressee(Addressee a) {
        return new AddresseeDoc(
                Codes.of(a.kind()),
                a.unit().value(),
                a.kommun() == null ? null : a.kommun().value());
    }

    public static ReceiptDoc receipt(Receipt r) {
        return new ReceiptDoc(
                r.addressee().value(), Codes.of(r.status()), r.at().toString(), r.reason(), Codes.of(r.kind()));
    }

    public static TaskDoc task(EpisodeId episode, DeadlineTask t) {
        String metAt = null;
        String missedAt = null;
        String lateAt = null;
        switch (t.state().kind()) {
            case OPEN -> {}
            case MET -> metAt = ((DeadlineState.Met) t.state()).at().toString();
            case MISSED -> {
                var missed = (DeadlineState.Missed) t.state();
                missedAt = missed.at().toString();
                lateAt = missed.lateFulfilment().map(Instant::toString).orElse(null);
            }
        }
        return new TaskDoc(
                taskId(episode, t).toString(),
                Codes.of(t.kind()),
                t.dueAt().toString(),
                Codes.of(t.state().kind()),
                metAt,
                missedAt,
                lateAt,
                t.trigger() == null ? null : t.trigger().value().toString(),
                t.addressee() == null ? null : t.addressee().value(),
                t.fulfilledBy() == null ? null : t.fulfilledBy().value().toString());
    }

    static StatusDoc status(EpisodeStatus s) {
        return switch (s.kind()) {
            case ADMITTED -> new StatusDoc("admitted", null, null, null);
            case UTSKRIVNINGSKLAR -> new StatusDoc(
                    "utskrivningsklar",
                    ((EpisodeStatus.Utskrivningsklar) s).noticeAt().toString(),
                    null,
                    null);
            case DISCHARGED -> new StatusDoc(
                    "discharged", null, ((EpisodeStatus.Discharged) s).at().toString(), null);
            case CLOSED -> {
                var c = (EpisodeStatus.Closed) s;
                yield new StatusDoc("closed", null, c.at().toString(), Codes.of(c.reason()));
            }
        };
    }

    static EpisodeStatus status(StatusDoc d) {
        return switch (d.code()) {
            case "admitted" -> new EpisodeStatus.Admitted();
            case "utskrivningsklar" -> new EpisodeStatus.Utskrivningsklar(Instant.parse(d.noticeAt()));
            case "discharged" -> new EpisodeStatus.Discharged(Instant.parse(d.at()));
            case "closed" -> new EpisodeStatus.Closed(
                    Codes.required(EpisodeStatus.ClosedReason.class, d.reason()), Instant.parse(d.at()));
            default -> throw new IllegalStateException("stored status unknown: " + d.code());
        };
    }

    private static Message message(MessageDoc d) {
        return new Message(
                new MessageId(UUID.fromString(d.id())),
                Codes.required(MessageType.class, d.type()),
                Instant.parse(d.sentAt()),
                HsaId.of(d.sender()),
                d.addressees().stream().map(EpisodeDocuments::addressee).toList(),
                d.refersTo() == null ? null : new MessageId(UUID.fromString(d.refersTo())),
                d.receipts().stream().map(EpisodeDocuments::receipt).toList(),
                d.cancelledBy() == null ? null : new MessageId(UUID.fromString(d.cancelledBy())));
    }

    private static Addressee addressee(AddresseeDoc d) {
        return new Addressee(
                Codes.required(Addressee.Kind.class, d.kind()),
                HsaId.of(d.unit()),
                d.kommun() == null ? null : Kommunkod.of(d.kommun()));
    }

    private static Receipt receipt(ReceiptDoc d) {
        return new Receipt(
                HsaId.of(d.addressee()),
                Codes.required(ReceiptStatus.class, d.status()),
                Instant.parse(d.at()),
                d.reason(),
                Codes.required(ReceiptKind.class, d.kind()));
    }

    private static DeadlineTask task(TaskDoc d) {
        DeadlineState state =
                switch (d.state()) {
                    case "open" -> new DeadlineState.Open();
                    case "met" -> new DeadlineState.Met(Instant.parse(d.metAt()));
                    case "missed" -> new DeadlineState.Missed(
                            Instant.parse(d.missedAt()),
                            d.fulfilledLateAt() == null ? null : Instant.parse(d.fulfilledLateAt()));
                    default -> throw new IllegalStateException("stored task state unknown: " + d.state());
                };
        return new DeadlineTask(
                Codes.required(TaskKind.class, d.kind()),
                Instant.parse(d.dueAt()),
                d.trigger() == null ? null : new MessageId(UUID.fromString(d.trigger())),
                d.addressee() == null ? null : HsaId.of(d.addressee()),
                state,
                d.fulfilledBy() == null ? null : new MessageId(UUID.fromString(d.fulfilledBy())));
    }

    private static Change change(ChangeDoc d) {
        return new Change(HsaId.of(d.actor().person()), HsaId.of(d.actor().unit()), Instant.parse(d.at()));
    }
}
