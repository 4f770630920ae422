package se.naravard.sip;

import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.web.ProblemException;
import se.naravard.sip.callin.CallIn;
import se.naravard.sip.callin.CallInReconciler;
import se.naravard.sip.callin.CallInReconciler.Cancel;
import se.naravard.sip.callin.CallInReconciler.CompleteElsewhere;
import se.naravard.sip.callin.CallInReconciler.Open;
import se.naravard.sip.callin.CallInRejections;
import se.naravard.sip.callin.EpisodeState;
import se.naravard.sip.document.CallInDocs.CallInDocument;
import se.naravard.sip.events.CallInEventPublisher;
import se.naravard.sip.model.Sip;
import se.naravard.sip.model.SipId;
import se.naravard.sip.store.CallInStore;
import se.naravard.sip.store.SipStore;

/**
 * The use cases of SIP call-in tasks: following the episodes of {@code transition.events}, and
 * completion by the fast vårdkontakt. Each method is one transaction (the consumer's, when called
 * from its handler); every change appends its event to the outbox in it.
 */
@Singleton
public class CallInService {

    private static final Logger LOG = LoggerFactory.getLogger(CallInService.class);

    private final CallInStore store;
    private final SipStore sips;
    private final CallInEventPublisher events;
    private final Clock clock;

    public CallInService(CallInStore store, SipStore sips, CallInEventPublisher events, Clock clock) {
        this.store = store;
        this.sips = sips;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Applies the state of an episode: ignored unless its version is newer than every version applied
     * before; then the call-in tasks are brought in line with it ({@link CallInReconciler}).
     *
     * @return whether the episode version was applied (false: stale)
     */
    @Transactional
    public boolean follow(EpisodeState episode) {
        Instant now = now();
        if (!store.advanceEpisode(episode.id(), episode.version(), now)) {
            LOG.debug("episode {} version {} is not newer than one applied: ignored", episode.id(), episode.version());
            return false;
        }
        for (CallInReconciler.Step step : CallInReconciler.reconcile(episode, store.ofEpisode(episode.id()))) {
            if (step instanceof Open o) {
                UUID sip = store.openSipOf(episode.personSystem(), episode.personValue())
                        .orElse(null);
                CallIn opened = CallIn.open(UUID.randomUUID(), episode, o.task(), o.notice(), sip, now);
                store.insert(opened);
                events.opened(opened, episode.version());
            } else if (step instanceof Cancel c) {
                CallIn cancelled = c.callIn().cancel(c.reason(), now, episode.version());
                requireUpdated(cancelled);
                events.cancelled(cancelled, episode.version());
            } else if (step instanceof CompleteElsewhere e) {
                CallIn done = e.callIn().completeElsewhere(e.note(), now, episode.version());
                requireUpdated(done);
                events.completedElsewhere(done, episode.version());
            }
        }
        return true;
    }

    /** The fast vårdkontakt reports the kallelse sent; refused unless the task is open. */
    @Transactional
    public CallIn complete(UUID id, CallIn.Completion completion) {
        CallIn current = store.find(id).orElseThrow(CallInService::notFound);
        if (completion.sipId() != null) {
            Optional<Sip> sip = sips.find(new SipId(completion.sipId()));
            if (sip.isEmpty()
                    || !sip.get().person().value().equals(current.personValue())
                    || !sip.get().person().system().equals(current.personSystem())) {
                throw ProblemException.of(
                        422,
                        new Rejection(CallInRejections.UNKNOWN_SIP, "/sipId", "no SIP of this person has this id"));
            }
        }
        CallIn.Outcome outcome = current.complete(completion, now());
        if (!outcome.accepted()) {
            throw ProblemException.of(
                    outcome.conflict() ? 409 : 422, "The call-in completion was refused", outcome.rejections());
        }
        CallIn completed = outcome.callIn();
        if (!store.update(completed)) {
            throw ProblemException.of(
                    409,
                    new Rejection(
                            CallInRejections.NOT_OPEN, "/status", "the call-in task changed meanwhile; read it again"));
        }
        events.completed(completed);
        return completed;
    }

    /** The clock at PostgreSQL's precision, so stored columns, documents and CloudEvent times agree. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @ReadOnly
    public CallIn get(UUID id) {
        return store.find(id).orElseThrow(CallInService::notFound);
    }

    /** Filters of a search; null = any. {@code transitionTaskId}: the task of that transition clock. */
    public record Search(String unit, String kommun, String status, UUID transitionTaskId) {}

    @ReadOnly
    public List<CallInDocument> search(Search filters, int limit, int offset) {
        return store.search(
                filters.unit(), filters.kommun(), filters.status(), filters.transitionTaskId(), limit, offset);
    }

    private void requireUpdated(CallIn c) {
        if (!store.update(c)) {
            // Another writer (a completion over HTTP) changed the task first: roll back and let the
            // consumer retry the event against the new state.
            throw new IllegalStateException("call-in task " + c.id() + " changed concurrently");
        }
    }

    static ProblemException notFound() {
        return ProblemException.of(
                404, new Rejection(CallInRejections.NOT_FOUND, "/id", "no call-in task with this id"));
    }
}
