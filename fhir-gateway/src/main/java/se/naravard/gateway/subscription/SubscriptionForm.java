package se.naravard.gateway.subscription;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.UnsignedIntType;
import se.naravard.gateway.fhir.FhirErrors;
import se.naravard.platform.domain.RejectedException;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.identity.Kommunkod;

/**
 * A {@code Subscription} in R4 shaped as the Subscriptions R5 Backport IG shapes it, read into what the
 * gateway stores ({@link #read}) and written back from it ({@link #toResource}):
 *
 * <ul>
 *   <li>{@code criteria}: a topic's canonical URL ({@link SubscriptionTopics});
 *   <li>{@code criteria.extension:backport-filter-criteria} (valueString), one or more, e.g. {@code
 *       Communication?kommun=0680} and {@code Communication?addressee=SE2120000530-HT01} (both in one
 *       with {@code &}): {@code kommun} is required, {@code addressee} (an HSA-id) optional;
 *   <li>{@code channel.type} rest-hook, {@code channel.endpoint}, {@code channel.header} ({@code Name:
 *       value}), {@code channel.payload} {@code application/fhir+json} with {@code
 *       extension:backport-payload-content} empty, id-only (default) or full-resource, {@code
 *       channel.extension:backport-heartbeat-period} (seconds, at least {@value #MIN_HEARTBEAT_SECONDS});
 *   <li>{@code channel.extension:backport-timeout} (unsignedInt, 1 to {@value #MAX_TIMEOUT_SECONDS}
 *       seconds): the receiver's time to answer one notification; {@code
 *       channel.extension:backport-max-count} (positiveInt, at most {@value #MAX_COUNT}): events per
 *       notification Bundle (default one);
 *   <li>{@code end}: the gateway turns the subscription off then (and sends nothing that happened after);
 *   <li>{@code channel.extension:}{@value #DELIVERY_RECEIPT} (valueBoolean, default false): a receiver's
 *       2xx to a notification of an LUS message records the message's automatic kvittens for the
 *       municipal addressee units the subscription stands for (transition-messages topic, id-only or
 *       full-resource only);
 *   <li>{@code status}: a client asks for requested (the gateway then shakes hands and sets active or
 *       error) or off; {@code error}: why a handshake failed.
 * </ul>
 *
 * Every fault of a resource sent is reported at once, each with its element (422).
 */
public final class SubscriptionForm {

    public static final String BACKPORT = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";
    public static final String FILTER_CRITERIA = BACKPORT + "backport-filter-criteria";
    public static final String PAYLOAD_CONTENT = BACKPORT + "backport-payload-content";
    public static final String HEARTBEAT_PERIOD = BACKPORT + "backport-heartbeat-period";
    public static final String TIMEOUT = BACKPORT + "backport-timeout";
    public static final String MAX_COUNT_URL = BACKPORT + "backport-max-count";
    /** The gateway's opt-in: a delivery is the addressee's kvittens of the LUS message it carries. */
    public static final String DELIVERY_RECEIPT =
            "https://naravard.se/fhir/StructureDefinition/subscription-delivery-receipt";

    static final int MAX_TIMEOUT_SECONDS = 60;
    static final int MAX_COUNT = 100;
    public static final String FHIR_JSON = "application/fhir+json";
    static final int MIN_HEARTBEAT_SECONDS = 10;
    static final int MAX_HEADERS = 10;

    static final String KOMMUN = "kommun";
    static final String ADDRESSEE = "addressee";

