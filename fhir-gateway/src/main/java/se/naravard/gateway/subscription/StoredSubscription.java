package se.naravard.gateway.subscription;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import se.naravard.platform.security.Caller;
import se.naravard.platform.security.Scopes;

/**
 * A Subscription as the gateway stores it.
 *
 * @param status requested, active, error or off
 * @param statusReason why it is in error (the failed handshake); null otherwise
 * @param kommun the kommunkod filter (required)
 * @param addresseeUnit the addressee-unit filter (an HSA-id); null: every unit
 * @param headers {@code channel.header}, each {@code Name: value}, sent with every notification
 * @param content empty, id-only or full-resource
 * @param heartbeat the heartbeat period; null: no heartbeats
 * @param fhirBase the FHIR base URL the owner created it at: the notifications' fullUrls start with it
 * @param owner the municipal system that created it (its token's claims)
 * @param activatedAt when the handshake succeeded: events before it are not sent
 * @param eventsSinceStart the number of the newest notification
 * @param end {@code Subscription.end}: turned off at this time; null: never
 * @param timeout {@code backport-timeout}: the receiver's time to answer; null: the gateway's
 * @param maxCount {@code backport-max-count}: events per notification Bundle; null: one
 * @param deliveryReceipt whether a receiver's 2xx to a notification of an LUS message records the
 *     message's automatic kvittens for the addressee units the subscription stands for
 */
public record StoredSubscription(
        UUID id,
        int version,
        String status,
        String statusReason,
        SubscriptionTopics topic,
        String kommun,
        String addresseeUnit,
        URI endpoint,
        List<String> headers,
        String content,
        Duration heartbeat,
        String reason,
        String fhirBase,
        Owner owner,
        Instant createdAt,
        Instant updatedAt,
        Instant activatedAt,
        long eventsSinceStart,
        Instant end,
        Duration timeout,
        Integer maxCount,
        boolean deliveryReceipt) {

    public static final String REQUESTED = "requested";
    public static final String ACTIVE = "active";
    public static final String ERROR = "error";
    public static final String OFF = "off";

    public static final String EMPTY = "empty";
    public static final String ID_ONLY = "id-only";
    public static final String FULL_RESOURCE = "full-resource";

    public StoredSubscription {
        headers = List.copyOf(headers);
    }

    /** The claims of the system that created the subscription. */
    public record Owner(String subject, String hsaId, String careUnit, String kommun) {

        public static Owner of(Caller c) {
            return new Owner(c.subject(), c.hsaId(), c.careUnit(), c.kommun());
        }

        /** The owner as the access rules see it when it is told of an event. */
        public Caller asCaller() {
            return new Caller(
                    subject,
                    Caller.Kind.SYSTEM,
                    hsaId,
                    careUnit,
                    Caller.OrganisationType.KOMMUN,
                    kommun,
                    null,
                    null,
                    Scopes.parse(""));
        }

        public boolean is(Caller c) {
            return c.hsaId() != null && c.hsaId().equals(hsaId) && kommun.equals(c.kommun());
        }
    }

    /** Events per notification Bundle. */
    public int eventsPerBundle() {
        return maxCount == null ? 1 : maxCount;
    }

    /** Whether {@code end} has come at {@code now}. */
    public boolean endedAt(Instant now) {
        return end != null && !now.isBefore(end);
    }

    public boolean carriesPatientData() {
        return !EMPTY.equals(content);
    }
}
