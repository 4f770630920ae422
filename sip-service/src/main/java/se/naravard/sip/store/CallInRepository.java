package se.naravard.sip.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CallInRepository extends CrudRepository<CallInRow, UUID> {

    List<CallInRow> findByEpisodeId(UUID episodeId);

    /** Replaces the task if it is still at {@code expectedVersion}; returns the rows changed (0 or 1). */
    @Query(
            value = "UPDATE call_in SET status = :status, sip_id = :sipId, completed_at = :completedAt,"
                    + " completed_by_person = :completedByPerson, completed_by_unit = :completedByUnit,"
                    + " cancelled_at = :cancelledAt, cancel_reason = :cancelReason,"
                    + " episode_version = :episodeVersion, version = :version,"
                    + " document = CAST(:document AS jsonb), updated_at = :updatedAt"
                    + " WHERE id = :id AND version = :expectedVersion",
            nativeQuery = true)
    long updateIfVersion(
            UUID id,
            int expectedVersion,
            int version,
            String status,
            @Nullable UUID sipId,
            @Nullable Instant completedAt,
            @Nullable String completedByPerson,
            @Nullable String completedByUnit,
            @Nullable Instant cancelledAt,
            @Nullable String cancelReason,
            long episodeVersion,
            String document,
            Instant updatedAt);

    /**
     * Tasks matching every filter given (null = any), the earliest deadline first; {@code
     * transitionTaskId} names the one task that follows that sip-call-in clock (unique).
     */
    @Query(
            value = "SELECT * FROM call_in WHERE (CAST(:unit AS text) IS NULL"
                    + " OR document -> 'assignedUnits' @> jsonb_build_array(CAST(:unit AS text)))"
                    + " AND (CAST(:kommun AS text) IS NULL OR kommun = :kommun)"
                    + " AND (CAST(:status AS text) IS NULL OR status = :status)"
                    + " AND (CAST(:transitionTaskId AS uuid) IS NULL OR transition_task_id = :transitionTaskId)"
                    + " ORDER BY due_at, id LIMIT :limit OFFSET :offset",
            nativeQuery = true)
    List<CallInRow> search(
            @Nullable String unit,
            @Nullable String kommun,
            @Nullable String status,
            @Nullable UUID transitionTaskId,
            int limit,
            int offset);
}
