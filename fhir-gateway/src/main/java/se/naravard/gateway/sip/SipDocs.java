package se.naravard.gateway.sip;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What the gateway reads of sip-service's JSON (docs/sip-api.md, "The SIP document"; the shapes of
 * {@code se.naravard.sip.document.Docs}, copied, never depended on). A tolerant reader: unknown fields
 * are ignored, any field may be null. Times are RFC 3339 UTC instants, dates local dates, codes the
 * domain's enum names (REGION, UNIT, PRIMARY_CARE, PLANNED …).
 */
public final class SipDocs {

    private SipDocs() {}

    /**
     * One version of a SIP (samordnad individuell plan: the joint plan of region and municipality for
     * one person, HSL 16 kap. 4 §, SoL 2025:400 10 kap. 8–9 §§; DOMAIN.md §4). Consents, goals and
     * meetings are only ever appended (a revocation or a held meeting changes its entry in place), so
     * their positions are stable across versions: the gateway's ids of them are positions.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sip(
            String id,
            int version,
            PersonRef person,
            String kommun,
            Status status,
            List<Consent> consents,
            boolean objectsToNarstaende,
            List<Participant> participants,
            List<GoalText> goals,
            List<Intervention> interventions,
            String overallResponsibility,
            List<Meeting> meetings,
            List<FollowUp> followUps,
            Change created,
            Change lastChange) {

        public List<Consent> consentsOrEmpty() {
            return consents == null ? List.of() : consents;
        }

        public List<Participant> participantsOrEmpty() {
            return participants == null ? List.of() : participants;
        }

        public List<GoalText> goalsOrEmpty() {
            return goals == null ? List.of() : goals;
        }

        public List<Intervention> interventionsOrEmpty() {
            return interventions == null ? List.of() : interventions;
        }

        public List<Meeting> meetingsOrEmpty() {
            return meetings == null ? List.of() : meetings;
        }

        public List<FollowUp> followUpsOrEmpty() {
            return followUps == null ? List.of() : followUps;
        }

        public String statusCode() {
            return status == null ? null : status.code();
        }

        /** The participant with this id, or null (an attendee may have left the SIP since). */
        public Participant participant(String participantId) {
            return participantsOrEmpty().stream()
                    .filter(p -> participantId != null && participantId.equals(p.id()))
                    .findFirst()
                    .orElse(null);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PersonRef(String system, String value) {}

    /**
     * {@code code}: draft, active ({@code activatedAt}, {@code activatedBy}), completed ({@code at}),
     * cancelled and entered-in-error ({@code at}, {@code reason}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Status(String code, String activatedAt, String activatedBy, String at, String reason) {}

    /** A consent; the last of the list is the current one. {@code givenBy} null: the person gave it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Consent(Giver givenBy, Scope scope, String from, String to, Revocation revocation) {}

    /** A legal representative (god man, guardian …); null for the person. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Giver(String representativeName, String relation) {}

    /** What may be shared with whom: participant ids of the SIP and organisations by HSA-id. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Scope(String what, List<String> participants, List<String> organisations) {

        public List<String> participantsOrEmpty() {
            return participants == null ? List.of() : participants;
        }

        public List<String> organisationsOrEmpty() {
            return organisations == null ? List.of() : organisations;
        }
    }

    /** {@code by} null: the person revoked it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Revocation(String at, Giver by) {}

    /**
     * {@code kind}: PERSON; RELATED_PERSON (närstående: {@code name}, {@code relation}); UNIT ({@code
     * principal}, {@code unit} HSA-id, {@code role}, {@code contactName}); OTHER ({@code name}, {@code
     * organisation}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Participant(
            String id,
            String kind,
            String name,
            String relation,
            String principal,
            String unit,
            String role,
            String contactName,
            String organisation) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GoalText(String text) {}

    /** An insats; {@code status} PLANNED, ONGOING, DONE, STOPPED. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Intervention(
            String id, String what, String responsiblePrincipal, String responsibleUnit, String start, String status) {}

    /** A SIP meeting; {@code held} once it took place. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Meeting(String id, String plannedAt, String placeOrMode, Held held) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Held(String at, List<String> attendees) {

        public List<String> attendeesOrEmpty() {
            return attendees == null ? List.of() : attendees;
        }
    }

    /** When and by whom (a participant id) the plan is followed up; {@code result} once done. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FollowUp(String date, String by, Result result) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Result(String text, String at) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Change(String at, Actor actor, String reason) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Actor(String person, String unit) {}

    /** {@code GET /sips}: one page; {@code nextOffset} is absent on the last. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SipPage(List<Sip> sips, int offset, Integer nextOffset) {}

    /** {@code GET /sips/{id}/versions}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VersionList(String sipId, List<VersionSummary> versions) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VersionSummary(int version, String status, String event, String changedAt) {}

    /**
     * A SIP call-in task of sip-service ({@code GET /call-ins}): the fast vårdkontakt's duty to call the
     * SIP within three days of the utskrivningsklar notice, following transition-service's deadline task
     * {@code transitionTaskId}. {@code status}: open, completed or cancelled.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CallIn(
            String id,
            int version,
            String status,
            String transitionTaskId,
            String episodeId,
            String sipId,
            String calledAt,
            String cancelReason) {}

    /** {@code GET /call-ins}: one page; {@code next} is absent on the last. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CallInPage(List<CallIn> callIns, int offset, Integer next) {}
}
