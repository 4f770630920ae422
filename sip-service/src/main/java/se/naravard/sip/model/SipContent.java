package se.naravard.sip.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import se.naravard.sip.model.Participant.Kind;
import se.naravard.sip.model.Participant.ThePerson;

/**
 * What a SIP says (DOMAIN.md §4 "Required content"): consents (history, last is current), the
 * person's recorded objection to närstående, participants, the person's goals, interventions, the
 * principal with overall responsibility, meetings and follow-ups (history, last is current). One
 * immutable value; the {@code with…} methods return a changed copy and check nothing — {@link Sip}
 * and {@link SipRules} decide whether a change is allowed.
 *
 * @param overallResponsibility REGION or MUNICIPALITY; null until set
 */
public record SipContent(
        List<Consent> consents,
        boolean objectsToNarstaende,
        List<Participant> participants,
        List<Goal> goals,
        List<Intervention> interventions,
        Principal overallResponsibility,
        List<Meeting> meetings,
        List<FollowUp> followUps) {

    public SipContent {
        consents = List.copyOf(consents);
        participants = List.copyOf(participants);
        goals = List.copyOf(goals);
        interventions = List.copyOf(interventions);
        meetings = List.copyOf(meetings);
        followUps = List.copyOf(followUps);
    }

    /** A new SIP: the person is its only participant. */
    static SipContent initial() {
        return new SipContent(
                List.of(), false, List.of(new ThePerson()), List.of(), List.of(), null, List.of(), List.of());
    }

    /** The most recently given consent, revoked or not. */
    public Optional<Consent> currentConsent() {
        return consents.isEmpty() ? Optional.empty() : Optional.of(consents.get(consents.size() - 1));
    }

    /** The most recently set follow-up, done or not. */
    public Optional<FollowUp> currentFollowUp() {
        return followUps.isEmpty() ? Optional.empty() : Optional.of(followUps.get(followUps.size() - 1));
    }

    public Optional<Participant> participant(ParticipantId id) {
        return participants.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public Optional<Meeting> meeting(MeetingId id) {
        return meetings.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    boolean hasParticipantOf(Principal principal) {
        return participants.stream().anyMatch(p -> p.kind() == Kind.UNIT && p.principal() == principal);
    }

    List<ParticipantId> relatedPersons() {
        return participants.stream()
                .filter(p -> p.kind() == Kind.RELATED_PERSON)
                .map(Participant::id)
                .toList();
    }

    SipContent withConsent(Consent consent) {
        return withConsents(append(consents, consent));
    }

    SipContent withCurrentConsent(Consent consent) {
        return withConsents(replaceLast(consents, consent));
    }

    /** An objection takes every närstående out of the SIP; withdrawing it brings nobody back. */
    SipContent withObjection(boolean objects) {
        var kept = objects
                ? participants.stream()
                        .filter(p -> p.kind() != Kind.RELATED_PERSON)
                        .toList()
                : participants;
        return new SipContent(
                consents, objects, kept, goals, interventions, overallResponsibility, meetings, followUps);
    }

    SipContent withParticipant(Participant participant) {
        return withParticipants(append(participants, participant));
    }

    /** The participant with the same id replaced by this one, in its place. */
    SipContent withParticipantChanged(Participant participant) {
        return withParticipants(put(participants, participant, p -> p.id().equals(participant.id())));
    }

    SipContent withoutParticipant(ParticipantId id) {
        return withParticipants(
                participants.stream().filter(p -> !p.id().equals(id)).toList());
    }

    SipContent withGoal(Goal goal) {
        return new SipContent(
                consents,
                objectsToNarstaende,
                participants,
                append(goals, goal),
                interventions,
                overallResponsibility,
                meetings,
                followUps);
    }

    SipContent withIntervention(Intervention intervention) {
        var next = put(interventions, intervention, i -> i.id().equals(intervention.id()));
        return new SipContent(
                consents, objectsToNarstaende, participants, goals, next, overallResponsibility, meetings, followUps);
    }

    /** The intervention appended, even when another has its id (a draft refused for that keeps its places). */
    SipContent withInterventionAdded(Intervention intervention) {
        return new SipContent(
                consents,
                objectsToNarstaende,
                participants,
                goals,
                append(interventions, intervention),
                overallResponsibility,
                meetings,
                followUps);
    }

    SipContent withOverallResponsibility(Principal principal) {
        return new SipContent(
                consents, objectsToNarstaende, participants, goals, interventions, principal, meetings, followUps);
    }

    SipContent withMeeting(Meeting meeting) {
        var next = put(meetings, meeting, m -> m.id().equals(meeting.id()));
        return new SipContent(
                consents,
                objectsToNarstaende,
                participants,
                goals,
                interventions,
                overallResponsibility,
                next,
                followUps);
    }

    /** A follow-up not yet done is moved; once done, the next one is added after it. */
    SipContent withFollowUp(FollowUp followUp) {
        var next = currentFollowUp().filter(f -> !f.isDone()).isPresent()
                ? replaceLast(followUps, followUp)
                : append(followUps, followUp);
        return withFollowUps(next);
    }

    SipContent withFollowUpResult(FollowUp.Result result) {
        return withFollowUps(
                replaceLast(followUps, currentFollowUp().orElseThrow().withResult(result)));
    }

    private SipContent withConsents(List<Consent> next) {
        return new SipContent(
                next,
                objectsToNarstaende,
                participants,
                goals,
                interventions,
                overallResponsibility,
                meetings,
                followUps);
    }

    private SipContent withParticipants(List<Participant> next) {
        return new SipContent(
                consents, objectsToNarstaende, next, goals, interventions, overallResponsibility, meetings, followUps);
    }

    private SipContent withFollowUps(List<FollowUp> next) {
        return new SipContent(
                consents,
                objectsToNarstaende,
                participants,
                goals,
                interventions,
                overallResponsibility,
                meetings,
                next);
    }

    private static <T> List<T> append(List<T> list, T item) {
        var next = new ArrayList<>(list);
        next.add(item);
        return next;
    }

    private static <T> List<T> replaceLast(List<T> list, T item) {
        var next = new ArrayList<>(list);
        next.set(next.size() - 1, item);
        return next;
    }

    private static <T> List<T> put(List<T> list, T item, Predicate<T> same) {
        return list.stream().anyMatch(same)
                ? list.stream()
                        .map(existing -> same.test(existing) ? item : existing)
                        .toList()
                : append(list, item);
    }

    /** Index of the first entry matching, or the size (where a new entry would go). */
    static <T> int indexOf(List<T> list, Function<T, Boolean> same) {
        for (int i = 0; i < list.size(); i++) {
            if (same.apply(list.get(i))) {
                return i;
            }
        }
        return list.size();
    }
}
