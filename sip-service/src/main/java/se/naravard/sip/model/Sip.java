package se.naravard.sip.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.platform.identity.PatientIdentifier;
import se.naravard.sip.model.Decision.Accepted;
import se.naravard.sip.model.Decision.Rejected;
import se.naravard.sip.model.SipEvent.ConsentGiven;
import se.naravard.sip.model.SipEvent.ConsentRevoked;
import se.naravard.sip.model.SipEvent.MeetingHeld;
import se.naravard.sip.model.SipEvent.NarstaendeObjectionRecorded;
import se.naravard.sip.model.SipEvent.SipActivated;
import se.naravard.sip.model.SipEvent.SipCancelled;
import se.naravard.sip.model.SipEvent.SipChanged;
import se.naravard.sip.model.SipEvent.SipCompleted;
import se.naravard.sip.model.SipEvent.SipDrafted;
import se.naravard.sip.model.SipEvent.SipEnteredInError;
import se.naravard.sip.model.SipEvent.SipFollowedUp;
import se.naravard.sip.model.SipStatus.Kind;

/**
 * A SIP (samordnad individuell plan): the plan region and municipality draw up together with a person
 * who needs interventions from both (HSL 16 kap. 4 §, SoL 2025:400 10 kap. 8–9 §§; DOMAIN.md §4).
 * One immutable version: every accepted change returns a new version numbered one higher, with
 * who/when/why in {@code lastChange}. Content changes are refused once the SIP is closed; changes to
 * an active SIP must keep its structural activation rules ({@link ActivationPolicy}).
 *
 * @param person the person the plan is about
 * @param kommun the person's municipality of residence
 */
