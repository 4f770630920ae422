package se.naravard.sip.model;

import java.time.LocalDate;
import java.util.List;

/**
 * What a SIP may hold when it is drawn up, besides the person and kommun: everything the single
 * commands add to a draft (participants, goals, interventions, overall responsibility, the närstående
 * objection, a consent and a follow-up), so that the whole plan is version 1 with one event instead of
 * a version per command. Meetings and the status come later, each with its own command.
 *
 * @param participants besides the person (who is always there)
 * @param overallResponsibility null when not named yet
 * @param consent null when none is given yet; else it becomes the current consent
 * @param followUp null when not planned yet
 */
public record SipDraft(
        List<Participant> participants,
        List<Goal> goals,
        List<Intervention> interventions,
        Principal overallResponsibility,
        boolean objectsToNarstaende,
        Consent consent,
        PlannedFollowUp followUp) {

    public SipDraft {
        participants = List.copyOf(participants);
        goals = List.copyOf(goals);
        interventions = List.copyOf(interventions);
    }

    /** Nothing but the person: the draft of {@code POST /sips} with only person and kommun. */
    public static SipDraft empty() {
        return new SipDraft(List.of(), List.of(), List.of(), null, false, null, null);
    }

    /** When the plan is to be followed up and by which participant; either may be missing (refused). */
    public record PlannedFollowUp(LocalDate date, ParticipantId by) {}
}
