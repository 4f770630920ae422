package se.naravard.gateway.transition;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What the gateway reads of transition-service's JSON (docs/transition-api.md; the shapes of {@code
 * se.naravard.transition.document.EpisodeDocs}, copied, never depended on). A tolerant reader:
 * unknown fields are ignored, any field may be null. Times are RFC 3339 UTC instants, dates local dates.
 */
public final class TransitionDocs {

    private TransitionDocs() {}

    /**
     * An inpatient episode (slutenvårdstillfälle) with its LUS messages and deadline tasks. {@code
     * admissionKind}: unplanned (akut) or planned; null when unknown (older episodes, callers that do not say).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Episode(
            String id,
            int version,
            PatientRef patient,
            String admittingUnit,
            String kommun,
            String admittedAt,
            String admissionKind,
            String physicianAssessedAt,
            String expectedDischargeDate,
            boolean needsBothPrincipals,
            boolean mayNeedHelpAfterDischarge,
            Status status,
            List<Message> messages,
            List<DeadlineTask> tasks,
            Change lastChange) {

        public List<Message> messagesOrEmpty() {
            return messages == null ? List.of() : messages;
        }

        public List<DeadlineTask> tasksOrEmpty() {
            return tasks == null ? List.of() : tasks;
        }

        public String statusCode() {
            return status == null ? null : status.code();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PatientRef(String system, String value) {}

    /**
     * {@code code}: admitted, utskrivningsklar ({@code noticeAt}), discharged ({@code at}), closed
     * ({@code at}, {@code reason}: deceased, moved, interrupted).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Status(String code, String noticeAt, String at, String reason) {}

    /** One LUS message; {@code cancelledBy} is the makulering that cancelled it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(
            String id,
            String type,
            String sentAt,
            String sender,
            List<Addressee> addressees,
            String refersTo,
            List<Receipt> receipts,
            String cancelledBy) {

        public List<Addressee> addresseesOrEmpty() {
            return addressees == null ? List.of() : addressees;
        }

        public List<Receipt> receiptsOrEmpty() {
            return receipts == null ? List.of() : receipts;
        }
    }

    /** {@code kind}: municipal (with {@code kommun}) or primary-care. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Addressee(String kind, String unit, String kommun) {}

    /** {@code status}: ok, transient-error, fatal-error; {@code kind}: automatic, application. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Receipt(String addressee, String status, String at, String reason, String kind) {}

    /**
     * A deadline clock, its {@code id} stable across versions. {@code kind}: admission-notice,
     * sip-call-in, discharge-information, withdrawal-notice, receipt; {@code state}: open, met
     * ({@code metAt}), missed ({@code missedAt}, {@code fulfilledLateAt}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DeadlineTask(
            String id,
            String kind,
            String dueAt,
            String state,
            String metAt,
            String missedAt,
            String fulfilledLateAt,
            String trigger,
            String addressee,
            String fulfilledBy) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Change(String at, Actor actor) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Actor(String person, String unit) {}

    /** {@code GET /episodes/{id}/versions}: the version numbers (the rest is not needed here). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VersionList(String episodeId, List<VersionSummary> versions) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VersionSummary(int version, String status, String changedAt) {}

    /** {@code GET /episodes}: one page; {@code nextOffset} is absent on the last. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EpisodePage(List<Episode> episodes, int offset, Integer nextOffset) {}

    /**
     * {@code GET /liability/{kommun}/{yyyy-MM}}: the payment-liability days and kronor of one kommun in
     * one month (the current month counted through {@code countedThrough}), per episode.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LiabilityMonth(
            String kommun,
            String month,
            String countedThrough,
            long totalDays,
            long totalKronor,
            String currency,
            List<LiabilityLine> episodes) {

        public List<LiabilityLine> episodesOrEmpty() {
            return episodes == null ? List.of() : episodes;
        }
    }

    /** One episode's liable dates in the month and their kronor. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LiabilityLine(
            String episodeId,
            String agreement,
            List<String> liableDates,
            long kronor,
            List<String> missingPreconditions) {

        public int days() {
            return liableDates == null ? 0 : liableDates.size();
        }
    }
}
