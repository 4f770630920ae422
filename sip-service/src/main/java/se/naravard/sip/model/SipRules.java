package se.naravard.sip.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import se.naravard.platform.domain.Rejection;
import se.naravard.sip.model.Participant.OtherParticipant;
import se.naravard.sip.model.Participant.RelatedPerson;
import se.naravard.sip.model.Participant.UnitParticipant;

/** Checks one command against the current content; each method returns every refusal, empty if none. */
final class SipRules {

    private SipRules() {}

    static List<Rejection> admitParticipant(SipContent sip, Participant participant) {
        var v = new Violations();
        var pointer = "/participants/" + sip.participants().size();
        v.roomFor("/participants", sip.participants().size());
        if (sip.participant(participant.id()).isPresent()) {
            v.add(SipRejections.DUPLICATE_PARTICIPANT.at(pointer + "/id", "another participant has this id"));
        }
        participantDetails(sip, participant, pointer, v);
        return v.toList();
    }

    /**
     * A participant's details changed: the same id and kind as one of the SIP's, never the person; a unit
     * participant stays the same unit, since the consent's scope names participants: another unit takes
     * part only by being added, and so named by a consent, itself.
     */
    static List<Rejection> changeParticipant(SipContent sip, Participant participant) {
        int index = SipContent.indexOf(sip.participants(), p -> p.id().equals(participant.id()));
        if (index == sip.participants().size()) {
            return List.of(SipRejections.PARTICIPANT_NOT_PRESENT.at("/participantId", "no participant has this id"));
        }
        var pointer = "/participants/" + index;
        var current = sip.participants().get(index);
        if (current.kind() == Participant.Kind.PERSON) {
            return List.of(SipRejections.PERSON_NOT_CHANGED_HERE.at(
                    pointer, "the person is always the participant 'person' and has no details to change"));
        }
        if (participant.kind() != current.kind()) {
            return List.of(SipRejections.PARTICIPANT_IDENTITY_FIXED.at(
                    pointer + "/kind",
                    "a participant keeps its kind; take it out and add another participant instead"));
        }
        if (current instanceof UnitParticipant was && !was.unit().equals(((UnitParticipant) participant).unit())) {
            return List.of(SipRejections.PARTICIPANT_IDENTITY_FIXED.at(
                    pointer + "/unit",
                    "a unit participant stays the same unit; add the other unit as a participant of its own"));
        }
        var v = new Violations();
        participantDetails(sip, participant, pointer, v);
        return v.toList();
    }

    /** What every participant of its kind must hold, wherever it comes from (added, drafted, changed). */
    private static void participantDetails(SipContent sip, Participant participant, String pointer, Violations v) {
        switch (participant.kind()) {
            case PERSON -> {} // the person is always there already: refused above as a duplicate
            case RELATED_PERSON -> {
                var related = (RelatedPerson) participant;
                if (sip.objectsToNarstaende()) {
                    // HSL 16 kap. 4 §, SoL 2025:400 10 kap. 9 §: närstående only if the person does not object
                    v.add(SipRejections.PERSON_OBJECTS_TO_NARSTAENDE.at(
                            pointer, "the person objects to närstående taking part"));
                }
                v.requiredText(pointer + "/name", related.name());
                v.requiredText(pointer + "/relation", related.relation());
            }
            case UNIT -> {
                var unit = (UnitParticipant) participant;
                if (unit.principal() == Principal.OTHER) {
                    v.add(SipRejections.PRINCIPAL_NOT_ALLOWED.at(
                            pointer + "/principal", "a unit participant acts for a region or a municipality"));
                }
                v.optionalText(pointer + "/contactName", unit.contactName());
            }
            case OTHER -> {
                var other = (OtherParticipant) participant;
                v.requiredText(pointer + "/name", other.name());
                v.requiredText(pointer + "/organisation", other.organisation());
            }
        }
    }

