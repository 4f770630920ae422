package se.naravard.gateway.subscription;

import java.util.Arrays;
import java.util.Optional;

/**
 * The topics a municipal system can subscribe to, each a canonical URL under the project's base
 * (docs/fhir.md "Subscription"), the FHIR type of its notifications' focus and the events it carries.
 * R4 has no SubscriptionTopic resource: following the Subscriptions R5 Backport IG, {@code
 * Subscription.criteria} holds the topic's URL and the filters go in {@code _criteria} extensions.
 */
public enum SubscriptionTopics {
    /** LUS messages (sent, cancelled by makulering, receipted) addressed to the kommun. */
    TRANSITION_MESSAGES("transition-message", "Communication"),
    /** Deadline tasks of an inpatient episode of the kommun's residents: met, missed, cancelled, reopened. */
    DEADLINE_TASKS("deadline-task", "Task"),
    /** Every change of a SIP of the kommun's residents that the system may see (consent in force). */
    SIP_CHANGES("sip-change", "CarePlan"),
    /** Every change of a patient contract of the kommun's residents the system has a care relation with. */
    CONTRACT_CHANGES("contract-change", "CarePlan");

    public static final String BASE = "https://naravard.se/fhir/SubscriptionTopic/";

    private final String slug;
    private final String focusType;

    SubscriptionTopics(String slug, String focusType) {
        this.slug = slug;
        this.focusType = focusType;
    }

    /** The canonical URL, e.g. {@code https://naravard.se/fhir/SubscriptionTopic/transition-message}. */
    public String url() {
        return BASE + slug;
    }

    public String focusType() {
        return focusType;
    }

    public static Optional<SubscriptionTopics> byUrl(String url) {
        return Arrays.stream(values()).filter(t -> t.url().equals(url)).findFirst();
    }
}
