package se.naravard.contract.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The JSON shapes of a patientkontrakt: the internal REST API's bodies, the stored version snapshots
 * and the payload of {@code contract.events} all use them, so there is one published contract.
 * Identifiers, dates and codes are strings here; {@link PartReader} turns them into domain values and
 * reports each bad one with its JSON pointer.
 */
public final class Docs {

    private Docs() {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContractDocument(
            String id,
            int version,
            PatientDoc patient,
            String kommun,
            StatusDoc status,
            PartsDoc parts,
            ChangeDoc created,
            ChangeDoc lastChange) {}

    /** The patient's identifier: FHIR system URI and the 12-digit value. */
    @Serdeable
    public record PatientDoc(String system, String value) {}

    /** {@code code} is draft|active|revised|completed|revoked|entered-in-error; the rest as the code has it. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StatusDoc(
            String code,
            @Nullable String agreedAt,
            @Nullable ActorDoc agreedBy,
            @Nullable String at,
            @Nullable String reason) {}

    @Serdeable
    public record ActorDoc(@Nullable String person, @Nullable String unit) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChangeDoc(String at, ActorDoc actor, @Nullable String reason) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PartsDoc(
            @JsonProperty("sammanhallen-planering") @Nullable PlanningDoc planning,
            @JsonProperty("fast-vardkontakt") @Nullable FastVardkontaktDoc fastVardkontakt,
            @JsonProperty("fast-lakarkontakt") @Nullable FastLakarkontaktDoc fastLakarkontakt,
            @JsonProperty("nasta-steg") @Nullable NextStepsDoc nextSteps) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PlanningDoc(
            @Nullable String owner,
            @Nullable List<String> delegates,
            @Nullable List<GoalDoc> goals,
            @Nullable List<String> selfCare,
            @Nullable List<CareContactDoc> contacts,
            @Nullable List<PlanLinkDoc> linkedPlans,
            @Nullable String medicationListReference,
            @Nullable String agreedOn) {}

    @Serdeable
    public record GoalDoc(@Nullable String text) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CareContactDoc(
            @Nullable String name, @Nullable String unit, @Nullable String role, @Nullable ContactPathDoc path) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContactPathDoc(@Nullable String phone, @Nullable String eService, @Nullable String hours) {}

    @Serdeable
    public record PlanLinkDoc(@Nullable String kind, @Nullable String reference) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PersonDoc(@Nullable String hsaId, @Nullable String name, @Nullable String profession) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FastVardkontaktDoc(
            @Nullable String owner,
            @Nullable List<String> delegates,
            @Nullable PersonDoc person,
            @Nullable String unit,
            @Nullable ContactPathDoc reach,
            @Nullable PersonDoc substitute,
            @Nullable String from,
            @Nullable String appointedBy) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FastLakarkontaktDoc(
            @Nullable String owner,
            @Nullable List<String> delegates,
            @Nullable PersonDoc physician,
            @Nullable String vardcentral,
            @Nullable String from,
            @Nullable ContactPathDoc booking) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NextStepsDoc(
            @Nullable String owner, @Nullable List<String> delegates, @Nullable List<NextStepDoc> steps) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NextStepDoc(
            @Nullable String id,
            @Nullable String what,
            @Nullable PerformerDoc who,
            @Nullable String date,
            @Nullable String windowEnd,
            @Nullable String how,
            @Nullable String status,
            @Nullable String completedAt) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PerformerDoc(@Nullable String person, @Nullable String unit, @Nullable String name) {}

    /** A granskning result as stored and served. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReviewDoc(
            String id,
            String contractId,
            int contractVersion,
            ActorDoc reviewer,
            String at,
            boolean passed,
            List<CheckDoc> checks,
            @Nullable String comment) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckDoc(String check, boolean passed, @Nullable String note) {}
}