    static List<Rejection> removeParticipant(SipContent sip, ParticipantId id) {
        int index = SipContent.indexOf(sip.participants(), p -> p.id().equals(id));
        var pointer = "/participants/" + index;
        if (index == sip.participants().size()) {
            return List.of(SipRejections.PARTICIPANT_NOT_PRESENT.at("/participantId", "no participant has this id"));
        }
        if (sip.participants().get(index).kind() == Participant.Kind.PERSON) {
            return List.of(SipRejections.PERSON_CANNOT_BE_REMOVED.at(pointer, "the person is always a participant"));
        }
        if (sip.currentFollowUp().filter(f -> !f.isDone() && f.by().equals(id)).isPresent()) {
            return List.of(SipRejections.PARTICIPANT_FOLLOWS_UP.at(
                    pointer, "the participant follows up the plan; name another participant first"));
        }
        return List.of();
    }

    static List<Rejection> giveConsent(SipContent sip, Consent consent) {
        var v = new Violations();
        var pointer = "/consents/" + sip.consents().size();
        v.roomFor("/consents", sip.consents().size());
        if (consent.isRevoked()) {
            v.add(SipRejections.CONSENT_ALREADY_REVOKED.at(
                    pointer + "/revocation", "a new consent cannot already be revoked"));
        }
        if (consent.to() != null && !consent.to().isAfter(consent.from())) {
            v.add(SipRejections.CONSENT_PERIOD_INVALID.at(pointer + "/to", "the period must end after it starts"));
        }
        if (!consent.givenBy().isThePerson()) {
            v.requiredText(
                    pointer + "/givenBy/representativeName", consent.givenBy().representativeName());
            v.requiredText(pointer + "/givenBy/relation", consent.givenBy().relation());
        }
        var scope = consent.scope();
        v.requiredText(pointer + "/scope/what", scope.what());
        if (scope.isEmpty()) {
            v.add(SipRejections.CONSENT_SCOPE_EMPTY.at(
                    pointer + "/scope", "a consent names at least one participant or organisation"));
        }
        scope.participants().stream()
                .filter(id -> sip.participant(id).isEmpty())
                .sorted((a, b) -> a.value().compareTo(b.value()))
                .forEach(id -> v.add(SipRejections.PARTICIPANT_NOT_PRESENT.at(
                        pointer + "/scope/participants", "the scope names a participant not in the SIP: " + id)));
        return v.toList();
    }

    static List<Rejection> revokeConsent(SipContent sip, ConsentGiver by) {
        if (sip.currentConsent().filter(c -> !c.isRevoked()).isEmpty()) {
            return List.of(SipRejections.NO_CONSENT_TO_REVOKE.at("/consents", "there is no unrevoked consent"));
        }
        var v = new Violations();
        if (!by.isThePerson()) {
            var pointer = "/consents/" + (sip.consents().size() - 1) + "/revocation/by";
            v.requiredText(pointer + "/representativeName", by.representativeName());
            v.requiredText(pointer + "/relation", by.relation());
        }
        return v.toList();
    }

    static List<Rejection> addGoal(SipContent sip, Goal goal) {
        var v = new Violations();
        v.roomFor("/goals", sip.goals().size());
        v.requiredText("/goals/" + sip.goals().size() + "/text", goal.text());
        return v.toList();
    }

    static List<Rejection> putIntervention(SipContent sip, Intervention intervention) {
        var v = new Violations();
        int index = SipContent.indexOf(sip.interventions(), i -> i.id().equals(intervention.id()));
        if (index == sip.interventions().size()) {
            v.roomFor("/interventions", index);
        }
        v.requiredText("/interventions/" + index + "/what", intervention.what());
        return v.toList();
    }

    /** An intervention of a new SIP: as {@link #putIntervention}, but two with one id are refused, not replaced. */
    static List<Rejection> addIntervention(SipContent sip, Intervention intervention) {
        int index = sip.interventions().size();
        if (sip.interventions().stream().anyMatch(i -> i.id().equals(intervention.id()))) {
            return List.of(SipRejections.DUPLICATE_INTERVENTION.at(
                    "/interventions/" + index + "/id", "another intervention has this id"));
        }
        return putIntervention(sip, intervention);
    }

    static List<Rejection> overallResponsibility(Principal principal) {
        if (principal == null) {
            return List.of(SipRejections.REQUIRED.at("/overallResponsibility", "a value is required"));
        }
        if (principal == Principal.OTHER) {
            return List.of(SipRejections.PRINCIPAL_NOT_ALLOWED.at(
                    "/overallResponsibility", "overall responsibility lies with the region or the municipality"));
        }
        return List.of();
    }

