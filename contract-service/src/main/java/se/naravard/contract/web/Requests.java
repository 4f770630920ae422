package se.naravard.contract.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;
import se.naravard.contract.document.Docs.ActorDoc;

/**
 * Request bodies of the internal REST API. Every command names its {@code actor} (HSA-ids of the
 * person and the care unit acting) and may give a {@code reason}; they become the version's
 * who/when/why. Parts arrive as JSON trees and are read per part type, so an unknown part or field
 * is reported with its exact pointer.
 */
public final class Requests {

    private Requests() {}

    @Serdeable
    public record CreateContract(
            @Nullable String patient,
            @Nullable String kommun,
            @Nullable Map<String, JsonNode> parts,
            @Nullable ActorDoc actor,
            @Nullable String reason) {}

    @Serdeable
    public record PutPart(@Nullable JsonNode part, @Nullable ActorDoc actor, @Nullable String reason) {}

    @Serdeable
    public record ChangeStatus(@Nullable String status, @Nullable ActorDoc actor, @Nullable String reason) {}

    @Serdeable
    public record AddReview(@Nullable Integer version, @Nullable ActorDoc actor, @Nullable String comment) {}

    /** Filters are combined with AND; none given lists every contract, newest change first. */
    @Serdeable
    public record Search(
            @Nullable String patient,
            @Nullable String ownerUnit,
            @Nullable String status,
            @Nullable Integer limit,
            @Nullable Integer offset) {}
}
