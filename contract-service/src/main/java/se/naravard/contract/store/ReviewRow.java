package se.naravard.contract.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.sql.ColumnTransformer;
import java.time.Instant;
import java.util.UUID;

/** A granskning result against one contract version. */
@MappedEntity("contract_review")
public record ReviewRow(
        @Id UUID id,
        UUID contractId,
        int contractVersion,
        String reviewerPerson,
        String reviewerUnit,
        Instant reviewedAt,
        boolean passed,
        @ColumnTransformer(write = "?::jsonb") String document) {}
