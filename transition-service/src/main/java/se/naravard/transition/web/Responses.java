package se.naravard.transition.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import se.naravard.transition.document.EpisodeDocs.ActorDoc;
import se.naravard.transition.document.EpisodeDocs.EpisodeDocument;

/** Response bodies besides the episode document itself. */
public final class Responses {

    private Responses() {}

    @Serdeable
    public record VersionSummary(
            int version, String status, List<String> events, String changedAt, ActorDoc changedBy) {}

    @Serdeable
    public record VersionList(String episodeId, List<VersionSummary> versions) {}

    /** {@code nextOffset} is absent on the last page. */
    @Serdeable
    public record EpisodePage(List<EpisodeDocument> episodes, int offset, @Nullable Integer nextOffset) {}

    @Serdeable
    public record TaskRow(
            String id,
            String episodeId,
            String kind,
            String state,
            String dueAt,
            String kommun,
            @Nullable String addressee,
            @Nullable String trigger,
            @Nullable String fulfilledBy) {}

    @Serdeable
    public record TaskPage(List<TaskRow> tasks, int offset, @Nullable Integer nextOffset) {}

    @Serdeable
    public record LiableDayDoc(String date, long kronor, String amountValidFrom) {}

    /** A message the liability figure rests on. */
    @Serdeable
    public record EvidenceMessage(String id, String type, String sentAt, @Nullable String cancelledBy) {}

    /**
     * The payment-liability evidence of one episode. {@code liable} is false with {@code reason} when
     * no utskrivningsklar notice stands, or with {@code missingPreconditions} when the agreement's
     * preconditions are not met. {@code explanation} is for an auditor: which rule, which message,
     * which day.
     */
    @Serdeable
    public record EpisodeLiabilityDoc(
            String episodeId,
            String kommun,
            String agreement,
            String countedThrough,
            boolean liable,
            @Nullable String reason,
            List<LiableDayDoc> liableDays,
            long totalKronor,
            List<String> missingPreconditions,
            List<String> explanation,
            List<EvidenceMessage> messages) {}

    @Serdeable
    public record MonthLineDoc(
            String episodeId,
            String agreement,
            List<String> liableDates,
            long kronor,
            List<String> missingPreconditions,
            String evidence) {}

    @Serdeable
    public record MonthDoc(
            String kommun,
            String month,
            String countedThrough,
            long totalDays,
            long totalKronor,
            String currency,
            List<MonthLineDoc> episodes) {}
}
