package se.naravard.transition.app;

import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.web.ProblemException;
import se.naravard.transition.TransitionRejections;
import se.naravard.transition.document.EpisodeDocs.EpisodeDocument;
import se.naravard.transition.episode.Admission;
import se.naravard.transition.episode.Change;
import se.naravard.transition.episode.Decision;
import se.naravard.transition.episode.Episode;
import se.naravard.transition.episode.EpisodeEvent;
import se.naravard.transition.episode.EpisodeId;
import se.naravard.transition.episode.EpisodeRules;
import se.naravard.transition.episode.Message;
import se.naravard.transition.episode.MessageId;
import se.naravard.transition.episode.Receipt;
import se.naravard.transition.events.TransitionEventPublisher;
import se.naravard.transition.store.EpisodeStore;
import se.naravard.transition.store.EpisodeStore.Recorder;
import se.naravard.transition.store.EpisodeTaskRow;
import se.naravard.transition.store.EpisodeVersionRow;

/**
 * The use cases of care transitions. Each public method is one transaction: load (locking the
 * episode), ask the domain, store the new version and append its events to the outbox, return. A
 * refusal throws a {@link ProblemException}, which rolls the transaction back: nothing is half-written.
 */
@Singleton
public class EpisodeService {

    /** Codes of refusals made here rather than in the domain (TRANSITION-4xx). */
    public static final String NOT_FOUND = "TRANSITION-401";

    public static final String STALE_VERSION = "TRANSITION-402";
    public static final String MESSAGE_NOT_FOUND = "TRANSITION-408";

    /** Who the deadline clock's versions are attributed to. */
    static final Recorder CLOCK = new Recorder(TransitionEventPublisher.CLOCK, "transition-service");

    private static final Set<String> CONFLICTS = Set.of(
            TransitionRejections.DUPLICATE_MESSAGE.code(),
            TransitionRejections.ALREADY_UTSKRIVNINGSKLAR.code(),
            TransitionRejections.NOTHING_TO_WITHDRAW.code(),
            TransitionRejections.MESSAGE_CANCELLED.code(),
            TransitionRejections.EPISODE_CLOSED.code(),
            TransitionRejections.EPISODE_DISCHARGED.code(),
            TransitionRejections.ALREADY_DISCHARGED.code());

    private final EpisodeStore store;
    private final TransitionEventPublisher events;
    private final EpisodeRules rules;
    private final Clock clock;

