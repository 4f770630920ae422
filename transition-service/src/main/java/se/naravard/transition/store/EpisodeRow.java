package se.naravard.transition.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.annotation.sql.ColumnTransformer;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.UUID;

/** The current version of an episode; {@code version} equals the domain's version number. */
@MappedEntity("episode")
public record EpisodeRow(
        @Id UUID id,
        String patientSystem,
        String patientValue,
        String patientKey,
        String kommun,
        String admittingUnit,
        String status,
        int version,
        @Nullable Instant nextDueAt,
        @Nullable Instant readySince,
        @Nullable Instant dischargedAt,
        @TypeDef(type = DataType.STRING_ARRAY) String[] addresseeUnits,
        @ColumnTransformer(write = "?::json") String document,
        Instant admittedAt,
        Instant createdAt,
        Instant updatedAt) {}
