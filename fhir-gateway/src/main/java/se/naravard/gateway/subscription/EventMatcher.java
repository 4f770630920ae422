package se.naravard.gateway.subscription;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.Resource;
import se.naravard.gateway.access.AccessPolicy;
import se.naravard.gateway.access.CareRelations;
import se.naravard.gateway.block.CareBlock;
import se.naravard.gateway.careplan.CarePlanMapper;
import se.naravard.gateway.communication.CommunicationMapper;
import se.naravard.gateway.contract.ContractDocs.Contract;
import se.naravard.gateway.sip.SipCarePlanMapper;
import se.naravard.gateway.sip.SipDocs;
import se.naravard.gateway.sip.SipDocs.Sip;
import se.naravard.gateway.task.TaskMapper;
import se.naravard.gateway.transition.TransitionDocs;
import se.naravard.gateway.transition.TransitionDocs.Episode;
import se.naravard.platform.consumer.PoisonEventException;
import se.naravard.platform.events.EventEnvelope;

/**
 * Which subscriptions an event is for. An event of {@code transition.events}, {@code sip.events} or
 * {@code contract.events} becomes at most one {@link Topical} (its topic, the kommuner it concerns, its
 * focus resource as the event left it); a subscription selects it when
 *
 * <ul>
 *   <li>its kommun filter is one of the event's kommuner (an LUS message: the kommun of a municipal
 *       addressee; anything else: the patient's kommun), and its addressee filter, if any, names an
 *       addressee unit of the event (an LUS message's addressee, a deadline task's addressee or its
 *       episode's, a SIP participant's unit, a unit with a relation to the contract);
 *   <li>the event happened after the subscription became active;
 *   <li>and the access rules ({@link AccessPolicy}) let the subscribing system see the focus, judged on
 *       the document the event carries, exactly as if the system had read it: an LUS message only when
 *       addressed to its kommun, a SIP only under a consent in force that covers it, a kommun's residents
 *       only, nothing the patient's spärr blocks from it. A notification, even {@code empty}, tells that
 *       something happened to a patient, so the rules apply whatever the payload.
 * </ul>
 */
public final class EventMatcher {

    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** What an event is about, for the subscriptions of one topic. */
    public record Topical(
            SubscriptionTopics topic,
            List<String> kommuner,
            String focus,
            Resource resource,
            CareRelations relations,
            AccessPolicy.Shown shown,
            Predicate<String> addressedTo,
            List<MunicipalAddressee> municipalAddressees) {

        /**
         * The units whose automatic kvittens a delivery to {@code s} makes (when it asks for them): an LUS
         * message's municipal addressees of the subscription's kommun, only its addressee filter's if it has one.
         */
        public List<String> receiptUnits(StoredSubscription s) {
            List<String> units = new ArrayList<>();
            for (MunicipalAddressee a : municipalAddressees) {
                if (a.kommun().equals(s.kommun())
                        && (s.addresseeUnit() == null || s.addresseeUnit().equals(a.unit()))
                        && !units.contains(a.unit())) {
                    units.add(a.unit());
                }
            }
            return units;
        }
    }

    /** A municipal addressee unit of an LUS message and its kommun. */
    public record MunicipalAddressee(String unit, String kommun) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TransitionPayload(
            String type, Episode episode, TransitionDocs.Message message, TransitionDocs.DeadlineTask task) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SipPayload(String type, Sip sip) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ContractPayload(String event, Contract contract) {}

    private final Clock clock;
    private final Function<String, List<CareBlock>> blocks;

    /** Without spärrar (tests of the matching alone). */
    public EventMatcher(Clock clock) {
        this(clock, key -> List.of());
    }

    /**
     * @param blocks the patient's spärrar in force, by patient key: a record blocked from the subscriber
     *     is not notified, as it would not be shown on a read
     */
    public EventMatcher(Clock clock, Function<String, List<CareBlock>> blocks) {
        this.clock = clock;
        this.blocks = blocks;
    }

    /**
     * The topic an event belongs to and what it is about; empty for events no topic carries (an
     * admission, a discharge, a SIP's call-in task, a listing, a type added later).
     *
     * @throws PoisonEventException when the payload cannot be read: it goes to the topic's dead letters
     */
    public Optional<Topical> read(EventEnvelope e) {
        String[] parts = e.type().split("\\.");
        String service = parts.length > 3 ? parts[2] : "";
        String name = parts.length > 3 ? parts[3] : "";
        LocalDate today = LocalDate.ofInstant(clock.instant(), SWEDEN);
        Optional<Topical> topical;
        try {
            topical = switch (service) {
                case "transition" -> transition(e, name, today);
                case "sip" -> sip(e, today);
                    // contract.events also carries the listings (listing-changed), which no topic concerns
                case "contract" -> name.startsWith("contract-") ? contract(e) : Optional.empty();
                default -> Optional.empty();
            };
        } catch (IOException | RuntimeException x) {
            // Never the parser's message: it quotes the payload, which holds the personnummer.
            String why = x instanceof IllegalArgumentException && !(x.getCause() instanceof IOException)
                    ? x.getMessage()
                    : x.getClass().getSimpleName();
            throw new PoisonEventException(e.type() + " " + e.id() + " cannot be read for the subscriptions: " + why);
        }
        // Outside the try: a database that cannot tell the blocks is a failure to retry, not a poison event.
        return topical.map(t -> {
            List<CareBlock> inForce = e.patientKey() == null ? List.of() : blocks.apply(e.patientKey());
            return inForce.isEmpty()
                    ? t
                    : new Topical(
                            t.topic(),
                            t.kommuner(),
                            t.focus(),
                            t.resource(),
                            t.relations().withBlocks(inForce),
                            t.shown(),
                            t.addressedTo(),
                            t.municipalAddressees());
        });
    }

