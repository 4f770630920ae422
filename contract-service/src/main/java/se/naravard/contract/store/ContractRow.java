package se.naravard.contract.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.annotation.sql.ColumnTransformer;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.UUID;

/**
 * The current version of a contract; {@code version} equals the domain's version number.
 */
@MappedEntity("contract")
public record ContractRow(
        @Id UUID id,
        String patientSystem,
        String patientValue,
        String patientKey,
        String kommun,
        String status,
        int version,
        @TypeDef(type = DataType.STRING_ARRAY) String[] ownerUnits,
        @ColumnTransformer(write = "?::jsonb") String document,
        Instant createdAt,
        Instant updatedAt) {}
