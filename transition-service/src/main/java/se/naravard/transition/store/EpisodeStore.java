package se.naravard.transition.store;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.events.PatientKeys;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.web.ProblemException;
import se.naravard.transition.TransitionRejections;
import se.naravard.transition.deadline.DeadlineState;
import se.naravard.transition.document.Codes;
import se.naravard.transition.document.EpisodeDocs.EpisodeDocument;
import se.naravard.transition.document.EpisodeDocuments;
import se.naravard.transition.episode.Addressee;
import se.naravard.transition.episode.DeadlineTask;
import se.naravard.transition.episode.Episode;
import se.naravard.transition.episode.EpisodeId;
import se.naravard.transition.episode.EpisodeRules;
import se.naravard.transition.episode.Message;
import se.naravard.transition.episode.MessageId;
import se.naravard.transition.episode.MessageType;

/**
 * Stores episodes as rows: the current version in {@code episode} with its tasks in {@code
 * episode_task} and its message ids in {@code episode_message}, every version in {@code
 * episode_version}. Callers run inside the use case's transaction.
 */
@Singleton
public class EpisodeStore {

    /** Who a version is attributed to when no person made it. */
    public record Recorder(String person, String unit) {
        public static Recorder of(HsaId person, HsaId unit) {
            return new Recorder(person.value(), unit.value());
        }
    }

    private final EpisodeRepository episodes;
    private final EpisodeVersionRepository versions;
    private final EpisodeTaskRepository tasks;
    private final EpisodeMessageRepository messageIds;
    private final PatientKeys patientKeys;
    private final JsonMapper json;
    private final EpisodeRules rules;

    public EpisodeStore(
            EpisodeRepository episodes,
            EpisodeVersionRepository versions,
            EpisodeTaskRepository tasks,
            EpisodeMessageRepository messageIds,
            PatientKeys patientKeys,
            JsonMapper json,
            EpisodeRules rules) {
        this.episodes = episodes;
        this.versions = versions;
        this.tasks = tasks;
        this.messageIds = messageIds;
        this.patientKeys = patientKeys;
        this.json = json;
        this.rules = rules;
    }

    public Optional<Episode> find(EpisodeId id) {
        return episodes.findById(id.value()).map(this::episode);
    }

    /** The current version, locked until the transaction ends. */
    public Optional<Episode> findForUpdate(EpisodeId id) {
        return episodes.findForUpdate(id.value()).map(this::episode);
    }

    /** Up to {@code limit} episodes with a task overdue at {@code now}, locked (skipping locked ones). */
    public List<Episode> lockDue(Instant now, int limit) {
        return episodes.lockDue(now, limit).stream().map(this::episode).toList();
    }

    /** Stores version 1; returns its document as JSON (what the API answers and events carry). */
    public String insert(Episode e, List<String> eventTypes, Recorder by) {
        String document = write(EpisodeDocuments.toDocument(e));
        var a = e.admission();
        episodes.save(new EpisodeRow(
                a.id().value(),
                a.patient().system(),
                a.patient().value(),
                patientKeys.keyFor(a.patient().system(), a.patient().value()),
                a.kommun().value(),
                a.admittingUnit().value(),
                statusCode(e),
                e.version(),
                nextDueAt(e),
                readySince(e),
                e.leftAt(),
                addresseeUnits(e),
                document,
                a.admittedAt(),
                e.lastChange().at(),
                e.lastChange().at()));
        appendVersion(e, eventTypes, by, e.lastChange().at(), document);
        writeTasks(List.of(), e, e.lastChange().at());
        writeMessageIds(List.of(), e);
        return document;
    }

    /**
     * Replaces the current version {@code before} by {@code e}, which must still be stored as {@code
     * e.version() - 1}; {@code at} is when the change was recorded. Only the task rows that changed
     * are written.
     *
     * @return the new version's document as JSON, or empty when another writer changed the episode
     *     first (nothing is written)
     */
    public Optional<String> update(Episode before, Episode e, List<String> eventTypes, Recorder by, Instant at) {
        String document = write(EpisodeDocuments.toDocument(e));
        long changed = episodes.updateIfVersion(
                e.id().value(),
                e.version() - 1,
                e.version(),
                statusCode(e),
                nextDueAt(e),
                readySince(e),
                e.leftAt(),
                addresseeUnits(e),
                document,
                at);
        if (changed == 0) {
            return Optional.empty();
        }
        appendVersion(e, eventTypes, by, at, document);
        writeTasks(before.tasks(), e, at);
        writeMessageIds(before.messages(), e);
        return Optional.of(document);
    }

    public Optional<EpisodeDocument> version(EpisodeId id, int version) {
        return versions.findByEpisodeIdAndVersion(id.value(), version).map(v -> read(v.document()));
    }

    public List<EpisodeVersionRow> versions(EpisodeId id) {
        return versions.findByEpisodeIdOrderByVersion(id.value());
    }

