package se.naravard.gateway.subscription;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UnsignedIntType;

/**
 * The Bundles of the Subscriptions R5 Backport IG for R4: a notification is a {@code history} Bundle
 * whose first entry is the subscription status ({@code Parameters}: {@code subscription}, {@code topic},
 * {@code status}, {@code type}, {@code events-since-subscription-start}, and per event a {@code
 * notification-event} with {@code event-number}, {@code timestamp} and, unless the payload is {@code
 * empty}, {@code focus}); with {@code full-resource} the focus resources follow, as the events left them.
 * The same shape answers {@code $events} ({@code type} query-event) and {@code $status} (query-status,
 * in a searchset) with the backlog added ({@code backlog-count}, {@code backlog-oldest-event}).
 */
public final class NotificationBundles {

    public static final String HANDSHAKE = "handshake";
    public static final String HEARTBEAT = "heartbeat";
    public static final String EVENT_NOTIFICATION = "event-notification";
    public static final String QUERY_STATUS = "query-status";
    public static final String QUERY_EVENT = "query-event";

    /** On each {@code notification-event}: the event's CloudEvent id ({@code ce_id}). */
    public static final String EVENT_ID = "https://naravard.se/fhir/StructureDefinition/event-id";

    private final FhirContext fhir;

    public NotificationBundles(FhirContext fhir) {
        this.fhir = fhir;
    }

    /** A notification Bundle of {@code type} with these events (none for a handshake or heartbeat). */
    public Bundle notification(
            StoredSubscription s,
            String type,
            long eventsSinceStart,
            List<SubscriptionStore.Notification> events,
            Instant now) {
        Bundle b = new Bundle().setType(Bundle.BundleType.HISTORY);
        b.setId(UUID.randomUUID().toString());
        b.setTimestamp(Date.from(now));
        Parameters status = status(s, s.status(), type, eventsSinceStart);
        for (SubscriptionStore.Notification n : events) {
            Parameters.ParametersParameterComponent event =
                    status.addParameter().setName("notification-event");
            event.addPart().setName("event-number").setValue(new StringType(String.valueOf(n.eventNumber())));
            event.addPart().setName("timestamp").setValue(new InstantType(Date.from(n.eventTime())));
            // The CloudEvent's id (ce_id): the same on every delivery of the event, for deduplication.
            event.addExtension(EVENT_ID, new StringType(n.eventId().toString()));
            if (s.carriesPatientData()) {
                event.addPart().setName("focus").setValue(new Reference(n.focus()));
            }
        }
        addStatus(b, s, status);
        if (!s.carriesPatientData()) {
            return b;
        }
        for (SubscriptionStore.Notification n : events) {
            Bundle.BundleEntryComponent entry = b.addEntry();
            // The focus where the owner reads it: relative references inside resolve against this base.
            entry.setFullUrl(base(s) + n.focus());
            entry.getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(n.focus());
            entry.getResponse().setStatus("200");
            if (StoredSubscription.FULL_RESOURCE.equals(s.content()) && n.resourceJson() != null) {
                entry.setResource((Resource) fhir.newJsonParser().parseResource(n.resourceJson()));
            }
        }
        return b;
    }

    /** {@code $status}: a searchset with the status and the backlog. */
    public Bundle status(StoredSubscription s, SubscriptionStore.Backlog backlog, Instant now) {
        Bundle b = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        b.setId(UUID.randomUUID().toString());
        b.setTimestamp(Date.from(now));
        b.setTotal(1);
        Parameters status = status(s, s.status(), QUERY_STATUS, s.eventsSinceStart());
        if (s.statusReason() != null) {
            status.addParameter().setName("error").setValue(new CodeableConcept().setText(s.statusReason()));
        } else if (backlog.lastError() != null) {
            status.addParameter().setName("error").setValue(new CodeableConcept().setText(backlog.lastError()));
        }
        status.addParameter().setName("backlog-count").setValue(new UnsignedIntType((int)
                Math.min(Integer.MAX_VALUE, backlog.count())));
        if (backlog.oldestEventTime() != null) {
            status.addParameter()
                    .setName("backlog-oldest-event")
                    .setValue(new InstantType(Date.from(backlog.oldestEventTime())));
        }
        String id = UUID.randomUUID().toString();
        status.setId(id); // a search result has an id; the status is made for this answer
        Bundle.BundleEntryComponent entry = b.addEntry();
        entry.setFullUrl(base(s) + "Parameters/" + id);
        entry.setResource(status);
        entry.getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        return b;
    }

    private static Parameters status(StoredSubscription s, String status, String type, long eventsSinceStart) {
        Parameters p = new Parameters();
        p.addParameter().setName("subscription").setValue(new Reference("Subscription/" + s.id()));
        p.addParameter().setName("topic").setValue(new CanonicalType(s.topic().url()));
        p.addParameter().setName("status").setValue(new CodeType(status));
        p.addParameter().setName("type").setValue(new CodeType(type));
        p.addParameter()
                .setName("events-since-subscription-start")
                .setValue(new StringType(String.valueOf(eventsSinceStart)));
        return p;
    }

    private static void addStatus(Bundle b, StoredSubscription s, Parameters status) {
        Bundle.BundleEntryComponent entry = b.addEntry();
        entry.setFullUrl(urn(UUID.randomUUID().toString()));
        entry.setResource(status);
        entry.getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Subscription/" + s.id() + "/$status");
        entry.getResponse().setStatus("200");
    }

    private static String base(StoredSubscription s) {
        return s.fhirBase().endsWith("/") ? s.fhirBase() : s.fhirBase() + "/";
    }

    private static String urn(String name) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** The Bundle as the JSON that is POSTed. */
    public String encode(Bundle b) {
        return fhir.newJsonParser().encodeResourceToString(b);
    }
}
