package se.naravard.sip.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.sql.ColumnTransformer;
import java.time.Instant;
import java.util.UUID;

/** One immutable version of a SIP with who made it, when, why, and which event it raised. */
@MappedEntity("sip_version")
public record SipVersionRow(
        @Id @GeneratedValue(GeneratedValue.Type.IDENTITY) Long seq,
        UUID sipId,
        int version,
        String status,
        String eventType,
        String actorPerson,
        String actorUnit,
        @Nullable String reason,
        Instant changedAt,
        @ColumnTransformer(write = "?::jsonb") String document) {}
