package se.naravard.transition.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Request bodies of the internal REST API. Every command names its {@code actor} (HSA-ids of the
 * person and the care unit acting): it becomes the version's who; the server's clock gives the when.
 * Times are RFC 3339 with an offset ({@code 2026-03-02T08:15:00+01:00} or {@code …Z}); dates are
 * {@code yyyy-MM-dd}. Nested objects arrive as JSON trees and are read by {@link BodyReader}, so an
 * unknown or mistyped field anywhere is reported with its exact pointer.
 */
public final class Requests {

    private Requests() {}

    /** {@code admissionKind}: {@code unplanned} (akut) or {@code planned}; absent = unknown. */
    @Serdeable
    public record Admit(
            @Nullable String patient,
            @Nullable String admittingUnit,
            @Nullable String kommun,
            @Nullable String admittedAt,
            @Nullable String admissionKind,
            @Nullable String physicianAssessedAt,
            @Nullable String expectedDischargeDate,
            @Nullable Boolean needsBothPrincipals,
            @Nullable Boolean mayNeedHelpAfterDischarge,
            @Nullable JsonNode actor) {}

    /**
     * {@code id}: the sender's message id (UUID), which makes a retry safe; a new one is made when
     * absent. {@code sentAt} defaults to now. {@code refersTo}: the message a makulering cancels or an
     * återtagande withdraws.
     */
    @Serdeable
    public record SendMessage(
            @Nullable String id,
            @Nullable String type,
            @Nullable String sentAt,
            @Nullable String sender,
            @Nullable JsonNode addressees,
            @Nullable String refersTo,
            @Nullable JsonNode actor) {}

    @Serdeable
    public record Addressee(@Nullable String kind, @Nullable String unit, @Nullable String kommun) {}

    @Serdeable
    public record RecordReceipt(
            @Nullable String addressee,
            @Nullable String status,
            @Nullable String at,
            @Nullable String reason,
            @Nullable String kind,
            @Nullable JsonNode actor) {}

    @Serdeable
    public record Discharge(@Nullable String at, @Nullable JsonNode actor) {}

    @Serdeable
    public record Actor(@Nullable String person, @Nullable String unit) {}

    /** Filters are combined with AND; the patient's number travels in the body, never in a URL. */
    @Serdeable
    public record Search(
            @Nullable String patient,
            @Nullable String patientKey,
            @Nullable String kommun,
            @Nullable String status,
            @Nullable String unit,
            @Nullable Integer limit,
            @Nullable Integer offset) {}
}
