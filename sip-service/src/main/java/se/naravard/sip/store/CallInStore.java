package se.naravard.sip.store;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import se.naravard.platform.events.PatientKeys;
import se.naravard.sip.callin.CallIn;
import se.naravard.sip.document.CallInDocs;
import se.naravard.sip.document.CallInDocs.CallInDocument;

/** Stores call-in tasks and the newest episode version applied. Callers run inside a transaction. */
@Singleton
public class CallInStore {

    private final CallInRepository callIns;
    private final EpisodeSeenRepository seen;
    private final SipRepository sips;
    private final PatientKeys patientKeys;
    private final JsonMapper json;

    public CallInStore(
            CallInRepository callIns,
            EpisodeSeenRepository seen,
            SipRepository sips,
            PatientKeys patientKeys,
            JsonMapper json) {
        this.callIns = callIns;
        this.seen = seen;
        this.sips = sips;
        this.patientKeys = patientKeys;
        this.json = json;
    }

    /** True if {@code version} is newer than every version of the episode applied before (and is now the newest). */
    public boolean advanceEpisode(UUID episodeId, long version, Instant at) {
        return seen.advance(episodeId, version, at) > 0;
    }

    public Optional<CallIn> find(UUID id) {
        return callIns.findById(id).map(this::fromRow);
    }

    public List<CallIn> ofEpisode(UUID episodeId) {
        return callIns.findByEpisodeId(episodeId).stream().map(this::fromRow).toList();
    }

    public List<CallInDocument> search(
            String unit, String kommun, String status, UUID transitionTaskId, int limit, int offset) {
        return callIns.search(unit, kommun, status, transitionTaskId, limit, offset).stream()
                .map(row -> read(row.document()))
                .toList();
    }

    /** The id of the person's SIP that is still draft or active, if any. */
    public Optional<UUID> openSipOf(String system, String value) {
        return sips.findOpenForPerson(system, value).map(SipRow::id);
    }

    public String patientKey(CallIn c) {
        return patientKeys.keyFor(c.personSystem(), c.personValue());
    }

    public void insert(CallIn c) {
        callIns.save(new CallInRow(
                c.id(),
                c.transitionTaskId(),
                c.episodeId(),
                c.noticeMessageId(),
                c.personSystem(),
                c.personValue(),
                patientKey(c),
                c.kommun(),
                c.dueAt(),
                c.status().code(),
                c.sipId(),
                c.completedAt(),
                c.completedByPerson(),
                c.completedByUnit(),
                c.cancelledAt(),
                c.cancelReason(),
                c.episodeVersion(),
                c.version(),
                write(CallInDocs.toDocument(c)),
                c.createdAt(),
                c.updatedAt()));
    }

    /** Replaces the task, which must still be at {@code c.version() - 1}; false if another writer came first. */
    public boolean update(CallIn c) {
        return callIns.updateIfVersion(
                        c.id(),
                        c.version() - 1,
                        c.version(),
                        c.status().code(),
                        c.sipId(),
                        c.completedAt(),
                        c.completedByPerson(),
                        c.completedByUnit(),
                        c.cancelledAt(),
                        c.cancelReason(),
                        c.episodeVersion(),
                        write(CallInDocs.toDocument(c)),
                        c.updatedAt())
                > 0;
    }

    private CallIn fromRow(CallInRow row) {
        return CallInDocs.fromDocument(read(row.document()));
    }

    private String write(CallInDocument d) {
        try {
            return json.writeValueAsString(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CallInDocument read(String s) {
        try {
            return json.readValue(s, CallInDocument.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored call-in document is unreadable", e);
        }
    }
}
