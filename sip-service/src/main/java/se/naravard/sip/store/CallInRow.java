package se.naravard.sip.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.sql.ColumnTransformer;
import java.time.Instant;
import java.util.UUID;

/** A call-in task: search columns plus the whole task as a document. */
@MappedEntity("call_in")
public record CallInRow(
        @Id UUID id,
        UUID transitionTaskId,
        UUID episodeId,
        @Nullable UUID noticeMessageId,
        String patientSystem,
        String patientValue,
        String patientKey,
        String kommun,
        Instant dueAt,
        String status,
        @Nullable UUID sipId,
        @Nullable Instant completedAt,
        @Nullable String completedByPerson,
        @Nullable String completedByUnit,
        @Nullable Instant cancelledAt,
        @Nullable String cancelReason,
        long episodeVersion,
        int version,
        @ColumnTransformer(write = "?::jsonb") String document,
        Instant createdAt,
        Instant updatedAt) {}