    private static final Pattern HEADER = Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \\t]*([^\\r\\n]*)");
    /** What the gateway sets itself, or Java's HTTP client refuses to send. */
    private static final Set<String> OWN_HEADERS =
            Set.of("content-type", "content-length", "host", "connection", "expect", "upgrade", "transfer-encoding");

    private static final Set<String> CONTENTS =
            Set.of(StoredSubscription.EMPTY, StoredSubscription.ID_ONLY, StoredSubscription.FULL_RESOURCE);

    /** What a client sets. */
    public record Request(
            String status,
            SubscriptionTopics topic,
            String kommun,
            String addresseeUnit,
            URI endpoint,
            List<String> headers,
            String content,
            Duration heartbeat,
            String reason,
            Instant end,
            Duration timeout,
            Integer maxCount,
            boolean deliveryReceipt) {}

    private SubscriptionForm() {}

    /**
     * The subscription a client sent; 422 naming every element at fault.
     *
     * @param active whether the status may be active (an update of an active subscription that keeps it
     *     active, without a new handshake)
     */
    public static Request read(Subscription s, boolean active) {
        return read(s, active, null);
    }

    /**
     * As {@link #read(Subscription, boolean)}; {@code now} (if given) refuses an {@code end} before it
     * unless the subscription is turned off.
     */
    public static Request read(Subscription s, boolean active, Instant now) {
        List<FhirErrors.Issue> issues = new ArrayList<>();
        String status = s.getStatus() == null ? null : s.getStatus().toCode();
        if (!StoredSubscription.REQUESTED.equals(status)
                && !StoredSubscription.OFF.equals(status)
                && !(active && StoredSubscription.ACTIVE.equals(status))) {
            issues.add(SubscriptionErrors.invalid(
                    "Subscription.status",
                    SubscriptionErrors.BAD_STATUS,
                    "status must be requested (the gateway shakes hands with the endpoint, then sets active or"
                            + " error), off, or active to keep an active subscription active"));
        }
        Instant end = s.hasEnd() ? s.getEnd().toInstant() : null;
        if (end != null && now != null && !end.isAfter(now) && !StoredSubscription.OFF.equals(status)) {
            issues.add(SubscriptionErrors.invalid(
                    "Subscription.end",
                    SubscriptionErrors.BAD_END,
                    "end is in the past: nothing would be delivered (leave it out, or set a later time)"));
        }
        SubscriptionTopics topic = SubscriptionTopics.byUrl(s.getCriteria()).orElse(null);
        if (topic == null) {
            issues.add(SubscriptionErrors.invalid(
                    "Subscription.criteria",
                    SubscriptionErrors.UNKNOWN_TOPIC,
                    "criteria must be one of the topics' canonical URLs: " + topicUrls()));
        }
        String[] filters = filters(s, issues);
        Subscription.SubscriptionChannelComponent channel = s.getChannel();
        if (channel.getType() != Subscription.SubscriptionChannelType.RESTHOOK) {
            issues.add(SubscriptionErrors.invalid(
                    "Subscription.channel.type",
                    SubscriptionErrors.UNSUPPORTED_CHANNEL,
                    "channel.type must be rest-hook"));
        }
        URI endpoint = endpoint(channel.getEndpoint(), issues);
        List<String> headers = headers(channel, issues);
        String content = content(channel, issues);
        Duration heartbeat = heartbeat(channel, issues);
        Integer timeout =
                positive(channel, TIMEOUT, MAX_TIMEOUT_SECONDS, SubscriptionErrors.BAD_TIMEOUT, "seconds", issues);
        Integer maxCount =
                positive(channel, MAX_COUNT_URL, MAX_COUNT, SubscriptionErrors.BAD_MAX_COUNT, "events", issues);
        boolean receipt = deliveryReceipt(channel, topic, content, issues);
        if (!issues.isEmpty()) {
            throw FhirErrors.unprocessable(issues);
        }
        return new Request(
                status,
                topic,
                filters[0],
                filters[1],
                endpoint,
                headers,
                content,
                heartbeat,
                s.hasReason() ? s.getReason() : null,
                end,
                timeout == null ? null : Duration.ofSeconds(timeout),
                maxCount,
                receipt);
    }

    /** A whole-number channel extension from 1 to {@code max}; null when absent. */
    private static Integer positive(
            Subscription.SubscriptionChannelComponent channel,
            String url,
            int max,
            String code,
            String unit,
            List<FhirErrors.Issue> issues) {
        Extension e = channel.getExtensionByUrl(url);
        if (e == null) {
            return null;
        }
        if (e.getValue() instanceof IntegerType n && n.getValue() != null && n.getValue() >= 1 && n.getValue() <= max) {
            return n.getValue();
        }
        issues.add(SubscriptionErrors.invalid(
                "Subscription.channel.extension('" + url + "')",
                code,
                "a whole number of " + unit + " from 1 to " + max));
        return null;
    }

    private static boolean deliveryReceipt(
            Subscription.SubscriptionChannelComponent channel,
            SubscriptionTopics topic,
            String content,
            List<FhirErrors.Issue> issues) {
        Extension e = channel.getExtensionByUrl(DELIVERY_RECEIPT);
        if (e == null) {
            return false;
        }
        String expression = "Subscription.channel.extension('" + DELIVERY_RECEIPT + "')";
        if (!(e.getValue() instanceof BooleanType b) || b.getValue() == null) {
            issues.add(SubscriptionErrors.invalid(
                    expression, SubscriptionErrors.BAD_DELIVERY_RECEIPT, "the delivery receipt is a valueBoolean"));
            return false;
        }
        if (!b.getValue()) {
            return false;
        }
        if (topic != null && topic != SubscriptionTopics.TRANSITION_MESSAGES) {
            issues.add(SubscriptionErrors.invalid(
                    expression,
                    SubscriptionErrors.BAD_DELIVERY_RECEIPT,
                    "a delivery is a kvittens only of LUS messages: the topic "
                            + SubscriptionTopics.TRANSITION_MESSAGES.url()));
        }
        if (StoredSubscription.EMPTY.equals(content)) {
            issues.add(SubscriptionErrors.invalid(
                    expression,
                    SubscriptionErrors.BAD_DELIVERY_RECEIPT,
                    "an empty notification names no message: a delivery receipt needs id-only or full-resource"));
        }
        return true;
    }

    private static String topicUrls() {
        List<String> urls = new ArrayList<>();
        for (SubscriptionTopics t : SubscriptionTopics.values()) {
            urls.add(t.url());
        }
        return String.join(", ", urls);
    }

    /** {kommun, addressee} from the filter extensions. */
    private static String[] filters(Subscription s, List<FhirErrors.Issue> issues) {
        String expression = "Subscription.criteria.extension('" + FILTER_CRITERIA + "')";
        String kommun = null;
        String addressee = null;
        for (Extension e : s.getCriteriaElement().getExtension()) {
            if (!FILTER_CRITERIA.equals(e.getUrl())) {
                continue;
            }
            String value = e.getValue() instanceof PrimitiveType<?> p ? p.getValueAsString() : null;
            if (value == null || value.isBlank()) {
                issues.add(SubscriptionErrors.invalid(
                        expression, SubscriptionErrors.BAD_FILTER, "a filter criterion needs a valueString"));
                continue;
            }
            String query = value.contains("?") ? value.substring(value.indexOf('?') + 1) : value;
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                switch (name) {
                    case KOMMUN -> {
                        try {
                            kommun = Kommunkod.of(v).value();
                        } catch (RejectedException x) {
                            issues.add(SubscriptionErrors.invalid(
                                    expression,
                                    SubscriptionErrors.BAD_FILTER,
                                    "kommun must be a kommunkod (four digits of a Swedish municipality)"));
                        }
                    }
                    case ADDRESSEE -> {
                        try {
                            addressee = HsaId.of(v).value();
                        } catch (RejectedException x) {
                            issues.add(SubscriptionErrors.invalid(
                                    expression,
                                    SubscriptionErrors.BAD_FILTER,
                                    "addressee must be the HSA-id of the addressee unit"));
                        }
                    }
                    default -> issues.add(SubscriptionErrors.invalid(
                            expression,
                            SubscriptionErrors.BAD_FILTER,
                            "unknown filter '" + name + "': the filters are kommun and addressee"));
                }
            }
        }
        if (kommun == null && issues.stream().noneMatch(i -> SubscriptionErrors.BAD_FILTER.equals(i.code()))) {
            issues.add(SubscriptionErrors.invalid(
                    expression,
                    SubscriptionErrors.BAD_FILTER,
                    "a kommun filter is required, e.g. a backport-filter-criteria extension with"
                            + " valueString 'Communication?kommun=0680'"));
        }
        return new String[] {kommun, addressee};
    }

    private static URI endpoint(String value, List<FhirErrors.Issue> issues) {
        try {
            URI uri = value == null ? null : new URI(value);
            if (uri != null
                    && uri.isAbsolute()
                    && uri.getHost() != null
                    && Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        issues.add(SubscriptionErrors.invalid(
                "Subscription.channel.endpoint",
                SubscriptionErrors.BAD_ENDPOINT,
                "channel.endpoint must be the absolute https (or http) URL notifications are POSTed to"));
        return null;
    }

    private static List<String> headers(
            Subscription.SubscriptionChannelComponent channel, List<FhirErrors.Issue> issues) {
        List<String> headers = new ArrayList<>();
        if (channel.getHeader().size() > MAX_HEADERS) {
            issues.add(SubscriptionErrors.invalid(
                    "Subscription.channel.header",
                    SubscriptionErrors.BAD_HEADER,
                    "at most " + MAX_HEADERS + " headers"));
            return headers;
        }
        for (int i = 0; i < channel.getHeader().size(); i++) {
            String h = channel.getHeader().get(i).getValue();
            var m = h == null ? null : HEADER.matcher(h);
            if (m == null || !m.matches() || h.length() > 4096) {
                issues.add(SubscriptionErrors.invalid(
                        "Subscription.channel.header[" + i + "]",
                        SubscriptionErrors.BAD_HEADER,
                        "a header is 'Name: value' on one line"));
            } else if (OWN_HEADERS.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                issues.add(SubscriptionErrors.invalid(
                        "Subscription.channel.header[" + i + "]",
                        SubscriptionErrors.BAD_HEADER,
                        m.group(1) + " is set by the gateway"));
            } else {
                headers.add(m.group(1) + ": " + m.group(2));
            }
        }
        return headers;
    }

    private static String content(Subscription.SubscriptionChannelComponent channel, List<FhirErrors.Issue> issues) {
        if (channel.hasPayload() && !FHIR_JSON.equals(channel.getPayload())) {
            issues.add(SubscriptionErrors.invalid(
                    "Subscription.channel.payload",
                    SubscriptionErrors.BAD_PAYLOAD,
                    "channel.payload must be " + FHIR_JSON));
        }
        Extension e = channel.getPayloadElement().getExtensionByUrl(PAYLOAD_CONTENT);
        if (e == null) {
            return StoredSubscription.ID_ONLY;
        }
        String content = e.getValue() instanceof PrimitiveType<?> p ? p.getValueAsString() : null;
        if (!CONTENTS.contains(content)) {
            issues.add(SubscriptionErrors.invalid(
                    "Subscription.channel.payload.extension('" + PAYLOAD_CONTENT + "')",
                    SubscriptionErrors.BAD_PAYLOAD,
                    "the payload content is empty, id-only or full-resource"));
        }
        return content;
    }

    private static Duration heartbeat(
            Subscription.SubscriptionChannelComponent channel, List<FhirErrors.Issue> issues) {
        Extension e = channel.getExtensionByUrl(HEARTBEAT_PERIOD);
        if (e == null) {
            return null;
        }
        if (e.getValue() instanceof IntegerType seconds
                && seconds.getValue() != null
                && seconds.getValue() >= MIN_HEARTBEAT_SECONDS) {
            return Duration.ofSeconds(seconds.getValue());
        }
        issues.add(SubscriptionErrors.invalid(
                "Subscription.channel.extension('" + HEARTBEAT_PERIOD + "')",
                SubscriptionErrors.BAD_HEARTBEAT,
                "the heartbeat period is a valueUnsignedInt of at least " + MIN_HEARTBEAT_SECONDS + " seconds"));
        return null;
    }

    /** The stored subscription as the R4 resource it was sent as, with its status and error. */
    public static Subscription toResource(StoredSubscription s) {
        Subscription r = new Subscription();
        r.setId("Subscription/" + s.id() + "/_history/" + s.version());
        r.getMeta().setVersionId(String.valueOf(s.version())).setLastUpdated(Date.from(s.updatedAt()));
        r.setStatus(Subscription.SubscriptionStatus.fromCode(s.status()));
        if (s.statusReason() != null) {
            r.setError(s.statusReason());
        }
        r.setReason(s.reason() == null ? "Notifications for a municipal system" : s.reason());
        r.setCriteria(s.topic().url());
        String type = s.topic().focusType();
        r.getCriteriaElement().addExtension(FILTER_CRITERIA, new StringType(type + "?" + KOMMUN + "=" + s.kommun()));
        if (s.addresseeUnit() != null) {
            r.getCriteriaElement()
                    .addExtension(FILTER_CRITERIA, new StringType(type + "?" + ADDRESSEE + "=" + s.addresseeUnit()));
        }
        Subscription.SubscriptionChannelComponent channel = r.getChannel();
        channel.setType(Subscription.SubscriptionChannelType.RESTHOOK);
        channel.setEndpoint(s.endpoint().toString());
        s.headers().forEach(channel::addHeader);
        channel.setPayload(FHIR_JSON);
        channel.getPayloadElement().addExtension(PAYLOAD_CONTENT, new org.hl7.fhir.r4.model.CodeType(s.content()));
        if (s.heartbeat() != null) {
            channel.addExtension(
                    HEARTBEAT_PERIOD, new UnsignedIntType((int) s.heartbeat().toSeconds()));
        }
        if (s.timeout() != null) {
            channel.addExtension(TIMEOUT, new UnsignedIntType((int) s.timeout().toSeconds()));
        }
        if (s.maxCount() != null) {
            channel.addExtension(MAX_COUNT_URL, new PositiveIntType(s.maxCount()));
        }
        if (s.deliveryReceipt()) {
            channel.addExtension(DELIVERY_RECEIPT, new BooleanType(true));
        }
        if (s.end() != null) {
            r.setEnd(Date.from(s.end()));
        }
        return r;
    }
}