    static List<Rejection> planMeeting(SipContent sip, Meeting meeting) {
        var v = new Violations();
        var pointer = "/meetings/" + sip.meetings().size();
        v.roomFor("/meetings", sip.meetings().size());
        if (sip.meeting(meeting.id()).isPresent()) {
            v.add(SipRejections.DUPLICATE_MEETING.at(pointer + "/id", "another meeting has this id"));
        }
        if (meeting.held() != null) {
            v.add(SipRejections.MEETING_ALREADY_HELD.at(
                    pointer + "/held", "record a held meeting with its own command"));
        }
        v.optionalText(pointer + "/placeOrMode", meeting.placeOrMode());
        return v.toList();
    }

    static List<Rejection> meetingHeld(
            SipContent sip, MeetingId id, Instant at, Set<ParticipantId> attendees, Instant recordedAt) {
        int index = SipContent.indexOf(sip.meetings(), m -> m.id().equals(id));
        if (index == sip.meetings().size()) {
            return List.of(SipRejections.MEETING_NOT_FOUND.at("/meetingId", "no meeting has this id"));
        }
        var pointer = "/meetings/" + index + "/held";
        if (sip.meetings().get(index).held() != null) {
            return List.of(SipRejections.MEETING_ALREADY_HELD.at(pointer, "the meeting is already recorded as held"));
        }
        var v = new Violations();
        if (at.isAfter(recordedAt)) {
            v.add(SipRejections.MEETING_HELD_IN_FUTURE.at(pointer + "/at", "a meeting is recorded after it is held"));
        }
        if (attendees.isEmpty()) {
            v.add(SipRejections.REQUIRED.at(pointer + "/attendees", "at least one attendee is required"));
        }
        attendees.stream()
                .filter(a -> sip.participant(a).isEmpty())
                .sorted((a, b) -> a.value().compareTo(b.value()))
                .forEach(a -> v.add(SipRejections.PARTICIPANT_NOT_PRESENT.at(
                        pointer + "/attendees", "an attendee is not a participant: " + a)));
        return v.toList();
    }

    static List<Rejection> setFollowUp(SipContent sip, LocalDate date, ParticipantId by, LocalDate today) {
        var v = new Violations();
        int index = sip.currentFollowUp().filter(f -> !f.isDone()).isPresent()
                ? sip.followUps().size() - 1
                : sip.followUps().size();
        var pointer = "/followUps/" + index;
        v.required(pointer + "/date", date);
        v.required(pointer + "/by", by);
        if (date != null && date.isBefore(today)) {
            v.add(SipRejections.FOLLOW_UP_IN_PAST.at(pointer + "/date", "the follow-up date is in the past"));
        }
        if (by != null && sip.participant(by).isEmpty()) {
            v.add(SipRejections.PARTICIPANT_NOT_PRESENT.at(pointer + "/by", "who follows up must be a participant"));
        } else if (by != null && sip.participant(by).get().kind() == Participant.Kind.RELATED_PERSON) {
            v.add(SipRejections.NARSTAENDE_CANNOT_FOLLOW_UP.at(
                    pointer + "/by",
                    "a närstående cannot follow up the plan (an objection would remove them at once); name a unit"
                            + " or the person"));
        }
        return v.toList();
    }

    static List<Rejection> followUpResult(SipContent sip, SipStatus status, String text) {
        if (status.kind() != SipStatus.Kind.ACTIVE) {
            return List.of(SipRejections.FOLLOW_UP_NEEDS_ACTIVE_SIP.at(
                    "/status", "a " + status.code() + " SIP cannot be followed up"));
        }
        if (sip.currentFollowUp().filter(f -> !f.isDone()).isEmpty()) {
            return List.of(SipRejections.NO_FOLLOW_UP_DUE.at("/followUps", "no follow-up is due; set one first"));
        }
        var v = new Violations();
        v.requiredText("/followUps/" + (sip.followUps().size() - 1) + "/result/text", text);
        return v.toList();
    }
}
