package se.naravard.contract.events;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import se.naravard.contract.document.ContractDocuments;
import se.naravard.contract.model.Actor;
import se.naravard.contract.model.Contract;
import se.naravard.contract.model.ContractEvent;
import se.naravard.contract.model.ContractEvent.ContractPartChanged;
import se.naravard.contract.model.ContractEvent.ContractReviewed;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.events.EventType;
import se.naravard.platform.events.PatientKeys;
import se.naravard.platform.events.Topics;
import se.naravard.platform.outbox.Outbox;

/** Turns a domain event into a CloudEvent on {@code contract.events}, through the outbox. */
@Singleton
public class ContractEventPublisher {

    public static final String SOURCE = "/naravard/contract-service";
    public static final int VERSION = 1;

    private final Outbox outbox;
    private final PatientKeys patientKeys;
    private final JsonMapper json;

    public ContractEventPublisher(Outbox outbox, PatientKeys patientKeys, JsonMapper json) {
        this.outbox = outbox;
        this.patientKeys = patientKeys;
        this.json = json;
    }

    /** Must run in the transaction that stored {@code contract}. */
    public void publish(Contract contract, ContractEvent event, Actor actor, Instant at, String reason) {
        ContractEventPayload payload = new ContractEventPayload(
                event.typeName(), ContractDocuments.toDocument(contract), change(event, actor, at, reason));
        outbox.append(
                Topics.CONTRACT_EVENTS,
                new EventEnvelope(
                        UUID.randomUUID(),
                        SOURCE,
                        EventType.of("contract", event.typeName(), VERSION),
                        contract.id().toString(),
                        at.atOffset(ZoneOffset.UTC),
                        patientKeys.keyFor(
                                contract.patient().system(), contract.patient().value()),
                        contract.kommun().value(),
                        contract.version(),
                        bytes(payload)));
    }

    private static ContractEventPayload.Change change(ContractEvent event, Actor actor, Instant at, String reason) {
        String part = null;
        Boolean removed = null;
        String reviewId = null;
        Integer reviewedVersion = null;
        Boolean passed = null;
        java.util.List<String> failed = null;
        if (event instanceof ContractPartChanged p) {
            part = p.part().slug();
            removed = p.removed();
        } else if (event instanceof ContractReviewed r) {
            reviewId = r.reviewId().toString();
            reviewedVersion = r.contractVersion();
            passed = r.passed();
            failed = r.failedChecks().stream().map(Enum::name).toList();
        }
        return new ContractEventPayload.Change(
                at.toString(),
                ContractDocuments.actor(actor),
                reason,
                part,
                removed,
                reviewId,
                reviewedVersion,
                passed,
                failed);
    }

    private byte[] bytes(ContractEventPayload payload) {
        try {
            return json.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialize a contract event", e);
        }
    }
}