    public EpisodeService(EpisodeStore store, TransitionEventPublisher events, EpisodeRules rules, Clock clock) {
        this.store = store;
        this.events = events;
        this.rules = rules;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * What a write returns: the episode now, whether this call changed it (false: a replay), and its
     * document as JSON when the write produced it (null for a replay), so it is serialized once.
     */
    public record Written(Episode episode, boolean changed, String json) {}

    @Transactional
    public Written admit(Admission admission, Change change) {
        var accepted = accept(Episode.admit(admission, change, rules));
        String json =
                store.insert(accepted.episode(), types(accepted.events()), Recorder.of(change.actor(), change.unit()));
        events.publish(accepted.episode(), json, accepted.events(), change.at(), false);
        return new Written(accepted.episode(), true, json);
    }

    /**
     * Records a sent message. Sending the same message again (same id and content) is a replay and
     * changes nothing, so a journal system may safely retry; the same id with other content is refused.
     */
    @Transactional
    public Written send(EpisodeId id, Integer expectedVersion, Message message, Change change) {
        Episode current = load(id, expectedVersion);
        var existing = current.message(message.id());
        if (existing.isPresent() && sameMessage(existing.get(), message)) {
            return new Written(current, false, null);
        }
        return save(current, accept(current.send(message, change)), change);
    }

    @Transactional
    public Written recordReceipt(EpisodeId id, MessageId messageId, Receipt receipt, Change change) {
        Episode current = load(id, null);
        var message = current.message(messageId)
                .orElseThrow(() -> ProblemException.of(
                        404, new Rejection(MESSAGE_NOT_FOUND, "/messageId", "the episode has no such message")));
        if (message.receipts().contains(receipt)) {
            return new Written(current, false, null);
        }
        return save(current, accept(current.recordReceipt(messageId, receipt, change)), change);
    }

    @Transactional
    public Written discharge(EpisodeId id, Integer expectedVersion, Instant at, Change change) {
        Episode current = load(id, expectedVersion);
        return save(current, accept(current.discharge(at, change)), change);
    }

    /**
     * One step of the deadline clock: up to {@code limit} episodes with an overdue open task, each
     * swept at {@code now} (its tasks become missed, each with a {@code deadline-missed} event).
     * Episodes locked by a request or another instance are skipped and taken on the next tick.
     *
     * @return how many episodes were locked, and how many of them changed
     */
    @Transactional
    public Swept sweepDue(Instant now, int limit) {
        List<Episode> due = store.lockDue(now, limit);
        int changed = 0;
        for (Episode episode : due) {
            var accepted = accept(episode.sweep(now));
            if (accepted.events().isEmpty()) {
                continue;
            }
            changed++;
            String json = store.update(episode, accepted.episode(), types(accepted.events()), CLOCK, now)
                    .orElseThrow(() -> changedUnderLock(episode));
            events.publish(accepted.episode(), json, accepted.events(), now, true);
        }
        return new Swept(due.size(), changed);
    }

    /** The result of one {@link #sweepDue} batch. */
    public record Swept(int locked, int changed) {}

    @ReadOnly
    public Episode get(EpisodeId id) {
        return store.find(id).orElseThrow(EpisodeService::notFound);
    }

    @ReadOnly
    public EpisodeDocument version(EpisodeId id, int version) {
        return store.version(id, version).orElseThrow(EpisodeService::notFound);
    }

    /** One entry of an episode's history: the version, its status, what happened, who and when. */
    public record VersionEntry(
            int version, String status, List<String> events, Instant changedAt, String actorPerson, String actorUnit) {}

    @ReadOnly
    public List<VersionEntry> versions(EpisodeId id) {
        List<EpisodeVersionRow> all = store.versions(id);
        if (all.isEmpty()) {
            throw notFound();
        }
        return all.stream()
                .map(v -> new VersionEntry(
                        v.version(),
                        v.status(),
                        List.of(v.eventTypes()),
                        v.changedAt(),
                        v.actorPerson(),
                        v.actorUnit()))
                .toList();
    }

    /** A deadline task as listed across episodes. */
    public record TaskEntry(
            UUID id,
            UUID episodeId,
            String kind,
            String state,
            Instant dueAt,
            String kommun,
            String addressee,
            UUID trigger,
            UUID fulfilledBy) {}

    /**
     * What an episode search filters on; null = any, filters are combined with AND. {@code messageId}
     * and {@code taskId} name the one episode that holds that message or deadline task.
     */
    public record Filter(
            String patient,
            String patientKey,
            String kommun,
            String status,
            String unit,
            UUID messageId,
            UUID taskId) {}

    @ReadOnly
    public List<Episode> search(Filter f, int limit, int offset) {
        return store.search(
                f.patient(),
                f.patientKey(),
                f.kommun(),
                f.status(),
                f.unit(),
                f.messageId(),
                f.taskId(),
                limit,
                offset);
    }

    @ReadOnly
    public List<TaskEntry> tasks(String kommun, String state, String kind, String addressee, int limit, int offset) {
        return store.tasks(kommun, state, kind, addressee, limit, offset).stream()
                .map(EpisodeService::entry)
                .toList();
    }

    private static TaskEntry entry(EpisodeTaskRow t) {
        return new TaskEntry(
                t.id(),
                t.episodeId(),
                t.kind(),
                t.state(),
                t.dueAt(),
                t.kommun(),
                t.addressee(),
                t.triggerId(),
                t.fulfilledBy());
    }

    private Episode load(EpisodeId id, Integer expectedVersion) {
        Episode current = store.findForUpdate(id).orElseThrow(EpisodeService::notFound);
        if (expectedVersion != null && current.version() != expectedVersion) {
            throw ProblemException.of(
                    412,
                    new Rejection(
                            STALE_VERSION,
                            "If-Match",
                            "the episode has changed since that version; the current version is " + current.version()));
        }
        return current;
    }

    private Written save(Episode before, Decision.Accepted accepted, Change change) {
        var episode = accepted.episode();
        String json = store.update(
                        before,
                        episode,
                        types(accepted.events()),
                        Recorder.of(change.actor(), change.unit()),
                        change.at())
                .orElseThrow(() -> changedUnderLock(episode));
        events.publish(episode, json, accepted.events(), change.at(), false);
        return new Written(episode, true, json);
    }

    private static IllegalStateException changedUnderLock(Episode e) {
        return new IllegalStateException("episode " + e.id().value() + " changed under its row lock");
    }

    private static boolean sameMessage(Message stored, Message sent) {
        return stored.type() == sent.type()
                && stored.sentAt().equals(sent.sentAt())
                && stored.sender().equals(sent.sender())
                && stored.addressees().equals(sent.addressees())
                && Objects.equals(stored.refersTo(), sent.refersTo());
    }

    private static List<String> types(List<EpisodeEvent> events) {
        return events.stream().map(EpisodeEvent::typeName).toList();
    }

    private static Decision.Accepted accept(Decision decision) {
        if (decision instanceof Decision.Accepted accepted) {
            return accepted;
        }
        List<Rejection> rejections = ((Decision.Rejected) decision).rejections();
        int status = CONFLICTS.contains(rejections.get(0).code()) ? 409 : 422;
        throw ProblemException.of(status, "The care-transition change was refused", rejections);
    }

    static ProblemException notFound() {
        return ProblemException.of(404, new Rejection(NOT_FOUND, "/id", "no episode with this id"));
    }
}
