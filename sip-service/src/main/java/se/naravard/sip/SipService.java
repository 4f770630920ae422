package se.naravard.sip;

import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.web.ProblemException;
import se.naravard.sip.SipCommands.Draft;
import se.naravard.sip.SipCommands.Target;
import se.naravard.sip.SipCommands.TargetStatus;
import se.naravard.sip.document.Docs.SipDocument;
import se.naravard.sip.events.SipEventPublisher;
import se.naravard.sip.model.Change;
import se.naravard.sip.model.Consent;
import se.naravard.sip.model.ConsentGiver;
import se.naravard.sip.model.Decision;
import se.naravard.sip.model.Goal;
import se.naravard.sip.model.Intervention;
import se.naravard.sip.model.Meeting;
import se.naravard.sip.model.MeetingId;
import se.naravard.sip.model.Participant;
import se.naravard.sip.model.ParticipantId;
import se.naravard.sip.model.Principal;
import se.naravard.sip.model.Sip;
import se.naravard.sip.model.SipId;
import se.naravard.sip.model.SipRejections;
import se.naravard.sip.store.SipStore;
import se.naravard.sip.store.SipVersionRow;

/**
 * The use cases of a SIP. Each public method is one transaction: load, ask the domain, store the new
 * version and append its event to the outbox, return. A refusal throws a {@link ProblemException},
 * which rolls the transaction back: nothing is half-written.
 */
@Singleton
public class SipService {

    /** Codes of refusals made here rather than in the domain (docs/sip-api.md). */
    public static final String STALE_VERSION = "SIP-070";

    public static final String NOT_FOUND = "SIP-074";

    private static final Set<String> CONFLICTS =
            Set.of(SipRejections.SIP_CLOSED.code(), SipRejections.ILLEGAL_STATUS_CHANGE.code());

    private final SipStore store;
    private final SipEventPublisher events;
    private final Clock clock;

