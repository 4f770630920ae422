package se.naravard.gateway.followup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import se.naravard.gateway.contract.ContractDocs;
import se.naravard.gateway.sip.SipDocs;
import se.naravard.gateway.transition.TransitionDocs;
import se.naravard.platform.consumer.PoisonEventException;
import se.naravard.platform.events.EventEnvelope;

/**
 * Reads the facts of one event (docs/events.md): the aggregate it carries after the change
 * (event-carried state), reduced to what the indicators need. Only the patient key of the envelope is
 * kept; the payload's personnummer is read past, never stored. Events of other types (a later {@code
 * .v2}, the SIP call-in tasks, which the episode carries anyway, contract.events' listings, which {@link
 * ListingFacts} reads, and any type added later) give no facts.
 */
public final class FollowUpEvents {

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private FollowUpEvents() {}

    /** The facts of one event; every list may be empty. */
    public record Extracted(
            List<Facts.ContractVersion> contracts,
            List<Facts.SipVersion> sips,
            List<Facts.Episode> episodes,
            List<Facts.Acknowledgement> acknowledgements,
            List<Facts.SipMeeting> sipMeetings,
            List<Facts.SipFollowUp> sipFollowUps,
            List<Facts.NextStep> nextSteps) {

        static final Extracted NONE = new Extracted(List.of(), List.of(), List.of(), List.of());

        Extracted(
                List<Facts.ContractVersion> contracts,
                List<Facts.SipVersion> sips,
                List<Facts.Episode> episodes,
                List<Facts.Acknowledgement> acknowledgements,
                List<Facts.SipMeeting> sipMeetings,
                List<Facts.SipFollowUp> sipFollowUps) {
            this(contracts, sips, episodes, acknowledgements, sipMeetings, sipFollowUps, List.of());
        }

        Extracted(
                List<Facts.ContractVersion> contracts,
                List<Facts.SipVersion> sips,
                List<Facts.Episode> episodes,
                List<Facts.Acknowledgement> acknowledgements) {
            this(contracts, sips, episodes, acknowledgements, List.of(), List.of());
        }

        public boolean isEmpty() {
            return contracts.isEmpty()
                    && sips.isEmpty()
                    && episodes.isEmpty()
                    && acknowledgements.isEmpty()
                    && sipMeetings.isEmpty()
                    && sipFollowUps.isEmpty()
                    && nextSteps.isEmpty();
        }
    }

    public static Extracted read(EventEnvelope event) {
        if (!event.type().endsWith(".v1")) {
            return Extracted.NONE;
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(event.data());
        } catch (IOException e) {
            throw new PoisonEventException("the event's data is not JSON");
        }
        try {
            if (event.type().startsWith("se.naravard.contract.contract-")) {
                return contract(event, payload);
            }
            if (event.type().startsWith("se.naravard.sip.") && payload.has("sip")) {
                return sip(event, payload);
            }
            if (event.type().startsWith("se.naravard.transition.")) {
                return transition(event, payload);
            }
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            throw new PoisonEventException("the event's data cannot be read: " + e.getMessage());
        }
        return Extracted.NONE;
    }

