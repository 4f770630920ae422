package se.naravard.gateway.subscription;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import se.naravard.gateway.fhir.FhirErrors;

/** The OperationOutcome codes of the Subscription interactions (GATEWAY-100..114 and 150..159). */
public final class SubscriptionErrors {

    /** Subscriptions are for municipal systems only (organisation type kommun, a system token). */
    public static final String NOT_A_MUNICIPAL_SYSTEM = "GATEWAY-100";
    /** The kommunkod filter names another kommun than the token's. */
    public static final String OTHER_KOMMUN = "GATEWAY-101";
    /** Another system's subscription. */
    public static final String NOT_THE_OWNER = "GATEWAY-102";
    /** {@code criteria} is not one of the topics' canonical URLs. */
    public static final String UNKNOWN_TOPIC = "GATEWAY-103";
    /** A {@code _criteria} filter that is missing, unknown or malformed. */
    public static final String BAD_FILTER = "GATEWAY-104";
    /** {@code channel.type} other than rest-hook. */
    public static final String UNSUPPORTED_CHANNEL = "GATEWAY-105";
    /** {@code channel.endpoint} missing or not an absolute http(s) URL. */
    public static final String BAD_ENDPOINT = "GATEWAY-106";
    /** A {@code channel.header} that is not {@code Name: value}, or one the gateway sets itself. */
    public static final String BAD_HEADER = "GATEWAY-107";
    /** A payload MIME type or content the gateway does not send. */
    public static final String BAD_PAYLOAD = "GATEWAY-108";
    /** A heartbeat period under the minimum. */
    public static final String BAD_HEARTBEAT = "GATEWAY-109";
    /** A status a client may not set (only requested and off). */
    public static final String BAD_STATUS = "GATEWAY-110";
    /** An element the gateway does not support (no longer used: {@code end} is, since GATEWAY-150). */
    public static final String UNSUPPORTED_ELEMENT = "GATEWAY-111";
    /** {@code $events} with a range that is not two event numbers in order. */
    public static final String BAD_EVENT_RANGE = "GATEWAY-112";
    /** The body is not a Subscription, or its id is not the one in the URL. */
    public static final String NOT_A_SUBSCRIPTION = "GATEWAY-113";
    /** The subscriptions' database cannot be reached. */
    public static final String STORE_UNAVAILABLE = "GATEWAY-114";

    /** {@code end} in the past (a new or re-requested subscription would never deliver). */
    public static final String BAD_END = "GATEWAY-150";
    /** {@code backport-timeout} that is not a whole number of seconds in range. */
    public static final String BAD_TIMEOUT = "GATEWAY-151";
    /** {@code backport-max-count} that is not a positive number up to the gateway's batch. */
    public static final String BAD_MAX_COUNT = "GATEWAY-152";
    /** The delivery-receipt extension on a subscription whose notifications carry no LUS message. */
    public static final String BAD_DELIVERY_RECEIPT = "GATEWAY-153";
    /** {@code $events} for notifications purged after the retention. */
    public static final String EVENTS_PURGED = "GATEWAY-154";
    /**
     * {@code channel.endpoint} the gateway may not send to (issue 8, no server-side request forgery): user
     * information in it, http to an origin not allow-listed, an origin not on the allow-list, or a host
     * that resolves to an internal address ({@link EndpointAllowList}).
     */
    public static final String ENDPOINT_NOT_ALLOWED = "GATEWAY-155";

    private SubscriptionErrors() {}

    static BaseServerResponseException forbidden(String code, String why, String expression) {
        return FhirErrors.withStatus(
                403,
                new FhirErrors.Issue(
                        IssueType.FORBIDDEN, code, why, expression == null ? List.of() : List.of(expression), null));
    }

    static FhirErrors.Issue invalid(String expression, String code, String why) {
        return FhirErrors.invalid(expression, code, why);
    }

    static BaseServerResponseException unavailable(String why) {
        return FhirErrors.withStatus(
                503,
                new FhirErrors.Issue(
                        IssueType.TRANSIENT,
                        STORE_UNAVAILABLE,
                        "the subscriptions cannot be read or stored now (" + why + "); try again later",
                        List.of(),
                        null));
    }
}