    public SipService(SipStore store, SipEventPublisher events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Draws up a SIP with all it holds: version 1 and one event, or refused with nothing stored. */
    @Transactional
    public Sip draft(Draft command) {
        Decision.Accepted accepted = accept(
                Sip.draft(SipId.newId(), command.person(), command.kommun(), command.content(), command.change()));
        store.insert(accepted.sip(), accepted.event().typeName());
        events.publish(accepted.sip(), accepted.event());
        return accepted.sip();
    }

    @Transactional
    public Sip addParticipant(Target target, Participant participant, Change change) {
        return apply(target, sip -> sip.addParticipant(participant, change));
    }

    @Transactional
    public Sip changeParticipant(Target target, Participant participant, Change change) {
        return apply(target, sip -> sip.changeParticipant(participant, change));
    }

    @Transactional
    public Sip removeParticipant(Target target, ParticipantId participant, Change change) {
        return apply(target, sip -> sip.removeParticipant(participant, change));
    }

    @Transactional
    public Sip recordObjectionToNarstaende(Target target, boolean objects, Change change) {
        return apply(target, sip -> sip.recordObjectionToNarstaende(objects, change));
    }

    @Transactional
    public Sip giveConsent(Target target, Consent consent, Change change) {
        return apply(target, sip -> sip.giveConsent(consent, change));
    }

    @Transactional
    public Sip revokeConsent(Target target, ConsentGiver by, Change change) {
        return apply(target, sip -> sip.revokeConsent(by, change));
    }

    @Transactional
    public Sip addGoal(Target target, Goal goal, Change change) {
        return apply(target, sip -> sip.addGoal(goal, change));
    }

    @Transactional
    public Sip putIntervention(Target target, Intervention intervention, Change change) {
        return apply(target, sip -> sip.putIntervention(intervention, change));
    }

    @Transactional
    public Sip setOverallResponsibility(Target target, Principal principal, Change change) {
        return apply(target, sip -> sip.setOverallResponsibility(principal, change));
    }

    /** Plans a meeting: {@code planned.held()} must be null (the domain refuses it otherwise). */
    @Transactional
    public Sip planMeeting(Target target, Meeting planned, Change change) {
        return apply(target, sip -> sip.planMeeting(planned.id(), planned.plannedAt(), planned.placeOrMode(), change));
    }

    @Transactional
    public Sip recordMeetingHeld(Target target, MeetingId meeting, Meeting.Held held, Change change) {
        return apply(target, sip -> sip.recordMeetingHeld(meeting, held, change));
    }

    @Transactional
    public Sip setFollowUp(Target target, FollowUpPlan plan, Change change) {
        return apply(target, sip -> sip.setFollowUp(plan.date(), plan.by(), change));
    }

    /** When the plan is followed up and by which participant. */
    public record FollowUpPlan(LocalDate date, ParticipantId by) {}

    @Transactional
    public Sip recordFollowUpResult(Target target, String result, Change change) {
        return apply(target, sip -> sip.recordFollowUpResult(result, change));
    }

    @Transactional
    public Sip changeStatus(Target target, TargetStatus status, Change change) {
        return apply(target, sip -> switch (status) {
            case ACTIVE -> sip.activate(change);
            case COMPLETED -> sip.complete(change);
            case CANCELLED -> sip.cancel(change);
            case ENTERED_IN_ERROR -> sip.markEnteredInError(change);
        });
    }

    @ReadOnly
    public Sip get(SipId id) {
        return store.find(id).orElseThrow(SipService::notFound);
    }

    @ReadOnly
    public SipDocument version(SipId id, int version) {
        return store.version(id, version)
                .orElseThrow(() ->
                        ProblemException.of(404, new Rejection(NOT_FOUND, "/version", "the SIP has no such version")));
    }

    /** One entry of a SIP's history: the version, its status, and who/when/why. */
    public record VersionEntry(int version, String status, String event, Change change) {}

    @ReadOnly
    public List<VersionEntry> versions(SipId id) {
        List<SipVersionRow> all = store.versions(id);
        if (all.isEmpty()) {
            throw notFound();
        }
        return all.stream()
                .map(v -> new VersionEntry(
                        v.version(),
                        v.status(),
                        v.eventType(),
                        new Change(
                                se.naravard.platform.identity.HsaId.of(v.actorPerson()),
                                se.naravard.platform.identity.HsaId.of(v.actorUnit()),
                                v.changedAt(),
                                v.reason())))
                .toList();
    }

    /** Filters of a search; null = any. */
    /** Filters (null = any); {@code patientKey} is the pseudonymous key the events carry. */
    public record Search(String patient, String patientKey, String status, String kommun) {}

    @ReadOnly
    public List<SipDocument> search(Search filters, int limit, int offset) {
        return store.search(filters.patient(), filters.patientKey(), filters.status(), filters.kommun(), limit, offset);
    }

    private Sip apply(Target target, Function<Sip, Decision> command) {
        Sip current = store.find(target.id()).orElseThrow(SipService::notFound);
        if (current.version() != target.expectedVersion()) {
            throw stale(current.version());
        }
        Decision.Accepted accepted = accept(command.apply(current));
        if (!store.update(accepted.sip(), accepted.event().typeName())) {
            throw stale(accepted.sip().version() - 1);
        }
        events.publish(accepted.sip(), accepted.event());
        return accepted.sip();
    }

    private static Decision.Accepted accept(Decision decision) {
        if (decision instanceof Decision.Accepted accepted) {
            return accepted;
        }
        List<Rejection> rejections = ((Decision.Rejected) decision).rejections();
        int status = CONFLICTS.contains(rejections.get(0).code()) ? 409 : 422;
        throw ProblemException.of(status, "The SIP change was refused", rejections);
    }

    private static ProblemException notFound() {
        return ProblemException.of(404, new Rejection(NOT_FOUND, "/id", "no SIP with this id"));
    }

    private static ProblemException stale(int currentVersion) {
        return ProblemException.of(
                412,
                new Rejection(
                        STALE_VERSION,
                        "If-Match",
                        "the SIP has changed since that version; the current version is " + currentVersion));
    }
}
