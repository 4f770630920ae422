package se.naravard.sip.store;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import se.naravard.platform.events.PatientKeys;
import se.naravard.sip.document.Docs.SipDocument;
import se.naravard.sip.document.SipDocuments;
import se.naravard.sip.model.Sip;
import se.naravard.sip.model.SipId;

/**
 * Stores SIPs as rows: the current version in {@code sip}, every version in {@code sip_version}.
 * Callers run inside the use case's transaction.
 */
@Singleton
public class SipStore {

    private final SipRepository sips;
    private final SipVersionRepository versions;
    private final PatientKeys patientKeys;
    private final JsonMapper json;

    public SipStore(SipRepository sips, SipVersionRepository versions, PatientKeys patientKeys, JsonMapper json) {
        this.sips = sips;
        this.versions = versions;
        this.patientKeys = patientKeys;
        this.json = json;
    }

    public Optional<Sip> find(SipId id) {
        return sips.findById(id.value()).map(row -> SipDocuments.fromDocument(read(row.document())));
    }

    public void insert(Sip s, String eventType) {
        String document = write(SipDocuments.toDocument(s));
        sips.save(new SipRow(
                s.id().value(),
                s.person().system(),
                s.person().value(),
                patientKeys.keyFor(s.person().system(), s.person().value()),
                s.kommun().value(),
                s.status().code(),
                s.version(),
                document,
                s.created().at(),
                s.lastChange().at()));
        appendVersion(s, eventType, document);
    }

    /**
     * Replaces the current version, which must still be {@code s.version() - 1}.
     *
     * @return false when another writer changed the SIP first (nothing is written)
     */
    public boolean update(Sip s, String eventType) {
        String document = write(SipDocuments.toDocument(s));
        long changed = sips.updateIfVersion(
                s.id().value(),
                s.version() - 1,
                s.version(),
                s.status().code(),
                document,
                s.lastChange().at());
        if (changed == 0) {
            return false;
        }
        appendVersion(s, eventType, document);
        return true;
    }

    public Optional<SipDocument> version(SipId id, int version) {
        return versions.findBySipIdAndVersion(id.value(), version).map(v -> read(v.document()));
    }

    public List<SipVersionRow> versions(SipId id) {
        return versions.findBySipIdOrderByVersion(id.value());
    }

    public List<SipDocument> search(
            String patient, String patientKey, String status, String kommun, int limit, int offset) {
        return sips.search(patient, patientKey, status, kommun, limit, offset).stream()
                .map(row -> read(row.document()))
                .toList();
    }

    private void appendVersion(Sip s, String eventType, String document) {
        versions.save(new SipVersionRow(
                null,
                s.id().value(),
                s.version(),
                s.status().code(),
                eventType,
                s.lastChange().person().value(),
                s.lastChange().unit().value(),
                s.lastChange().reason(),
                s.lastChange().at(),
                document));
    }

    private String write(SipDocument d) {
        try {
            return json.writeValueAsString(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SipDocument read(String s) {
        try {
            return json.readValue(s, SipDocument.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored SIP document is unreadable", e);
        }
    }
}
