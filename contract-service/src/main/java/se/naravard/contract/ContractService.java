package se.naravard.contract;

import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import se.naravard.contract.ContractCommands.Create;
import se.naravard.contract.ContractCommands.TargetStatus;
import se.naravard.contract.document.Docs.ContractDocument;
import se.naravard.contract.document.Docs.ReviewDoc;
import se.naravard.contract.events.ContractEventPublisher;
import se.naravard.contract.model.Actor;
import se.naravard.contract.model.Change;
import se.naravard.contract.model.Contract;
import se.naravard.contract.model.ContractId;
import se.naravard.contract.model.ContractRejections;
import se.naravard.contract.model.Decision;
import se.naravard.contract.model.Part;
import se.naravard.contract.model.Review;
import se.naravard.contract.store.ContractStore;
import se.naravard.contract.store.ContractVersionRow;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.web.ProblemException;

/**
 * The use cases of the patientkontrakt. Each public method is one transaction: load, ask the domain,
 * store the new version and append its event to the outbox, return. A refusal throws a
 * {@link ProblemException}, which rolls the transaction back: nothing is half-written.
 */
@Singleton
public class ContractService {

    /** Codes of refusals made here rather than in the domain. */
    public static final String NOT_FOUND = "CONTRACT-034";

    public static final String STALE_VERSION = "CONTRACT-030";

    private static final Set<String> CONFLICTS =
            Set.of(ContractRejections.CONTRACT_CLOSED.code(), ContractRejections.ILLEGAL_STATUS_CHANGE.code());
    private static final Set<String> FORBIDDEN = Set.of(
            ContractRejections.NOT_OWNER_OR_DELEGATE.code(), ContractRejections.ONLY_OWNER_MAY_CHANGE_OWNERSHIP.code());

    private final ContractStore store;
    private final ContractEventPublisher events;
    private final Clock clock;

    public ContractService(ContractStore store, ContractEventPublisher events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    @Transactional
    public Contract create(Create command) {
        Decision.Accepted accepted = accept(Contract.draft(
                ContractId.newId(), command.patient(), command.kommun(), command.parts(), command.change()));
        store.insert(accepted.contract(), accepted.event().typeName());
        publish(accepted);
        return accepted.contract();
    }

    @Transactional
    public Contract putPart(ContractId id, int expectedVersion, Part part, Change change) {
        Contract current = load(id, expectedVersion);
        return save(accept(current.putPart(part, change)));
    }

    @Transactional
    public Contract changeStatus(ContractId id, int expectedVersion, TargetStatus target, Change change) {
        Contract current = load(id, expectedVersion);
        Decision decision =
                switch (target) {
                    case ACTIVE -> current.activate(change);
                    case COMPLETED -> current.complete(change);
                    case REVOKED -> current.revoke(change);
                    case ENTERED_IN_ERROR -> current.markEnteredInError(change);
                };
        return save(accept(decision));
    }

    /**
     * Records a granskning of {@code version} (the current version when null). The contract does not
     * change; the review is stored and announced as {@code contract-reviewed}.
     */
    @Transactional
    public Review review(ContractId id, Integer version, Actor reviewer, String comment) {
        Contract current = store.find(id).orElseThrow(() -> notFound());
        Contract reviewed = version == null || version == current.version()
                ? current
                : store.version(id, version)
                        .map(se.naravard.contract.document.ContractDocuments::fromDocument)
                        .orElseThrow(() -> ProblemException.of(
                                404, new Rejection(NOT_FOUND, "/version", "the contract has no such version")));
        Review review = Review.of(reviewed, reviewer, clock.instant(), comment);
        store.insert(review);
        events.publish(current, review.reviewed(), reviewer, review.at(), comment);
        return review;
    }

    @ReadOnly
    public Contract get(ContractId id) {
        return store.find(id).orElseThrow(() -> notFound());
    }

    @ReadOnly
    public ContractDocument version(ContractId id, int version) {
        return store.version(id, version).orElseThrow(() -> notFound());
    }

    /** One entry of a contract's history: the version, its status, and who/when/why. */
    public record VersionEntry(
            int version, String status, String event, java.time.Instant changedAt, Actor changedBy, String reason) {}

    @ReadOnly
    public List<VersionEntry> versions(ContractId id) {
        List<ContractVersionRow> all = store.versions(id);
        if (all.isEmpty()) {
            throw notFound();
        }
        return all.stream()
                .map(v -> new VersionEntry(
                        v.version(),
                        v.status(),
                        v.eventType(),
                        v.changedAt(),
                        new Actor(
                                se.naravard.platform.identity.HsaId.of(v.actorPerson()),
                                se.naravard.platform.identity.HsaId.of(v.actorUnit())),
                        v.reason()))
                .toList();
    }

    @ReadOnly
    public List<ReviewDoc> reviews(ContractId id) {
        get(id);
        return store.reviews(id);
    }

    @ReadOnly
    public List<ContractDocument> search(
            String patient, String patientKey, String status, String unit, int limit, int offset) {
        return store.search(patient, patientKey, status, unit, limit, offset);
    }

    private Contract load(ContractId id, int expectedVersion) {
        Contract current = store.find(id).orElseThrow(() -> notFound());
        if (current.version() != expectedVersion) {
            throw stale(current.version());
        }
        return current;
    }

    private Contract save(Decision.Accepted accepted) {
        if (!store.update(accepted.contract(), accepted.event().typeName())) {
            throw stale(accepted.contract().version() - 1);
        }
        publish(accepted);
        return accepted.contract();
    }

    private void publish(Decision.Accepted accepted) {
        Change change = accepted.contract().lastChange();
        events.publish(accepted.contract(), accepted.event(), change.actor(), change.at(), change.reason());
    }

    private static Decision.Accepted accept(Decision decision) {
        if (decision instanceof Decision.Accepted accepted) {
            return accepted;
        }
        List<Rejection> rejections = ((Decision.Rejected) decision).rejections();
        String code = rejections.get(0).code();
        int status = CONFLICTS.contains(code) ? 409 : FORBIDDEN.contains(code) ? 403 : 422;
        throw ProblemException.of(status, "The contract change was refused", rejections);
    }

    private static ProblemException notFound() {
        return ProblemException.of(404, new Rejection(NOT_FOUND, "/id", "no contract with this id"));
    }

    private static ProblemException stale(int currentVersion) {
        return ProblemException.of(
                412,
                new Rejection(
                        STALE_VERSION,
                        "If-Match",
                        "the contract has changed since that version; the current version is " + currentVersion));
    }
}
