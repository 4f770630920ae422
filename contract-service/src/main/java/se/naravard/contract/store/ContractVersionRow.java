package se.naravard.contract.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.sql.ColumnTransformer;
import java.time.Instant;
import java.util.UUID;

/** One immutable version of a contract with who made it, when, why, and which event it raised. */
@MappedEntity("contract_version")
public record ContractVersionRow(
        @Id @GeneratedValue(GeneratedValue.Type.IDENTITY) Long seq,
        UUID contractId,
        int version,
        String status,
        String eventType,
        String actorPerson,
        String actorUnit,
        @Nullable String reason,
        Instant changedAt,
        @ColumnTransformer(write = "?::jsonb") String document) {}
