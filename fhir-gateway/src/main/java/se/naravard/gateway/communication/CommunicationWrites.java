package se.naravard.gateway.communication;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.Communication;
import se.naravard.gateway.communication.CommunicationCommands.Receipt;
import se.naravard.gateway.communication.CommunicationCommands.Send;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.http.ServiceClient.Reply;
import se.naravard.gateway.transition.EpisodeReads;
import se.naravard.gateway.transition.TransitionClient;
import se.naravard.gateway.transition.TransitionDocs.Episode;
import se.naravard.gateway.transition.TransitionDocs.Message;

/**
 * Carries out what a Communication sent asks for ({@link CommunicationCommands}) against
 * transition-service and answers with the Communication as stored: {@code created} false when the
 * service saw a replay (same message id and content, or a kvittens already recorded).
 */
public final class CommunicationWrites {

    /** The stored Communication and whether this call created it (false: it existed). */
    public record Outcome(Communication stored, boolean created) {}

    private final TransitionClient client;
    private final EpisodeReads episodes;
    private final PatientResolver patients;

    public CommunicationWrites(TransitionClient client, EpisodeReads episodes, PatientResolver patients) {
        this.client = client;
        this.episodes = episodes;
        this.patients = patients;
    }

    /** The stored Communication of message {@code messageId}, or null when there is none. */
    public Communication find(String messageId) {
        Episode e = episodes.findByMessage(messageId);
        return e == null ? null : communication(e, messageId);
    }

    public Outcome create(Communication sent, String conditionalId) {
        return create(sent, conditionalId, null);
    }

    /**
     * As {@link #create(Communication, String)}, recorded as made by {@code person} (a staff token's
     * HSA-id) at the sending unit; null: by the unit (a system's message).
     */
    public Outcome create(Communication sent, String conditionalId, String person) {
        CommunicationCommands.Command command = CommunicationCommands.of(sent, conditionalId);
        if (person != null) {
            if (command instanceof Receipt r) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) r.receipt().get("actor")).put("person", person);
            } else if (command instanceof Send s) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) s.message().get("actor")).put("person", person);
                if (s.admission() != null && s.admission().get("actor") != null) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode)
                                    s.admission().get("actor"))
                            .put("person", person);
                }
            }
        }
        if (command instanceof Receipt r) {
            return receipt(r);
        }
        return send((Send) command);
    }

    private Outcome send(Send s) {
        String episodeId = s.episodeId() == null ? admit(s) : checkedEpisode(s);
        Reply<Episode> reply = client.send(episodeId, s.message(), CommunicationPointers::expression);
        return new Outcome(communication(reply.body(), s.messageId()), reply.status() == 201);
    }

    /**
     * The episode the inskrivningsmeddelande's admission records: one of the patient's episodes admitted
     * at the same unit and time if there is one (a retry after the admission was recorded and the
     * message refused), else a new one.
     */
    private String admit(Send s) {
        String key = patients.keyFor(s.patient());
        String unit = s.admission().path("admittingUnit").asText(null);
        Instant at = instant(s.admission().path("admittedAt").asText(null));
        for (Episode e : episodes.forPatient(key)) {
            if (Objects.equals(unit, e.admittingUnit()) && at != null && at.equals(instant(e.admittedAt()))) {
                return e.id();
            }
        }
        return client.admit(s.admission(), CommunicationPointers::expression)
                .body()
                .id();
    }

    /** The episode {@code encounter} names, when it exists and belongs to the subject given (if any). */
    private String checkedEpisode(Send s) {
        Episode e = episodes.find(s.episodeId());
        if (e == null) {
            throw FhirErrors.unprocessable(List.of(FhirErrors.invalid(
                    "Communication.encounter",
                    FhirErrors.NOT_FOUND,
                    "no Encounter/" + s.episodeId() + " on this server")));
        }
        String key = episodes.patientKey(e);
        String subject = s.patient() != null ? patients.keyFor(s.patient()) : s.patientKey();
        if (subject != null && !subject.equals(key)) {
            throw FhirErrors.unprocessable(List.of(FhirErrors.invalid(
                    "Communication.subject",
                    FhirErrors.OTHER_PATIENT,
                    "the subject is not the patient of the Encounter")));
        }
        return e.id();
    }

    private Outcome receipt(Receipt r) {
        Episode before = episodes.findByMessage(r.messageId());
        if (before == null) {
            throw FhirErrors.unprocessable(List.of(FhirErrors.invalid(
                    "Communication.inResponseTo",
                    FhirErrors.NOT_FOUND,
                    "no Communication/" + r.messageId() + " on this server")));
        }
        Reply<Episode> reply =
                client.receipt(before.id(), r.messageId(), r.receipt(), CommunicationPointers::expression);
        return new Outcome(
                communication(reply.body(), r.messageId()), reply.body().version() != before.version());
    }

    /** What became of an automatic kvittens ({@link #automaticReceipt}). */
    public enum AutomaticReceipt {
        RECORDED,
        ALREADY_RECORDED,
        REFUSED
    }

    /**
     * Records the automatic kvittens ({@code kind} automatic, {@code status} ok) of {@code addressee} for
     * message {@code messageId}, received at {@code at}, through the same command as a Communication
     * kvittens: a municipal system's receiver answered the notification carrying the message. Nothing is
     * recorded when the message already holds a kvittens of that addressee (a repeated delivery, another
     * subscription, or the system's own kvittens first).
     *
     * @return REFUSED when transition-service refuses it for good (no such message, a makulerad one, a
     *     unit not addressed)
     * @throws ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException when it cannot answer now
     */
    public AutomaticReceipt automaticReceipt(String messageId, String addressee, Instant at) {
        Episode e = episodes.findByMessage(messageId);
        Message m = e == null
                ? null
                : e.messagesOrEmpty().stream()
                        .filter(x -> messageId.equals(x.id()))
                        .findFirst()
                        .orElse(null);
        if (m == null) {
            return AutomaticReceipt.REFUSED;
        }
        if (m.receiptsOrEmpty().stream().anyMatch(r -> addressee.equals(r.addressee()))) {
            return AutomaticReceipt.ALREADY_RECORDED;
        }
        com.fasterxml.jackson.databind.node.ObjectNode receipt =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                        .objectNode()
                        .put("addressee", addressee)
                        .put("status", "ok")
                        .put("kind", "automatic")
                        .put(
                                "at",
                                at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                                        .toString());
        receipt.set("actor", CommunicationCommands.actor(addressee));
        try {
            client.receipt(e.id(), messageId, receipt, CommunicationPointers::expression);
            return AutomaticReceipt.RECORDED;
        } catch (ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException x) {
            if (x.getStatusCode() >= 400 && x.getStatusCode() < 500) {
                return AutomaticReceipt.REFUSED;
            }
            throw x;
        }
    }

    private Communication communication(Episode e, String messageId) {
        Message m = e.messagesOrEmpty().stream()
                .filter(x -> messageId.equals(x.id()))
                .findFirst()
                .orElseThrow(() -> FhirErrors.notFound("Communication", messageId, null));
        return CommunicationMapper.toCommunication(e, m, episodes.patientKey(e));
    }

    private static Instant instant(String s) {
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
