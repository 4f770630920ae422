package se.naravard.sip.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Request bodies of the internal REST API. Every command names its {@code actor} (HSA-ids of the
 * person and the care unit acting) and may give a {@code reason}; they become the version's
 * who/when/why. Nested objects arrive as JSON trees and are read by {@link CommandReader}, so an
 * unknown or mistyped field inside them is reported with its pointer; the framework only ever reports
 * top-level fields.
 */
public final class Requests {

    private Requests() {}

    /**
     * A new SIP: {@code person} and {@code kommun}, and optionally everything else a draft may hold, in
     * the shapes of the single commands — {@code participants} (besides the person), {@code goals}
     * ({@code {"text": …}}), {@code interventions} (each with its {@code id}), {@code
     * overallResponsibility}, {@code objectsToNarstaende}, {@code consent} (becomes the current one) and
     * {@code followUp} ({@code date}, {@code by}).
     */
    @Serdeable
    public record DraftSip(
            @Nullable String person,
            @Nullable String kommun,
            @Nullable JsonNode actor,
            @Nullable String reason,
            @Nullable JsonNode participants,
            @Nullable JsonNode goals,
            @Nullable JsonNode interventions,
            @Nullable String overallResponsibility,
            @Nullable Boolean objectsToNarstaende,
            @Nullable JsonNode consent,
            @Nullable JsonNode followUp) {}

    /** The follow-up of a new SIP: the body of {@code PUT /sips/{id}/follow-up} without who/why. */
    @Serdeable
    public record DraftFollowUp(@Nullable String date, @Nullable String by) {}

    /** Who/when/why only: removing a participant. */
    @Serdeable
    public record Plain(@Nullable JsonNode actor, @Nullable String reason) {}

    /** Adding a participant, or changing one's details ({@code PUT …/participants/{participantId}}). */
    @Serdeable
    public record AddParticipant(@Nullable JsonNode participant, @Nullable JsonNode actor, @Nullable String reason) {}

    @Serdeable
    public record NarstaendeObjection(@Nullable Boolean objects, @Nullable JsonNode actor, @Nullable String reason) {}

    @Serdeable
    public record GiveConsent(@Nullable JsonNode consent, @Nullable JsonNode actor, @Nullable String reason) {}

    /** {@code by} left out: the person revokes; else the legal representative. */
    @Serdeable
    public record RevokeConsent(@Nullable JsonNode by, @Nullable JsonNode actor, @Nullable String reason) {}

    @Serdeable
    public record AddGoal(@Nullable String text, @Nullable JsonNode actor, @Nullable String reason) {}

    @Serdeable
    public record PutIntervention(@Nullable JsonNode intervention, @Nullable JsonNode actor, @Nullable String reason) {}

    @Serdeable
    public record OverallResponsibility(
            @Nullable String principal, @Nullable JsonNode actor, @Nullable String reason) {}

    @Serdeable
    public record PlanMeeting(@Nullable JsonNode meeting, @Nullable JsonNode actor, @Nullable String reason) {}

    @Serdeable
    public record MeetingHeld(
            @Nullable String at, @Nullable List<String> attendees, @Nullable JsonNode actor, @Nullable String reason) {}

    @Serdeable
    public record FollowUp(
            @Nullable String date, @Nullable String by, @Nullable JsonNode actor, @Nullable String reason) {}

    @Serdeable
    public record FollowUpResult(@Nullable String result, @Nullable JsonNode actor, @Nullable String reason) {}

    @Serdeable
    public record ChangeStatus(@Nullable String status, @Nullable JsonNode actor, @Nullable String reason) {}

    /** Filters are combined with AND; none given lists every SIP, newest change first. */
    @Serdeable
    public record Search(
            @Nullable String person,
            @Nullable String patientKey,
            @Nullable String status,
            @Nullable String kommun,
            @Nullable Integer limit,
            @Nullable Integer offset) {}

    /**
     * The fast vårdkontakt reports the SIP called: {@code sipId} the SIP (absent: the one linked to the
     * task), {@code calledAt} when the kallelse went out (absent: now), {@code invitees} the HSA-ids of
     * the units called (absent: every addressee of the utskrivningsklar notice).
     */
    @Serdeable
    public record CompleteCallIn(
            @Nullable JsonNode actor,
            @Nullable String sipId,
            @Nullable String calledAt,
            @Nullable List<String> invitees) {}
}
