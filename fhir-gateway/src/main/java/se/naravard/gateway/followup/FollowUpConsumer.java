package se.naravard.gateway.followup;

import java.sql.Connection;
import java.util.List;
import se.naravard.platform.consumer.EventHandler;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.events.Topics;

/**
 * Feeds the follow-up store from the three topics with the platform's idempotent consumer (consumer
 * group {@value #GROUP} by default, {@code gateway.followup.consumer-group}): the facts of each event
 * are stored in the transaction that records its id as processed, and the offset is committed after it,
 * so each event has its effect once, and a restarted gateway goes on where it stopped. An unreadable
 * event is dead-lettered to {@code <topic>.dlq} with the reason.
 */
public final class FollowUpConsumer implements EventHandler {

    public static final String GROUP = "fhir-gateway.followup";
    public static final List<String> TOPICS =
            List.of(Topics.CONTRACT_EVENTS, Topics.SIP_EVENTS, Topics.TRANSITION_EVENTS);

    @Override
    public void handle(EventEnvelope event, Connection transaction) throws Exception {
        if (ListingFacts.isListing(event)) {
            ListingFacts.apply(transaction, ListingFacts.read(event).orElseThrow());
            return;
        }
        FollowUpEvents.Extracted facts = FollowUpEvents.read(event);
        if (!facts.isEmpty()) {
            FollowUpStore.apply(transaction, facts);
        }
    }
}
