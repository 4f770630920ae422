package se.naravard.contract.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import se.naravard.contract.model.ContractEvent.ContractActivated;
import se.naravard.contract.model.ContractEvent.ContractCompleted;
import se.naravard.contract.model.ContractEvent.ContractDrafted;
import se.naravard.contract.model.ContractEvent.ContractEnteredInError;
import se.naravard.contract.model.ContractEvent.ContractPartChanged;
import se.naravard.contract.model.ContractEvent.ContractRevoked;
import se.naravard.contract.model.ContractStatus.Active;
import se.naravard.contract.model.ContractStatus.Completed;
import se.naravard.contract.model.ContractStatus.Draft;
import se.naravard.contract.model.ContractStatus.EnteredInError;
import se.naravard.contract.model.ContractStatus.Kind;
import se.naravard.contract.model.ContractStatus.Revoked;
import se.naravard.contract.model.Decision.Accepted;
import se.naravard.contract.model.Decision.Rejected;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.platform.identity.PatientIdentifier;

/**
 * A patientkontrakt: the agreement between a patient and their care about what happens, when, and
 * whom to contact (SKR "Patientkontrakt"; not a contract in law). One immutable version: every
 * accepted change returns a new version numbered one higher, with who/when/why in {@code lastChange}.
 *
 * @param kommun the patient's municipality of residence
 * @param parts at most one part of each {@link PartType}
 * @param created who drew up version 1, when and why
 * @param lastChange who made this version, when and why
 */
