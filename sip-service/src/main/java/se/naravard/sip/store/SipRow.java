package se.naravard.sip.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.sql.ColumnTransformer;
import java.time.Instant;
import java.util.UUID;

/** The current version of a SIP; {@code version} equals the domain's version number. */
@MappedEntity("sip")
public record SipRow(
        @Id UUID id,
        String patientSystem,
        String patientValue,
        String patientKey,
        String kommun,
        String status,
        int version,
        @ColumnTransformer(write = "?::jsonb") String document,
        Instant createdAt,
        Instant updatedAt) {}