    private Optional<Topical> transition(EventEnvelope e, String name, LocalDate today) throws IOException {
        boolean message = name.startsWith("message-") || name.equals("receipt-recorded");
        boolean deadline = name.startsWith("deadline-");
        if (!message && !deadline) {
            return Optional.empty();
        }
        TransitionPayload p = JSON.readValue(e.data(), TransitionPayload.class);
        Episode episode = p.episode();
        if (episode == null) {
            throw new IllegalArgumentException("/episode is missing");
        }
        CareRelations relations = CareRelations.of(List.of(), List.of(), List.of(episode), today);
        if (message) {
            if (p.message() == null || p.message().id() == null) {
                throw new IllegalArgumentException("/message is missing");
            }
            TransitionDocs.Message m = episode.messagesOrEmpty().stream()
                    .filter(x -> p.message().id().equals(x.id()))
                    .findFirst()
                    .orElse(p.message());
            List<String> kommuner = new ArrayList<>();
            List<MunicipalAddressee> municipal = new ArrayList<>();
            for (TransitionDocs.Addressee a : m.addresseesOrEmpty()) {
                if ("municipal".equals(a.kind()) && a.kommun() != null && !kommuner.contains(a.kommun())) {
                    kommuner.add(a.kommun());
                }
                if ("municipal".equals(a.kind()) && a.kommun() != null && a.unit() != null) {
                    municipal.add(new MunicipalAddressee(a.unit(), a.kommun()));
                }
            }
            return Optional.of(new Topical(
                    SubscriptionTopics.TRANSITION_MESSAGES,
                    kommuner,
                    "Communication/" + m.id(),
                    CommunicationMapper.toCommunication(episode, m, e.patientKey()),
                    relations,
                    new AccessPolicy.Shown.LusMessage(m.id()),
                    unit -> m.addresseesOrEmpty().stream().anyMatch(a -> unit.equals(a.unit())),
                    municipal));
        }
        if (p.task() == null || p.task().id() == null) {
            throw new IllegalArgumentException("/task is missing");
        }
        TransitionDocs.DeadlineTask t = episode.tasksOrEmpty().stream()
                .filter(x -> p.task().id().equals(x.id()))
                .findFirst()
                .orElse(p.task());
        return Optional.of(new Topical(
                SubscriptionTopics.DEADLINE_TASKS,
                kommuner(episode.kommun(), e),
                "Task/" + t.id(),
                TaskMapper.toTask(episode, t, e.patientKey()),
                relations,
                new AccessPolicy.Shown.PatientData(t.id()),
                unit -> t.addressee() != null
                        ? unit.equals(t.addressee())
                        : episode.messagesOrEmpty().stream()
                                .flatMap(m -> m.addresseesOrEmpty().stream())
                                .anyMatch(a -> unit.equals(a.unit())),
                List.of()));
    }

    private Optional<Topical> sip(EventEnvelope e, LocalDate today) throws IOException {
        SipPayload p = JSON.readValue(e.data(), SipPayload.class);
        Sip sip = p.sip();
        if (sip == null) {
            return Optional.empty(); // a call-in task's event: no SIP changed
        }
        return Optional.of(new Topical(
                SubscriptionTopics.SIP_CHANGES,
                kommuner(sip.kommun(), e),
                "CarePlan/" + se.naravard.gateway.sip.SipIds.plan(sip.id()),
                SipCarePlanMapper.toCarePlan(sip, e.patientKey()),
                CareRelations.of(List.of(), List.of(sip), List.of(), today),
                new AccessPolicy.Shown.SipContent(sip.id()),
                unit -> sip.participantsOrEmpty().stream()
                        .map(SipDocs.Participant::unit)
                        .anyMatch(unit::equals),
                List.of()));
    }

    private Optional<Topical> contract(EventEnvelope e) throws IOException {
        ContractPayload p = JSON.readValue(e.data(), ContractPayload.class);
        Contract c = p.contract();
        if (c == null) {
            throw new IllegalArgumentException("/contract is missing");
        }
        CareRelations relations = CareRelations.of(List.of(c), List.of(), List.of(), LocalDate.now(clock));
        return Optional.of(new Topical(
                SubscriptionTopics.CONTRACT_CHANGES,
                kommuner(c.kommun(), e),
                "CarePlan/" + c.id(),
                CarePlanMapper.toCarePlan(c, e.patientKey()),
                relations,
                new AccessPolicy.Shown.PatientData(c.id()),
                unit -> relations.units().contains(unit),
                List.of()));
    }

    private static List<String> kommuner(String documentKommun, EventEnvelope e) {
        List<String> kommuner = new ArrayList<>();
        for (String k : new String[] {documentKommun, e.kommun()}) {
            if (k != null && !kommuner.contains(k)) {
                kommuner.add(k);
            }
        }
        return kommuner;
    }

    /** Whether {@code s} is to be told of the event {@code t}, which happened at {@code eventTime}. */
    public static boolean selects(StoredSubscription s, Topical t, Instant eventTime) {
        if (s.topic() != t.topic() || !t.kommuner().contains(s.kommun())) {
            return false;
        }
        if (s.addresseeUnit() != null && !t.addressedTo().test(s.addresseeUnit())) {
            return false;
        }
        if (s.activatedAt() == null || eventTime.isBefore(s.activatedAt()) || s.endedAt(eventTime)) {
            return false;
        }
        return AccessPolicy.decide(s.owner().asCaller(), t.relations(), t.shown(), false)
                .allowed();
    }
}