public record Sip(
        SipId id,
        PatientIdentifier person,
        Kommunkod kommun,
        int version,
        SipStatus status,
        SipContent content,
        Change created,
        Change lastChange) {

    public Sip {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(kommun, "kommun");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastChange, "lastChange");
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1, was " + version);
        }
    }

    /** Draws up version 1: a draft whose only participant is the person. */
    public static Decision draft(SipId id, PatientIdentifier person, Kommunkod kommun, Change change) {
        return draft(id, person, kommun, SipDraft.empty(), change);
    }

    /**
     * Draws up version 1 with everything {@code draft} holds, as if each part had been given by its own
     * command in this order — the närstående objection, participants, goals, interventions, overall
     * responsibility, consent, follow-up — and checked by the same rules ({@link SipRules}), but as one
     * version with one {@link SipDrafted} event, or refused with every violation at once. An entry that
     * breaks a rule is still kept while the rest is checked, so every refusal points at the entry's own
     * place in the SIP document ({@code /participants/3}: the person is {@code /participants/0}) and a
     * later entry referring to it is not refused for that too.
     */
    public static Decision draft(SipId id, PatientIdentifier person, Kommunkod kommun, SipDraft draft, Change change) {
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(change, "change");
        var rejections = new ArrayList<>(reasonTooLong(change));
        var content = SipContent.initial().withObjection(draft.objectsToNarstaende());
        for (Participant participant : draft.participants()) {
            rejections.addAll(SipRules.admitParticipant(content, participant));
            content = content.withParticipant(participant);
        }
        for (Goal goal : draft.goals()) {
            rejections.addAll(SipRules.addGoal(content, goal));
            content = content.withGoal(goal);
        }
        for (Intervention intervention : draft.interventions()) {
            rejections.addAll(SipRules.addIntervention(content, intervention));
            content = content.withInterventionAdded(intervention);
        }
        if (draft.overallResponsibility() != null) {
            rejections.addAll(SipRules.overallResponsibility(draft.overallResponsibility()));
            content = content.withOverallResponsibility(draft.overallResponsibility());
        }
        if (draft.consent() != null) {
            rejections.addAll(SipRules.giveConsent(content, draft.consent()));
            content = content.withConsent(draft.consent());
        }
        var followUp = draft.followUp();
        if (followUp != null) {
            rejections.addAll(SipRules.setFollowUp(content, followUp.date(), followUp.by(), change.date()));
            if (followUp.date() != null && followUp.by() != null) {
                content = content.withFollowUp(new FollowUp(followUp.date(), followUp.by(), null));
            }
        }
        if (!rejections.isEmpty()) {
            return new Rejected(rejections.stream().distinct().toList());
        }
        var sip = new Sip(id, person, kommun, 1, new SipStatus.Draft(), content, change, change);
        return new Accepted(sip, new SipDrafted(kommun));
    }

    /**
     * True if the SIP may be shared at {@code at}: it is not closed and a consent is valid then. A
     * revoked consent makes this false from the revocation instant although an active SIP stays active.
     */
    public boolean isSharable(Instant at) {
        return !status.isClosed()
                && content.currentConsent().filter(c -> c.isValidAt(at)).isPresent();
    }

    /** True if the SIP may be shared with this participant at {@code at}: sharable and in the scope. */
    public boolean isSharableWith(ParticipantId participant, Instant at) {
        return isSharable(at)
                && content.participant(participant).isPresent()
                && content.currentConsent().orElseThrow().scope().participants().contains(participant);
    }

    /** True if the SIP may be shared with this organisation at {@code at}: sharable and in the scope. */
    public boolean isSharableWith(HsaId organisation, Instant at) {
        return isSharable(at)
                && content.currentConsent()
                        .orElseThrow()
                        .scope()
                        .organisations()
                        .contains(organisation);
    }

    public Decision addParticipant(Participant participant, Change change) {
        Objects.requireNonNull(participant, "participant");
        return edit(
                change,
                () -> SipRules.admitParticipant(content, participant),
                () -> content.withParticipant(participant),
                new SipChanged(SipPart.PARTICIPANTS));
    }

    /**
     * Changes a participant's details (a närstående's name and relation, a unit's contact, …): the one
     * with the same id, of the same kind, a unit participant for the same unit; never the person. An
     * active SIP keeps its structural rules.
     */
    public Decision changeParticipant(Participant participant, Change change) {
        Objects.requireNonNull(participant, "participant");
        return edit(
                change,
                () -> SipRules.changeParticipant(content, participant),
                () -> content.withParticipantChanged(participant),
                new SipChanged(SipPart.PARTICIPANTS));
    }

    public Decision removeParticipant(ParticipantId participant, Change change) {
        Objects.requireNonNull(participant, "participant");
        return edit(
                change,
                () -> SipRules.removeParticipant(content, participant),
                () -> content.withoutParticipant(participant),
                new SipChanged(SipPart.PARTICIPANTS));
    }

    /**
     * Records whether the person objects to närstående taking part (HSL 16 kap. 4 §, SoL 2025:400 10
     * kap. 9 §). An objection removes every närstående participant at once, so nothing more is shared
     * with them; withdrawing the objection brings nobody back — they must be added again.
     */
    public Decision recordObjectionToNarstaende(boolean objects, Change change) {
        var removed = objects ? content.relatedPersons() : List.<ParticipantId>of();
        return edit(
                change,
                List::of,
                () -> content.withObjection(objects),
                new NarstaendeObjectionRecorded(objects, removed));
    }

    /** Records a new consent; it becomes the current one, the earlier ones stay as history. */
    public Decision giveConsent(Consent consent, Change change) {
        Objects.requireNonNull(consent, "consent");
        var event = new ConsentGiven(
                consent.scope(),
                consent.from(),
                consent.to(),
                !consent.givenBy().isThePerson());
        return edit(change, () -> SipRules.giveConsent(content, consent), () -> content.withConsent(consent), event);
    }

    /**
     * Revokes the current consent from {@code change.at()}; allowed whatever the status until the SIP
     * is closed. The status does not change, but {@link #isSharable} turns false and {@link
     * ConsentRevoked} tells the gateway and subscribers to stop sharing at once.
     */
    public Decision revokeConsent(ConsentGiver by, Change change) {
        Objects.requireNonNull(by, "by");
        var revocation = new Consent.Revocation(change.at(), by);
        return edit(
                change,
                () -> SipRules.revokeConsent(content, by),
                () -> content.withCurrentConsent(
                        content.currentConsent().orElseThrow().revoked(revocation)),
                new ConsentRevoked(change.at(), !by.isThePerson()));
    }

    public Decision addGoal(Goal goal, Change change) {
        Objects.requireNonNull(goal, "goal");
        return edit(
                change,
                () -> SipRules.addGoal(content, goal),
                () -> content.withGoal(goal),
                new SipChanged(SipPart.GOALS));
    }

    /** Adds an intervention, or replaces the one with the same id. */
    public Decision putIntervention(Intervention intervention, Change change) {
        Objects.requireNonNull(intervention, "intervention");
        return edit(
                change,
                () -> SipRules.putIntervention(content, intervention),
                () -> content.withIntervention(intervention),
                new SipChanged(SipPart.INTERVENTIONS));
    }

    public Decision setOverallResponsibility(Principal principal, Change change) {
        return edit(
                change,
                () -> SipRules.overallResponsibility(principal),
                () -> content.withOverallResponsibility(principal),
                new SipChanged(SipPart.OVERALL_RESPONSIBILITY));
    }

    public Decision planMeeting(MeetingId meeting, Instant at, String placeOrMode, Change change) {
        var planned = new Meeting(meeting, at, placeOrMode, null);
        return edit(
                change,
                () -> SipRules.planMeeting(content, planned),
                () -> content.withMeeting(planned),
                new SipChanged(SipPart.MEETINGS));
    }

    /** Records that a planned meeting took place at {@code held.at()} with these participants. */
    public Decision recordMeetingHeld(MeetingId meeting, Meeting.Held held, Change change) {
        Objects.requireNonNull(held, "held");
        Set<ParticipantId> attendees = held.attendees();
        return edit(
                change,
                () -> SipRules.meetingHeld(content, meeting, held.at(), attendees, change.at()),
                () -> content.withMeeting(content.meeting(meeting).orElseThrow().heldAt(held.at(), attendees)),
                new MeetingHeld(meeting, held.at(), attendees));
    }

    /** Sets when and by whom the plan is followed up; moves a follow-up not yet done. */
    public Decision setFollowUp(LocalDate date, ParticipantId by, Change change) {
        return edit(
                change,
                () -> SipRules.setFollowUp(content, date, by, change.date()),
                () -> content.withFollowUp(new FollowUp(date, by, null)),
                new SipChanged(SipPart.FOLLOW_UP));
    }

    /** Records the result of the due follow-up; the SIP stays active (set the next follow-up or complete). */
    public Decision recordFollowUpResult(String result, Change change) {
        return edit(
                change,
                () -> SipRules.followUpResult(content, status, result),
                () -> content.withFollowUpResult(new FollowUp.Result(result, change.at())),
                new SipFollowedUp(content.currentFollowUp().map(FollowUp::date).orElse(LocalDate.MIN), change.at()));
    }

    /** Puts the plan in force; every {@link ActivationPolicy} must hold at {@code change.at()}. */
    public Decision activate(Change change) {
        return switch (status.kind()) {
            case DRAFT -> {
                var refusals = ActivationPolicy.checkAll(content, change.at());
                yield refusals.isEmpty()
                        ? accept(
                                new SipStatus.Active(change.at(), change.person()),
                                content,
                                change,
                                new SipActivated(change.at()))
                        : new Rejected(refusals);
            }
            case ACTIVE, COMPLETED, CANCELLED, ENTERED_IN_ERROR -> illegal(Kind.ACTIVE);
        };
    }

    public Decision complete(Change change) {
        return switch (status.kind()) {
            case ACTIVE -> accept(new SipStatus.Completed(change.at()), content, change, new SipCompleted());
            case DRAFT, COMPLETED, CANCELLED, ENTERED_IN_ERROR -> illegal(Kind.COMPLETED);
        };
    }

    /** Stops a draft or active SIP; {@code change.reason()} is required. */
    public Decision cancel(Change change) {
        return switch (status.kind()) {
            case DRAFT, ACTIVE -> withReason(
                    change,
                    reason -> accept(
                            new SipStatus.Cancelled(change.at(), reason), content, change, new SipCancelled(reason)));
            case COMPLETED, CANCELLED, ENTERED_IN_ERROR -> illegal(Kind.CANCELLED);
        };
    }

    /** Marks a SIP that should never have existed; allowed from every other status; reason required. */
    public Decision markEnteredInError(Change change) {
        return switch (status.kind()) {
            case DRAFT, ACTIVE, COMPLETED, CANCELLED -> withReason(
                    change,
                    reason -> accept(
                            new SipStatus.EnteredInError(change.at(), reason),
                            content,
                            change,
                            new SipEnteredInError(reason)));
            case ENTERED_IN_ERROR -> illegal(Kind.ENTERED_IN_ERROR);
        };
    }

    /** A content change: refused when closed or for the command's own reasons, then kept structurally sound. */
    private Decision edit(
            Change change, Supplier<List<Rejection>> refusals, Supplier<SipContent> next, SipEvent event) {
        Objects.requireNonNull(change, "change");
        if (status.isClosed()) {
            return rejected(SipRejections.SIP_CLOSED.at("/status", "a " + status.code() + " SIP cannot change"));
        }
        var rejections = new ArrayList<>(refusals.get());
        rejections.addAll(reasonTooLong(change));
        if (!rejections.isEmpty()) {
            return new Rejected(rejections);
        }
        var changed = next.get();
        if (status.kind() == Kind.ACTIVE) {
            var broken = ActivationPolicy.structural(changed, change.at());
            if (!broken.isEmpty()) {
                return new Rejected(broken);
            }
        }
        return accept(status, changed, change, event);
    }

    private Decision withReason(Change change, Function<String, Decision> then) {
        if (!change.hasReason()) {
            return rejected(SipRejections.REASON_REQUIRED.at("/reason", "a reason is required"));
        }
        return then.apply(change.reason());
    }

    private static List<Rejection> reasonTooLong(Change change) {
        var v = new Violations();
        v.optionalText("/reason", change.reason());
        return v.toList();
    }

    private Decision accept(SipStatus nextStatus, SipContent nextContent, Change change, SipEvent event) {
        var tooLong = reasonTooLong(change);
        if (!tooLong.isEmpty()) {
            return new Rejected(tooLong);
        }
        var next = new Sip(id, person, kommun, version + 1, nextStatus, nextContent, created, change);
        return new Accepted(next, event);
    }

    private Decision illegal(Kind to) {
        return rejected(SipRejections.ILLEGAL_STATUS_CHANGE.at(
                "/status", "illegal status change from " + status.code() + " to " + to.code()));
    }

    private static Decision rejected(Rejection rejection) {
        return new Rejected(List.of(rejection));
    }
}
