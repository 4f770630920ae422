package se.naravard.contract.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import se.naravard.contract.document.Docs.ActorDoc;
import se.naravard.contract.document.Docs.ContractDocument;

/** Response bodies that are not a contract or review document themselves. */
public final class Responses {

    private Responses() {}

    /** One entry of a contract's history. */
    @Serdeable
    public record VersionSummary(
            int version, String status, String event, String changedAt, ActorDoc changedBy, @Nullable String reason) {}

    @Serdeable
    public record VersionList(String contractId, List<VersionSummary> versions) {}

    /** A page of contracts; {@code nextOffset} is null on the last page. */
    @Serdeable
    public record ContractPage(List<ContractDocument> contracts, int offset, @Nullable Integer nextOffset) {}
}
