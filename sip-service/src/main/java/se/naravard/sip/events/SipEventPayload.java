package se.naravard.sip.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import se.naravard.sip.document.Docs.ActorDoc;
import se.naravard.sip.document.Docs.ScopeDoc;
import se.naravard.sip.document.Docs.SipDocument;

/**
 * The payload of every {@code se.naravard.sip.*.v1} event: the SIP's full state after the change
 * (event-carried state transfer) and what changed. See docs/events.md.
 *
 * @param type the event name, e.g. {@code consent-revoked}
 * @param sip the SIP after the change
 * @param change what this event changed
 */
@Serdeable
public record SipEventPayload(String type, SipDocument sip, Change change) {

    /**
     * @param at when
     * @param actor who (HSA-ids of the person and the care unit)
     * @param reason why, when given
     * @param kommun {@code sip-drafted}: the person's municipality
     * @param part {@code sip-changed}: the part changed (participants, goals, interventions,
     *     overallResponsibility, meetings, followUps)
     * @param scope {@code consent-given}: what may be shared with whom
     * @param from {@code consent-given}: the consent is valid from
     * @param to {@code consent-given}: the consent is valid until (absent = until further notice)
     * @param byRepresentative {@code consent-given}, {@code consent-revoked}: by a legal representative
     * @param revokedAt {@code consent-revoked}: sharing stops from this instant
     * @param objects {@code narstaende-objection-recorded}: whether the person objects
     * @param removed {@code narstaende-objection-recorded}: the närstående taken out of the SIP
     * @param meeting {@code meeting-held}: the meeting's id
     * @param heldAt {@code meeting-held}: when it took place
     * @param attendees {@code meeting-held}: participant ids of those who attended
     * @param followUpDate {@code sip-followed-up}: the date of the follow-up done
     * @param activatedAt {@code sip-activated}: when the plan came in force
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(
            String at,
            ActorDoc actor,
            @Nullable String reason,
            @Nullable String kommun,
            @Nullable String part,
            @Nullable ScopeDoc scope,
            @Nullable String from,
            @Nullable String to,
            @Nullable Boolean byRepresentative,
            @Nullable String revokedAt,
            @Nullable Boolean objects,
            @Nullable List<String> removed,
            @Nullable String meeting,
            @Nullable String heldAt,
            @Nullable List<String> attendees,
            @Nullable String followUpDate,
            @Nullable String activatedAt) {

        /** Starts a change with its who/when/why; each event type sets only its own fields. */
        static Builder of(String at, ActorDoc actor, String reason) {
            return new Builder(at, actor, reason);
        }
    }

    /** Collects the fields of one {@link Change}; those not set stay null and are left out of the JSON. */
    static final class Builder {
        private final String at;
        private final ActorDoc actor;
        private final String reason;
        String kommun;
        String part;
        ScopeDoc scope;
        String from;
        String to;
        Boolean byRepresentative;
        String revokedAt;
        Boolean objects;
        List<String> removed;
        String meeting;
        String heldAt;
        List<String> attendees;
        String followUpDate;
        String activatedAt;

        private Builder(String at, ActorDoc actor, String reason) {
            this.at = at;
            this.actor = actor;
            this.reason = reason;
        }

        Change build() {
            return new Change(
                    at,
                    actor,
                    reason,
                    kommun,
                    part,
                    scope,
                    from,
                    to,
                    byRepresentative,
                    revokedAt,
                    objects,
                    removed,
                    meeting,
                    heldAt,
                    attendees,
                    followUpDate,
                    activatedAt);
        }
    }
}
