package se.naravard.sip.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The JSON shapes of a SIP as stored, served and published. Every field is nullable so that a request
 * carrying an entry (participant, consent, intervention…) can be read whole and then checked field by
 * field, each fault reported with its JSON pointer. Times are ISO-8601 instants, dates YYYY-MM-DD,
 * codes the enum names of the domain (REGION, UNIT, SOCIAL_SERVICES…). JSON names are the record
 * component names (no {@code @JsonProperty}): the web layer finds unknown fields at any depth by them.
 */
public final class Docs {

    private Docs() {}

    /** One version of a SIP; JSON pointers of the domain's refusals point into this shape. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SipDocument(
            String id,
            int version,
            PersonDoc person,
            String kommun,
            StatusDoc status,
            List<ConsentDoc> consents,
            boolean objectsToNarstaende,
            List<ParticipantDoc> participants,
            List<GoalDoc> goals,
            List<InterventionDoc> interventions,
            @Nullable String overallResponsibility,
            List<MeetingDoc> meetings,
            List<FollowUpDoc> followUps,
            ChangeDoc created,
            ChangeDoc lastChange) {}

    /** The person the plan is about: identifier system and the normalized 12 digits. */
    @Serdeable
    public record PersonDoc(String system, String value) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StatusDoc(
            String code,
            @Nullable String activatedAt,
            @Nullable String activatedBy,
            @Nullable String at,
            @Nullable String reason) {}

    @Serdeable
    public record ActorDoc(@Nullable String person, @Nullable String unit) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChangeDoc(String at, ActorDoc actor, @Nullable String reason) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsentDoc(
            @Nullable GiverDoc givenBy,
            @Nullable ScopeDoc scope,
            @Nullable String from,
            @Nullable String to,
            @Nullable RevocationDoc revocation) {}

    /** Both null (or the object left out) for the person; both given for a legal representative. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GiverDoc(@Nullable String representativeName, @Nullable String relation) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScopeDoc(
            @Nullable String what, @Nullable List<String> participants, @Nullable List<String> organisations) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RevocationDoc(@Nullable String at, @Nullable GiverDoc by) {}

    /**
     * A participant; {@code kind} PERSON, RELATED_PERSON (name, relation), UNIT (principal, unit,
     * role, contactName) or OTHER (name, organisation).
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ParticipantDoc(
            @Nullable String id,
            @Nullable String kind,
            @Nullable String name,
            @Nullable String relation,
            @Nullable String principal,
            @Nullable String unit,
            @Nullable String role,
            @Nullable String contactName,
            @Nullable String organisation) {}

    @Serdeable
    public record GoalDoc(@Nullable String text) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InterventionDoc(
            @Nullable String id,
            @Nullable String what,
            @Nullable String responsiblePrincipal,
            @Nullable String responsibleUnit,
            @Nullable String start,
            @Nullable String status) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MeetingDoc(
            @Nullable String id, @Nullable String plannedAt, @Nullable String placeOrMode, @Nullable HeldDoc held) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HeldDoc(@Nullable String at, @Nullable List<String> attendees) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FollowUpDoc(@Nullable String date, @Nullable String by, @Nullable ResultDoc result) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResultDoc(@Nullable String text, @Nullable String at) {}
}
