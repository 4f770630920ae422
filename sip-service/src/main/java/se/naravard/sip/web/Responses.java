package se.naravard.sip.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import se.naravard.sip.document.Docs.ActorDoc;
import se.naravard.sip.document.Docs.SipDocument;

/** Response bodies that are not a SIP document themselves. */
public final class Responses {

    private Responses() {}

    /** One entry of a SIP's history. */
    @Serdeable
    public record VersionSummary(
            int version, String status, String event, String changedAt, ActorDoc changedBy, @Nullable String reason) {}

    @Serdeable
    public record VersionList(String sipId, List<VersionSummary> versions) {}

    /** A page of SIPs; {@code nextOffset} is null on the last page. */
    @Serdeable
    public record SipPage(List<SipDocument> sips, int offset, @Nullable Integer nextOffset) {}
}
