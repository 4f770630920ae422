package se.naravard.gateway.subscription;

import java.net.URI;
import java.util.Optional;

/**
 * Where the gateway may POST a subscription's notifications (issue 8: no server-side request forgery).
 * Asked when a subscription is created or updated (a refusal is 422 {@value
 * SubscriptionErrors#ENDPOINT_NOT_ALLOWED}) and again before every connection to the endpoint (handshake,
 * heartbeat, notification), where the host is resolved anew: a name that was public when the
 * subscription was made may point inside the network since. The gateway's policy is {@link
 * EndpointAllowList}.
 */
@FunctionalInterface
public interface EndpointPolicy {

    /** Why notifications may not be sent to {@code endpoint}; empty when they may. */
    Optional<Refusal> refusal(URI endpoint);

    /** Why an endpoint is refused. */
    enum Reason {
        /** {@code user:password@} in the URL (credentials belong in a {@code channel.header}). */
        USER_INFO,
        /** http to an origin the allow-list does not name. */
        SCHEME,
        /** The allow-list is set and does not name the endpoint's origin. */
        NOT_LISTED,
        /** The host resolves to a loopback, private, link-local, unspecified or multicast address. */
        INTERNAL_ADDRESS,
        /** The host does not resolve: there is no address to check. */
        UNRESOLVED
    }

    /**
     * A refusal: its reason and what to tell the client (names the endpoint's host and the address class,
     * never a patient).
     */
    record Refusal(Reason reason, String why) {}
}
