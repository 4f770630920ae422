package se.naravard.contract.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import se.naravard.contract.document.Docs.ActorDoc;
import se.naravard.contract.document.Docs.ContractDocument;

/**
 * The payload of every {@code se.naravard.contract.*.v1} event: the contract's full state after the
 * change (event-carried state transfer) and what changed. See docs/events.md.
 *
 * @param event the event name, e.g. {@code contract-part-changed}
 * @param contract the contract after the change
 * @param change what this event changed
 */
@Serdeable
public record ContractEventPayload(String event, ContractDocument contract, Change change) {

    /**
     * @param at when
     * @param actor who (HSA-ids of the person and the care unit)
     * @param reason why, when given
     * @param part the part's slug, for {@code contract-part-changed}
     * @param removed whether the part was removed, for {@code contract-part-changed}
     * @param reviewId the granskning, for {@code contract-reviewed}
     * @param reviewedVersion the version reviewed, for {@code contract-reviewed}
     * @param passed whether every check passed, for {@code contract-reviewed}
     * @param failedChecks checks that failed, for {@code contract-reviewed}
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(
            String at,
            ActorDoc actor,
            @Nullable String reason,
            @Nullable String part,
            @Nullable Boolean removed,
            @Nullable String reviewId,
            @Nullable Integer reviewedVersion,
            @Nullable Boolean passed,
            @Nullable List<String> failedChecks) {}
}