    private static Extracted contract(EventEnvelope event, JsonNode payload) throws IOException {
        JsonNode node = payload.get("contract");
        if (node == null || !node.isObject()) {
            throw new PoisonEventException("/contract is missing or not an object");
        }
        if ("se.naravard.contract.contract-reviewed.v1".equals(event.type())) {
            return Extracted.NONE; // a granskning changes nothing of the contract
        }
        ContractDocs.Contract c = JSON.treeToValue(node, ContractDocs.Contract.class);
        ContractDocs.Parts parts = c.partsOrEmpty();
        ContractDocs.FastVardkontakt fvk = parts.fastVardkontakt();
        ContractDocs.FastLakarkontakt flk = parts.fastLakarkontakt();
        String unit = fvk != null && fvk.unit() != null
                ? fvk.unit()
                : parts.planning() != null && parts.planning().owner() != null
                        ? parts.planning().owner()
                        : c.created() != null && c.created().actor() != null
                                ? c.created().actor().unit()
                                : null;
        var version = new Facts.ContractVersion(
                c.id(),
                c.version(),
                changedAt(event, payload),
                event.patientKey(),
                kommun(c.kommun(), event),
                unit,
                c.statusCode(),
                parts.planning() != null,
                fvk != null && fvk.person() != null && fvk.person().hsaId() != null,
                flk != null && flk.physician() != null && flk.physician().hsaId() != null,
                parts.nextSteps() != null
                        && parts.nextSteps().steps() != null
                        && !parts.nextSteps().steps().isEmpty());
        List<Facts.NextStep> steps = new ArrayList<>();
        List<ContractDocs.NextStep> listed =
                parts.nextSteps() == null || parts.nextSteps().steps() == null
                        ? List.of()
                        : parts.nextSteps().steps();
        for (int i = 0; i < listed.size(); i++) {
            ContractDocs.NextStep step = listed.get(i);
            String due = step == null ? null : step.windowEnd() != null ? step.windowEnd() : step.date();
            if (due == null || due.isBlank()) {
                continue; // no date: never due
            }
            steps.add(new Facts.NextStep(
                    c.id(),
                    step.id() == null || step.id().isBlank() ? "#" + i : step.id(),
                    c.version(),
                    event.patientKey(),
                    version.kommun(),
                    step.who() != null && step.who().unit() != null
                            ? step.who().unit()
                            : parts.nextSteps().owner(),
                    step.status(),
                    LocalDate.parse(due.substring(0, 10)),
                    "DONE".equals(step.status()) ? instant(step.completedAt(), false) : null));
        }
        return new Extracted(
                List.of(version), List.of(), List.of(), List.of(), List.of(), List.of(), List.copyOf(steps));
    }

    private static Extracted sip(EventEnvelope event, JsonNode payload) throws IOException {
        SipDocs.Sip s = JSON.treeToValue(payload.get("sip"), SipDocs.Sip.class);
        List<SipDocs.Consent> consents = s.consentsOrEmpty();
        SipDocs.Consent current = consents.isEmpty() ? null : consents.get(consents.size() - 1);
        var version = new Facts.SipVersion(
                s.id(),
                s.version(),
                changedAt(event, payload),
                event.patientKey(),
                kommun(s.kommun(), event),
                s.created() != null && s.created().actor() != null
                        ? s.created().actor().unit()
                        : null,
                s.statusCode(),
                current == null ? null : instant(current.from(), false),
                current == null ? null : instant(current.to(), true),
                current == null || current.revocation() == null
                        ? null
                        : instant(current.revocation().at(), false));
        Instant heldAt = s.meetingsOrEmpty().stream()
                .map(SipDocs.Meeting::held)
                .filter(h -> h != null && h.at() != null)
                .map(h -> instant(h.at(), false))
                .min(Comparator.naturalOrder())
                .orElse(null);
        var meeting = new Facts.SipMeeting(
                s.id(),
                s.version(),
                event.patientKey(),
                version.kommun(),
                version.unit(),
                version.status(),
                s.meetingsOrEmpty().isEmpty() ? null : version.validFrom(),
                heldAt);
        List<Facts.SipFollowUp> followUps = new ArrayList<>();
        List<SipDocs.FollowUp> planned = s.followUpsOrEmpty();
        for (int i = 0; i < planned.size(); i++) {
            SipDocs.FollowUp f = planned.get(i);
            if (f == null || f.date() == null || f.date().isBlank()) {
                continue;
            }
            followUps.add(new Facts.SipFollowUp(
                    s.id(),
                    i,
                    s.version(),
                    event.patientKey(),
                    version.kommun(),
                    version.unit(),
                    version.status(),
                    LocalDate.parse(f.date().substring(0, 10)),
                    f.result() == null ? null : instant(f.result().at(), false)));
        }
        return new Extracted(List.of(), List.of(version), List.of(), List.of(), List.of(meeting), followUps);
    }