public record Contract(
        ContractId id,
        PatientIdentifier patient,
        Kommunkod kommun,
        int version,
        ContractStatus status,
        Map<PartType, Part> parts,
        Change created,
        Change lastChange) {

    public Contract {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(kommun, "kommun");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastChange, "lastChange");
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1, was " + version);
        }
        var copy = new EnumMap<PartType, Part>(PartType.class);
        parts.forEach((type, part) -> {
            if (part.type() != type) {
                throw new IllegalArgumentException(part.type() + " stored under " + type);
            }
            copy.put(type, part);
        });
        parts = Collections.unmodifiableMap(copy);
    }

    /** Draws up version 1 of a new contract. The creator's unit must own or be a delegate of each part. */
    public static Decision draft(
            ContractId id, PatientIdentifier patient, Kommunkod kommun, List<Part> initialParts, Change change) {
        var rejections = new ArrayList<>(reasonTooLong(change));
        var parts = new EnumMap<PartType, Part>(PartType.class);
        for (Part part : initialParts) {
            Part stamped = withCompletions(part, Optional.empty(), change, change.at(), rejections);
            if (parts.putIfAbsent(part.type(), stamped) != null) {
                rejections.add(ContractRejections.DUPLICATE_PART.at(
                        part.type().pointer(), "the part " + part.type().slug() + " is given twice"));
            } else {
                rejections.addAll(admit(Optional.empty(), part, change.actor()));
            }
        }
        if (!rejections.isEmpty()) {
            return new Rejected(rejections);
        }
        var contract = new Contract(id, patient, kommun, 1, new Draft(), parts, change, change);
        return new Accepted(contract, new ContractDrafted(List.copyOf(parts.keySet())));
    }

    public Optional<Part> part(PartType type) {
        return Optional.ofNullable(parts.get(type));
    }

    /**
     * Creates or replaces a part. A change to an active contract makes it revised: still in force,
     * awaiting the patient's agreement again. Storing a part equal to the current one is accepted as a
     * new version (who/when/why are recorded) but does not revise an active contract, since nothing
     * the patient agreed to has changed.
     */
    public Decision putPart(Part proposed, Change change) {
        Objects.requireNonNull(proposed, "part");
        if (status.isClosed()) {
            return closed(proposed.type());
        }
        var existing = part(proposed.type());
        var rejections = admit(existing, proposed, change.actor());
        Part part = withCompletions(proposed, existing, change, created.at(), rejections);
        if (!rejections.isEmpty()) {
            return new Rejected(rejections);
        }
        var next = new EnumMap<>(parts);
        next.put(part.type(), part);
        var nextStatus = existing.filter(part::equals).isPresent() ? status : afterPartChange();
        return accept(nextStatus, next, change, new ContractPartChanged(part.type(), false));
    }

    /** Takes a part away; the same ownership rule as for changing it. */
    public Decision removePart(PartType type, Change change) {
        Objects.requireNonNull(type, "type");
        if (status.isClosed()) {
            return closed(type);
        }
        var existing = part(type);
        if (existing.isEmpty()) {
            return rejected(
                    ContractRejections.PART_NOT_PRESENT.at(type.pointer(), "the contract has no part " + type.slug()));
        }
        var refusal = OwnershipPolicy.mayRemove(existing.get(), change.actor());
        if (refusal.isPresent()) {
            return rejected(refusal.get());
        }
        var next = new EnumMap<>(parts);
        next.remove(type);
        return accept(afterPartChange(), next, change, new ContractPartChanged(type, true));
    }

    /**
     * Records that the patient agreed to this version; {@code change.actor()} is who agreed it with
     * them. An agreement about nothing is no agreement, so the planning must hold a goal.
     */
    public Decision activate(Change change) {
        return switch (status.kind()) {
            case DRAFT, REVISED -> hasPatientGoal()
                    ? accept(
                            new Active(change.at(), change.actor()),
                            change,
                            new ContractActivated(change.at(), change.actor()))
                    : rejected(ContractRejections.GOAL_REQUIRED_FOR_AGREEMENT.at(
                            PartType.PLANNING.pointer() + "/goals",
                            "a contract is agreed only when the planning holds at least one goal of the patient"));
            case ACTIVE, COMPLETED, REVOKED, ENTERED_IN_ERROR -> illegal(Kind.ACTIVE);
        };
    }

    public Decision complete(Change change) {
        return switch (status.kind()) {
            case ACTIVE, REVISED -> accept(new Completed(change.at()), change, new ContractCompleted());
            case DRAFT, COMPLETED, REVOKED, ENTERED_IN_ERROR -> illegal(Kind.COMPLETED);
        };
    }

    /** Withdraws the contract; {@code change.reason()} is required. */
    public Decision revoke(Change change) {
        return switch (status.kind()) {
            case DRAFT, ACTIVE, REVISED -> withReason(
                    change, reason -> accept(new Revoked(change.at(), reason), change, new ContractRevoked(reason)));
            case COMPLETED, REVOKED, ENTERED_IN_ERROR -> illegal(Kind.REVOKED);
        };
    }

    /** Marks a contract that should never have existed; allowed even when completed or revoked. */
    public Decision markEnteredInError(Change change) {
        return switch (status.kind()) {
            case DRAFT, ACTIVE, REVISED, COMPLETED, REVOKED -> withReason(
                    change,
                    reason -> accept(
                            new EnteredInError(change.at(), reason), change, new ContractEnteredInError(reason)));
            case ENTERED_IN_ERROR -> illegal(Kind.ENTERED_IN_ERROR);
        };
    }

    /**
     * Nästa steg with each done step's completion time ({@link NextSteps#withCompletions}); any other
     * part as it is. The time of a step that was done in the {@code existing} part is kept.
     */
    private static Part withCompletions(
            Part part, Optional<Part> existing, Change change, Instant existedFrom, List<Rejection> out) {
        if (part instanceof NextSteps steps) {
            return steps.withCompletions(existing.map(NextSteps.class::cast), change.at(), existedFrom, out);
        }
        return part;
    }

    private boolean hasPatientGoal() {
        return part(PartType.PLANNING).map(p -> ((Planning) p).hasGoal()).orElse(false);
    }

    private ContractStatus afterPartChange() {
        return status instanceof Active active ? active.revised() : status;
    }

    private static List<Rejection> admit(Optional<Part> existing, Part part, Actor actor) {
        var refusal = OwnershipPolicy.mayPut(existing, part, actor);
        return refusal.isPresent() ? new ArrayList<>(List.of(refusal.get())) : new ArrayList<>(part.validate());
    }

    private Decision withReason(Change change, Function<String, Decision> then) {
        if (!change.hasReason()) {
            return rejected(ContractRejections.REASON_REQUIRED.at("/reason", "a reason is required"));
        }
        return then.apply(change.reason());
    }

    /** Every operation records its reason, so every operation bounds its length. */
    private static List<Rejection> reasonTooLong(Change change) {
        var v = new Violations();
        v.optionalText("/reason", change.reason());
        return v.toList();
    }

    private Decision accept(ContractStatus nextStatus, Change change, ContractEvent event) {
        return accept(nextStatus, parts, change, event);
    }

    private Decision accept(
            ContractStatus nextStatus, Map<PartType, Part> nextParts, Change change, ContractEvent event) {
        var tooLong = reasonTooLong(change);
        if (!tooLong.isEmpty()) {
            return new Rejected(tooLong);
        }
        var next = new Contract(id, patient, kommun, version + 1, nextStatus, nextParts, created, change);
        return new Accepted(next, event);
    }

    private Decision closed(PartType type) {
        return rejected(ContractRejections.CONTRACT_CLOSED.at(
                "/status", "the part " + type.slug() + " of a " + status.code() + " contract cannot change"));
    }

    private Decision illegal(Kind to) {
        return rejected(ContractRejections.ILLEGAL_STATUS_CHANGE.at(
                "/status", "illegal status change from " + status.code() + " to " + to.code()));
    }

    private static Decision rejected(Rejection rejection) {
        return new Rejected(List.of(rejection));
    }
}