    /** Episodes matching every filter given (null = any); see {@link EpisodeRepository#search}. */
    public List<Episode> search(
            String patient,
            String patientKey,
            String kommun,
            String status,
            String unit,
            UUID messageId,
            UUID taskId,
            int limit,
            int offset) {
        return episodes.search(patient, patientKey, kommun, status, unit, messageId, taskId, limit, offset).stream()
                .map(this::episode)
                .toList();
    }

    public List<EpisodeTaskRow> tasks(
            String kommun, String state, String kind, String addressee, int limit, int offset) {
        return tasks.search(kommun, state, kind, addressee, limit, offset);
    }

    /** Episodes of {@code kommun} that can have a liable day in [from, to). */
    public List<Episode> liableCandidates(String kommun, Instant from, Instant to) {
        return episodes.liableCandidates(kommun, from, to).stream()
                .map(this::episode)
                .toList();
    }

    private void appendVersion(Episode e, List<String> eventTypes, Recorder by, Instant at, String document) {
        versions.save(new EpisodeVersionRow(
                null,
                e.id().value(),
                e.version(),
                statusCode(e),
                eventTypes.toArray(String[]::new),
                by.person(),
                by.unit(),
                at,
                document));
    }

    /** Brings the task rows from {@code before} to the tasks of {@code e}: inserts, updates, deletes. */
    private void writeTasks(List<DeadlineTask> before, Episode e, Instant at) {
        Map<UUID, EpisodeTaskRow> old = new HashMap<>();
        for (DeadlineTask t : before) {
            var row = row(e, t, at);
            old.put(row.id(), row);
        }
        var inserts = new ArrayList<EpisodeTaskRow>();
        var updates = new ArrayList<EpisodeTaskRow>();
        for (DeadlineTask t : e.tasks()) {
            var row = row(e, t, at);
            var was = old.remove(row.id());
            if (was == null) {
                inserts.add(row);
            } else if (!sameState(was, row)) {
                updates.add(row);
            }
        }
        if (!inserts.isEmpty()) {
            tasks.saveAll(inserts);
        }
        if (!updates.isEmpty()) {
            tasks.updateAll(updates);
        }
        if (!old.isEmpty()) {
            tasks.deleteByIdIn(List.copyOf(old.keySet()));
        }
    }

    /**
     * Records which episode holds each message {@code e} adds to {@code before} (messages are only
     * ever appended). A message id held by another episode is refused: ids are unique across
     * episodes so that a message can be found by its id alone; the refusal rolls the write back.
     */
    private void writeMessageIds(List<Message> before, Episode e) {
        if (e.messages().size() == before.size()) {
            return;
        }
        Set<MessageId> known = new HashSet<>();
        before.forEach(m -> known.add(m.id()));
        for (Message m : e.messages()) {
            if (!known.contains(m.id()) && messageIds.insertIfAbsent(m.id().value(), e.id().value()) == 0) {
                throw ProblemException.of(
                        409,
                        new Rejection(
                                TransitionRejections.DUPLICATE_MESSAGE.code(),
                                "/id",
                                "a message with this id is recorded in another episode"));
            }
        }
    }

    private static EpisodeTaskRow row(Episode e, DeadlineTask t, Instant at) {
        return new EpisodeTaskRow(
                EpisodeDocuments.taskId(e.id(), t),
                e.id().value(),
                Codes.of(t.kind()),
                Codes.of(t.state().kind()),
                t.dueAt(),
                e.admission().kommun().value(),
                t.addressee() == null ? null : t.addressee().value(),
                t.trigger() == null ? null : t.trigger().value(),
                t.fulfilledBy() == null ? null : t.fulfilledBy().value(),
                at);
    }

    private static boolean sameState(EpisodeTaskRow a, EpisodeTaskRow b) {
        return a.state().equals(b.state()) && Objects.equals(a.fulfilledBy(), b.fulfilledBy());
    }

    private static String statusCode(Episode e) {
        return Codes.of(e.status().kind());
    }

    /** When the deadline clock must look at this episode next: its earliest open task. */
    static Instant nextDueAt(Episode e) {
        return e.tasks().stream()
                .filter(t -> t.state().kind() == DeadlineState.Kind.OPEN)
                .map(DeadlineTask::dueAt)
                .min(Comparator.naturalOrder())
                .orElse(null);
    }

    private static Instant readySince(Episode e) {
        return e.messages().stream()
                .filter(m -> !m.isCancelled() && m.type() == MessageType.UTSKRIVNINGSKLAR)
                .map(Message::sentAt)
                .findFirst()
                .orElse(null);
    }

    private static String[] addresseeUnits(Episode e) {
        Set<String> units = new LinkedHashSet<>();
        for (Message m : e.messages()) {
            for (Addressee a : m.addressees()) {
                units.add(a.unit().value());
            }
        }
        return units.toArray(String[]::new);
    }

    private Episode episode(EpisodeRow row) {
        return EpisodeDocuments.fromDocument(read(row.document()), rules);
    }

    private String write(EpisodeDocument d) {
        try {
            return json.writeValueAsString(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public EpisodeDocument read(String s) {
        try {
            return json.readValue(s, EpisodeDocument.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored episode document is unreadable", e);
        }
    }
}
