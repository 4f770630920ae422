package se.naravard.contract.listing;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.events.EventType;
import se.naravard.platform.events.Topics;
import se.naravard.platform.outbox.Outbox;

/**
 * Announces every change of a patient's listings as {@code se.naravard.contract.listing-changed.v1} on
 * {@code contract.events}, keyed by the patient key, through the outbox (in the change's transaction).
 * The subject is the patient key (the listings have no id of their own), the version the patient's
 * listing version, the kommun the one of the listing concerned.
 */
@Singleton
public class ListingEventPublisher {

    public static final String EVENT = "listing-changed";
    public static final String SOURCE = "/naravard/contract-service";

    private final Outbox outbox;
    private final JsonMapper json;

    public ListingEventPublisher(Outbox outbox, JsonMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    /** Must run in the transaction that stored {@code after}. */
    public void publish(PatientListings after, Listing concerned, String change, Instant at) {
        ListingEventPayload payload = new ListingEventPayload(
                EVENT,
                change,
                at.toString(),
                after.patientKey(),
                after.version(),
                concerned.unit(),
                concerned.kommun(),
                concerned.county(),
                concerned.from(),
                concerned.to(),
                concerned.targetGroups(),
                after.listings());
        byte[] data;
        try {
            data = json.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialize a listing event", e);
        }
        outbox.append(
                Topics.CONTRACT_EVENTS,
                new EventEnvelope(
                        UUID.randomUUID(),
                        SOURCE,
                        EventType.of("contract", EVENT, 1),
                        after.patientKey(),
                        at.atOffset(ZoneOffset.UTC),
                        after.patientKey(),
                        concerned.kommun(),
                        after.version(),
                        data));
    }
}