    private static Extracted transition(EventEnvelope event, JsonNode payload) throws IOException {
        JsonNode node = payload.get("episode");
        if (node == null || !node.isObject()) {
            throw new PoisonEventException("/episode is missing or not an object");
        }
        TransitionDocs.Episode e = JSON.treeToValue(node, TransitionDocs.Episode.class);
        List<TransitionDocs.Message> valid = e.messagesOrEmpty().stream()
                .filter(m -> m.cancelledBy() == null && m.sentAt() != null)
                .sorted(Comparator.comparing(m -> Instant.parse(m.sentAt())))
                .toList();
        Instant notice = valid.stream()
                .filter(m -> "inskrivningsmeddelande".equals(m.type()))
                .map(m -> Instant.parse(m.sentAt()))
                .findFirst()
                .orElse(null);
        Instant ready = null;
        for (TransitionDocs.Message m : valid) {
            if ("utskrivningsklar".equals(m.type())) {
                ready = Instant.parse(m.sentAt());
            } else if ("atertagande-utskrivningsklar".equals(m.type())) {
                ready = null; // withdrawn: the patient was not ready after all
            }
        }
        TransitionDocs.Status status = e.status();
        Instant discharged = status != null && "discharged".equals(status.code()) && status.at() != null
                ? Instant.parse(status.at())
                : null;
        String callIn = e.tasksOrEmpty().stream()
                .filter(t -> "sip-call-in".equals(t.kind()) && !"cancelled".equals(t.state()))
                .map(TransitionDocs.DeadlineTask::state)
                .filter(Objects::nonNull)
                .reduce((a, b) -> b)
                .orElse(null);
        String kommun = kommun(e.kommun(), event);
        var episode = new Facts.Episode(
                e.id(),
                e.version(),
                event.patientKey(),
                kommun,
                e.admittingUnit(),
                instant(e.admittedAt(), false),
                notice,
                e.needsBothPrincipals(),
                ready,
                discharged,
                callIn,
                e.admissionKind());
        List<Facts.Acknowledgement> acks = new ArrayList<>();
        for (TransitionDocs.Message m : valid) {
            for (TransitionDocs.Addressee a : m.addresseesOrEmpty()) {
                if (a.unit() == null) {
                    continue;
                }
                Instant ok = m.receiptsOrEmpty().stream()
                        .filter(r -> a.unit().equals(r.addressee()) && "ok".equals(r.status()) && r.at() != null)
                        .map(r -> Instant.parse(r.at()))
                        .min(Comparator.naturalOrder())
                        .orElse(null);
                acks.add(new Facts.Acknowledgement(
                        m.id(), a.unit(), e.id(), event.patientKey(), kommun, Instant.parse(m.sentAt()), ok));
            }
        }
        return new Extracted(List.of(), List.of(), List.of(episode), acks);
    }

    /** When the change was made: {@code change.at}, else the event's time. */
    private static Instant changedAt(EventEnvelope event, JsonNode payload) {
        JsonNode at = payload.path("change").path("at");
        return at.isTextual() ? Instant.parse(at.asText()) : event.time().toInstant();
    }

    private static String kommun(String fromDocument, EventEnvelope event) {
        return fromDocument != null ? fromDocument : event.kommun();
    }

    /**
     * An RFC 3339 instant, or a date: its start, or (for an end, {@code endOfDate}) the start of the
     * next day, in Sweden.
     */
    static Instant instant(String value, boolean endOfDate) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() == 10) {
            LocalDate d = LocalDate.parse(value);
            return (endOfDate ? d.plusDays(1) : d).atStartOfDay(Period.SWEDEN).toInstant();
        }
        return OffsetDateTime.parse(value).toInstant();
    }
}
