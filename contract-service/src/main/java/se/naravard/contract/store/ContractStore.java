package se.naravard.contract.store;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import se.naravard.contract.document.ContractDocuments;
import se.naravard.contract.document.Docs.ContractDocument;
import se.naravard.contract.document.Docs.ReviewDoc;
import se.naravard.contract.model.Contract;
import se.naravard.contract.model.ContractId;
import se.naravard.contract.model.Part;
import se.naravard.contract.model.Review;
import se.naravard.platform.events.PatientKeys;

/**
 * Stores contracts as rows: the current version in {@code contract}, every version in
 * {@code contract_version}. Callers run inside the use case's transaction.
 */
@Singleton
public class ContractStore {

    private final ContractRepository contracts;
    private final ContractVersionRepository versions;
    private final ReviewRepository reviews;
    private final PatientKeys patientKeys;
    private final JsonMapper json;

    public ContractStore(
            ContractRepository contracts,
            ContractVersionRepository versions,
            ReviewRepository reviews,
            PatientKeys patientKeys,
            JsonMapper json) {
        this.contracts = contracts;
        this.versions = versions;
        this.reviews = reviews;
        this.patientKeys = patientKeys;
        this.json = json;
    }

    public Optional<Contract> find(ContractId id) {
        return contracts.findById(id.value()).map(row -> ContractDocuments.fromDocument(read(row.document())));
    }

    public void insert(Contract c, String eventType) {
        String document = write(ContractDocuments.toDocument(c));
        contracts.save(new ContractRow(
                c.id().value(),
                c.patient().system(),
                c.patient().value(),
                patientKeys.keyFor(c.patient().system(), c.patient().value()),
                c.kommun().value(),
                c.status().code(),
                c.version(),
                ownerUnits(c),
                document,
                c.created().at(),
                c.lastChange().at()));
        appendVersion(c, eventType, document);
    }

    /**
     * Replaces the current version, which must still be {@code c.version() - 1}.
     *
     * @return false when another writer changed the contract first (nothing is written)
     */
    public boolean update(Contract c, String eventType) {
        String document = write(ContractDocuments.toDocument(c));
        long changed = contracts.updateIfVersion(
                c.id().value(),
                c.version() - 1,
                c.version(),
                c.status().code(),
                ownerUnits(c),
                document,
                c.lastChange().at());
        if (changed == 0) {
            return false;
        }
        appendVersion(c, eventType, document);
        return true;
    }

    public Optional<ContractDocument> version(ContractId id, int version) {
        return versions.findByContractIdAndVersion(id.value(), version).map(v -> read(v.document()));
    }

    public List<ContractVersionRow> versions(ContractId id) {
        return versions.findByContractIdOrderByVersion(id.value());
    }

    public List<ContractDocument> search(
            String patient, String patientKey, String status, String unit, int limit, int offset) {
        return contracts.search(patient, patientKey, status, unit, limit, offset).stream()
                .map(row -> read(row.document()))
                .toList();
    }

    public void insert(Review r) {
        reviews.save(new ReviewRow(
                r.id(),
                r.contractId().value(),
                r.contractVersion(),
                r.reviewer().person().value(),
                r.reviewer().unit().value(),
                r.at(),
                r.passed(),
                writeReview(ContractDocuments.toDocument(r))));
    }

    public List<ReviewDoc> reviews(ContractId id) {
        return reviews.findByContractIdOrderByReviewedAt(id.value()).stream()
                .map(row -> readReview(row.document()))
                .toList();
    }

    private void appendVersion(Contract c, String eventType, String document) {
        versions.save(new ContractVersionRow(
                null,
                c.id().value(),
                c.version(),
                c.status().code(),
                eventType,
                c.lastChange().actor().person().value(),
                c.lastChange().actor().unit().value(),
                c.lastChange().reason(),
                c.lastChange().at(),
                document));
    }

    private static String[] ownerUnits(Contract c) {
        Set<String> units = new LinkedHashSet<>();
        for (Part p : c.parts().values()) {
            units.add(p.owner().value());
        }
        return units.toArray(String[]::new);
    }

    private String write(ContractDocument d) {
        try {
            return json.writeValueAsString(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ContractDocument read(String s) {
        try {
            return json.readValue(s, ContractDocument.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored contract document is unreadable", e);
        }
    }

    private String writeReview(ReviewDoc d) {
        try {
            return json.writeValueAsString(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ReviewDoc readReview(String s) {
        try {
            return json.readValue(s, ReviewDoc.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored review is unreadable", e);
        }
    }
}
