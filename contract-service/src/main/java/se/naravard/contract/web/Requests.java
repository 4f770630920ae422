package se.naravard.contract.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * Request bodies of the internal REST API. Every command names its {@code actor} (HSA-ids of the
 * person and the care unit acting) and may give a {@code reason}; they become the version's
 * who/when/why. Nested objects (actor, parts) arrive as JSON trees and are read by
 * {@link CommandReader}, so an unknown or mistyped field anywhere is reported with its exact
 * pointer; the framework only ever reports top-level fields.
 */
public final class Requests {

    private Requests() {}

    @Serdeable
    public record CreateContract(
            @Nullable String patient,
            @Nullable String kommun,
            @Nullable Map<String, JsonNode> parts,
            @Nullable JsonNode actor,
            @Nullable String reason) {}

    @Serdeable
    public record PutPart(@Nullable JsonNode part, @Nullable JsonNode actor, @Nullable String reason) {}

    @Serdeable
    public record ChangeStatus(@Nullable String status, @Nullable JsonNode actor, @Nullable String reason) {}

    @Serdeable
    public record AddReview(@Nullable Integer version, @Nullable JsonNode actor, @Nullable String comment) {}

    /**
     * Filters are combined with AND; none given lists every contract, newest change first. {@code
     * patientKey} is the pseudonymous key of the events (docs/events.md), for callers that hold only
     * that.
     */
    @Serdeable
    public record Search(
            @Nullable String patient,
            @Nullable String patientKey,
            @Nullable String ownerUnit,
            @Nullable String status,
            @Nullable Integer limit,
            @Nullable Integer offset) {}

    /**
     * A listing from the region's listing system: {@code person} (personnummer or samordningsnummer)
     * listed with the unit {@code unit} (HSA-id of the vårdcentral) from {@code from} (a date), living in
     * {@code kommun}, in {@code targetGroups} (codes of {@code TargetGroup}; none: an empty list).
     */
    @Serdeable
    public record ListPatient(
            @Nullable String person,
            @Nullable String unit,
            @Nullable String kommun,
            @Nullable String from,
            @Nullable java.util.List<String> targetGroups) {}

    /** The end of a patient's listing: {@code to} is its last day. */
    @Serdeable
    public record EndListing(@Nullable String person, @Nullable String to) {}

    /** A patient's listings by their number, which travels in the body, never in the URL. */
    @Serdeable
    public record ListingSearch(@Nullable String person) {}
}
