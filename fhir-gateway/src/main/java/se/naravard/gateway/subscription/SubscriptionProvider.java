package se.naravard.gateway.subscription;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.gateway.fhir.IfMatch;
import se.naravard.gateway.security.TokenAuthentication;
import se.naravard.platform.security.Caller;

/**
 * {@code Subscription}: create, read, search, update and delete, and the operations {@code $status}
 * and {@code $events} on one subscription (docs/fhir.md "Subscription"). Only a municipal system (a
 * system token of organisation type kommun, with its kommun claim) may hold subscriptions, only for its
 * own kommun (the kommun filter must be the token's: 403 {@value SubscriptionErrors#OTHER_KOMMUN}
 * otherwise), and only it sees and changes them (403 {@value SubscriptionErrors#NOT_THE_OWNER} for
 * another's). The token's scopes ({@code system/Subscription.crud s}) are checked before this.
 */
public final class SubscriptionProvider implements IResourceProvider {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SubscriptionProvider.class);

    /** The most notifications one {@code $events} answer holds. */
    static final int MAX_EVENTS = 1000;

    private final SubscriptionStore store;
    private final NotificationBundles bundles;
    private final Clock clock;
    private final EndpointPolicy endpoints;

    public SubscriptionProvider(
            SubscriptionStore store, NotificationBundles bundles, Clock clock, EndpointPolicy endpoints) {
        this.store = store;
        this.bundles = bundles;
        this.clock = clock;
        this.endpoints = endpoints;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return Subscription.class;
    }

    @Create
    public MethodOutcome create(@ResourceParam Subscription incoming, RequestDetails request) {
        Caller caller = municipalSystem(request);
        Instant now = clock.instant();
        SubscriptionForm.Request r = SubscriptionForm.read(incoming, false, now);
        ownKommun(caller, r);
        allowedEndpoint(r);
        StoredSubscription s = new StoredSubscription(
                UUID.randomUUID(),
                1,
                r.status(),
                null,
                r.topic(),
                r.kommun(),
                r.addresseeUnit(),
                r.endpoint(),
                r.headers(),
                r.content(),
                r.heartbeat(),
                r.reason(),
                request.getFhirServerBase(),
                StoredSubscription.Owner.of(caller),
                now,
                now,
                null,
                0,
                r.end(),
                r.timeout(),
                r.maxCount(),
                r.deliveryReceipt());
        guarded(() -> {
            store.insert(s);
            return null;
        });
        Subscription stored = SubscriptionForm.toResource(s);
        return new MethodOutcome(stored.getIdElement()).setResource(stored).setCreated(true);
    }

    /**
     * 422 {@value SubscriptionErrors#ENDPOINT_NOT_ALLOWED} for an endpoint the gateway may not send to
     * (issue 8): nothing is stored.
     */
    private void allowedEndpoint(SubscriptionForm.Request r) {
        endpoints.refusal(r.endpoint()).ifPresent(refusal -> {
            throw FhirErrors.unprocessable(List.of(SubscriptionErrors.invalid(
                    "Subscription.channel.endpoint", SubscriptionErrors.ENDPOINT_NOT_ALLOWED, refusal.why())));
        });
    }

    @Read
    public Subscription read(@IdParam IdType id, RequestDetails request) {
        return SubscriptionForm.toResource(owned(id, request));
    }

    /** The caller's own subscriptions, optionally by {@code status}. */
    @Search
    public List<Subscription> search(
            RequestDetails request, @OptionalParam(name = Subscription.SP_STATUS) TokenParam status) {
        Caller caller = municipalSystem(request);
        List<Subscription> found = new ArrayList<>();
        for (StoredSubscription s : guarded(() -> store.byOwner(caller.kommun(), caller.hsaId()))) {
            if (status == null || status.getValue().equals(s.status())) {
                found.add(SubscriptionForm.toResource(s));
            }
        }
        return found;
    }

    /**
     * A new form of the subscription, with {@code If-Match}. Status requested shakes hands again (from
     * error or off, or to move to a new endpoint); off stops every delivery and drops the backlog from
     * it.
     */
    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam Subscription incoming, RequestDetails request) {
        StoredSubscription current = owned(id, request);
        if (incoming.getIdElement().hasIdPart()
                && !incoming.getIdElement().getIdPart().equals(id.getIdPart())) {
            throw FhirErrors.badBody(
                    "Subscription.id",
                    SubscriptionErrors.NOT_A_SUBSCRIPTION,
                    "the id in the body is not the one in the URL");
        }
        int version = IfMatch.version(id.getVersionIdPart(), "Subscription");
        IfMatch.requireCurrent(version, current.version());
        Instant now = clock.instant();
        SubscriptionForm.Request r =
                SubscriptionForm.read(incoming, StoredSubscription.ACTIVE.equals(current.status()), now);
        ownKommun(TokenAuthentication.caller(request), r);
        boolean off = StoredSubscription.OFF.equals(r.status());
        if (!off) {
            allowedEndpoint(r); // turning a subscription off is never refused, whatever its endpoint
        }
        StoredSubscription next = new StoredSubscription(
                current.id(),
                current.version() + 1,
                r.status(),
                null,
                r.topic(),
                r.kommun(),
                r.addresseeUnit(),
                r.endpoint(),
                r.headers(),
                r.content(),
                r.heartbeat(),
                r.reason(),
                current.fhirBase(),
                current.owner(),
                current.createdAt(),
                now,
                StoredSubscription.ACTIVE.equals(r.status()) ? current.activatedAt() : null,
                current.eventsSinceStart(),
                r.end(),
                r.timeout(),
                r.maxCount(),
                r.deliveryReceipt());
        if (!guarded(() -> store.update(next, current.version()))) {
            IfMatch.requireCurrent(version, version + 1); // changed meanwhile: 412
        }
        Subscription stored = SubscriptionForm.toResource(next);
        return new MethodOutcome(stored.getIdElement()).setResource(stored).setCreated(false);
    }

    @Delete
    public MethodOutcome delete(@IdParam IdType id, RequestDetails request) {
        StoredSubscription s = owned(id, request);
        guarded(() -> store.delete(s.id()));
        return new MethodOutcome();
    }

    /** {@code $status}: the status, the events since the start and the backlog (count, oldest event). */
    @Operation(name = "$status", idempotent = true, type = Subscription.class)
    public Bundle status(@IdParam IdType id, RequestDetails request) {
        StoredSubscription s = owned(id, request);
        return bundles.status(s, guarded(() -> store.backlogOf(s.id())), clock.instant());
    }

    /**
     * {@code $events}: the stored notifications numbered {@code eventsSinceNumber} to {@code
     * eventsUntilNumber} (both included; defaults: 1 and the newest), at most {@value #MAX_EVENTS}, as a
     * history Bundle of type query-event with the payload the subscription asks for.
     */
    @Operation(name = "$events", idempotent = true, type = Subscription.class)
    public Bundle events(
            @IdParam IdType id,
            @OperationParam(name = "eventsSinceNumber") StringType since,
            @OperationParam(name = "eventsUntilNumber") StringType until,
            RequestDetails request) {
        StoredSubscription s = owned(id, request);
        long from = number(since, "eventsSinceNumber", 1);
        long to = number(until, "eventsUntilNumber", s.eventsSinceStart());
        if (to < from) {
            throw FhirErrors.badParameter(
                    "eventsUntilNumber",
                    null,
                    SubscriptionErrors.BAD_EVENT_RANGE,
                    "eventsUntilNumber is below eventsSinceNumber");
        }
        List<SubscriptionStore.Notification> events = guarded(() -> store.events(s.id(), from, to, MAX_EVENTS));
        purged(s, from, Math.min(to, s.eventsSinceStart()), events);
        return bundles.notification(s, NotificationBundles.QUERY_EVENT, s.eventsSinceStart(), events, clock.instant());
    }

    /**
     * 410 when notifications of the range asked for were purged after the retention (every number up to
     * the events since the start was stored once; only the purge deletes one), naming where the range
     * is whole again so the client can ask from there.
     */
    private static void purged(
            StoredSubscription s, long from, long until, List<SubscriptionStore.Notification> events) {
        if (until < from) {
            return; // nothing numbered there yet
        }
        long expected = from;
        long wholeFrom = from;
        boolean gap = false;
        for (SubscriptionStore.Notification e : events) {
            if (e.eventNumber() != expected) {
                gap = true;
                wholeFrom = e.eventNumber();
            }
            expected = e.eventNumber() + 1;
        }
        boolean full = events.size() == MAX_EVENTS;
        if (!gap && (full || expected == until + 1)) {
            return;
        }
        String why = "notifications of Subscription/" + s.id() + " numbered " + from + " to " + until
                + " were purged: delivered notifications are kept for the gateway's retention only"
                + (events.isEmpty()
                        ? "; none of this range is stored any more"
                        : "; the range is whole from eventsSinceNumber " + wholeFrom);
        throw FhirErrors.withStatus(
                410,
                new FhirErrors.Issue(
                        org.hl7.fhir.r4.model.OperationOutcome.IssueType.NOTFOUND,
                        SubscriptionErrors.EVENTS_PURGED,
                        why,
                        List.of("eventsSinceNumber"),
                        null));
    }

    private static long number(StringType value, String name, long absent) {
        if (value == null || value.getValue() == null) {
            return absent;
        }
        try {
            long n = Long.parseLong(value.getValue());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw FhirErrors.badParameter(
                name, null, SubscriptionErrors.BAD_EVENT_RANGE, name + " is an event number (1, 2, 3 ...)");
    }

    /** The caller, if it is a municipal system; 403 otherwise. */
    static Caller municipalSystem(RequestDetails request) {
        Caller c = TokenAuthentication.caller(request);
        if (c == null) {
            return anonymous(); // security off (a development experiment): one anonymous kommun system
        }
        if (c.kind() != Caller.Kind.SYSTEM
                || c.organisationType() != Caller.OrganisationType.KOMMUN
                || c.kommun() == null
                || c.hsaId() == null) {
            throw SubscriptionErrors.forbidden(
                    SubscriptionErrors.NOT_A_MUNICIPAL_SYSTEM,
                    "subscriptions are for municipal systems: a system token of org_type kommun with its kommun",
                    null);
        }
        return c;
    }

    private static Caller anonymous() {
        return new Caller(
                "anonymous",
                Caller.Kind.SYSTEM,
                "SE0000000000-ANON",
                null,
                Caller.OrganisationType.KOMMUN,
                "0180",
                null,
                null,
                se.naravard.platform.security.Scopes.parse(""));
    }

    private static void ownKommun(Caller caller, SubscriptionForm.Request r) {
        Caller c = caller == null ? anonymous() : caller;
        if (!r.kommun().equals(c.kommun())) {
            throw SubscriptionErrors.forbidden(
                    SubscriptionErrors.OTHER_KOMMUN,
                    "a municipal system subscribes to its own kommun's events only (" + c.kommun() + ")",
                    "Subscription.criteria.extension('" + SubscriptionForm.FILTER_CRITERIA + "')");
        }
    }

    /** The subscription, if it is the caller's; 404 when there is none, 403 when it is another's. */
    private StoredSubscription owned(IdType id, RequestDetails request) {
        Caller caller = municipalSystem(request);
        UUID uuid;
        try {
            uuid = UUID.fromString(id.getIdPart());
        } catch (IllegalArgumentException e) {
            throw FhirErrors.notFound("Subscription", id.getIdPart(), null);
        }
        StoredSubscription s = guarded(() -> store.find(uuid))
                .orElseThrow(() -> FhirErrors.notFound("Subscription", id.getIdPart(), null));
        if (!s.owner().is(caller)) {
            throw SubscriptionErrors.forbidden(
                    SubscriptionErrors.NOT_THE_OWNER, "this subscription is another system's", "Subscription.id");
        }
        return s;
    }

    private static <T> T guarded(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalStateException e) {
            LOG.warn("subscriptions: {}", e.getMessage());
            throw SubscriptionErrors.unavailable(e.getMessage());
        }
    }
}
