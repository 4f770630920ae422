package se.naravard.gateway.subscription;

import ca.uhn.fhir.context.FhirContext;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import se.naravard.platform.consumer.EventHandler;
import se.naravard.platform.events.EventEnvelope;

/**
 * The consumer's handler: every event of {@code transition.events}, {@code sip.events} and {@code
 * contract.events} that a topic carries is matched against the active subscriptions of that topic
 * ({@link EventMatcher}), and each subscription that selects it gets a numbered notification row, in the
 * consumer's transaction, the same that records the event id as processed. So an event is either
 * numbered for every subscription it is for, or (on a crash) for none and read again: none is lost, none
 * counted twice.
 */
public final class SubscriptionIntake implements EventHandler {

    private final SubscriptionStore store;
    private final EventMatcher matcher;
    private final FhirContext fhir;
    private final Clock clock;

    public SubscriptionIntake(SubscriptionStore store, EventMatcher matcher, FhirContext fhir, Clock clock) {
        this.store = store;
        this.matcher = matcher;
        this.fhir = fhir;
        this.clock = clock;
    }

    @Override
    public void handle(EventEnvelope event, Connection transaction) throws Exception {
        Optional<EventMatcher.Topical> topical = matcher.read(event);
        if (topical.isEmpty() || topical.get().kommuner().isEmpty()) {
            return;
        }
        EventMatcher.Topical t = topical.get();
        Instant happened = event.time().toInstant();
        List<StoredSubscription> candidates = store.activeFor(transaction, t.topic(), t.kommuner());
        String json = null;
        List<SubscriptionStore.NewNotification> notifications = new ArrayList<>();
        for (StoredSubscription s : candidates) {
            if (!EventMatcher.selects(s, t, happened)) {
                continue;
            }
            String resource = null;
            if (StoredSubscription.FULL_RESOURCE.equals(s.content())) {
                if (json == null) {
                    json = fhir.newJsonParser().encodeResourceToString(t.resource());
                }
                resource = json;
            }
            notifications.add(new SubscriptionStore.NewNotification(
                    s.id(), resource, s.deliveryReceipt() ? t.receiptUnits(s) : List.of()));
        }
        store.append(
                transaction,
                event.id(),
                event.type(),
                happened,
                clock.instant(),
                event.patientKey(),
                t.focus(),
                notifications);
    }
}
