package se.naravard.transition.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EpisodeRepository extends CrudRepository<EpisodeRow, UUID> {

    /** The current version, locked until the transaction ends: writers of one episode queue here. */
    @Query(value = "SELECT * FROM episode WHERE id = :id FOR UPDATE", nativeQuery = true)
    Optional<EpisodeRow> findForUpdate(UUID id);

    /**
     * Replaces the current version if it is still {@code expectedVersion}. Returns the number of rows
     * changed (0 = someone else got there first).
     */
    @Query(
            value = "UPDATE episode SET status = :status, version = :version, next_due_at = :nextDueAt,"
                    + " ready_since = :readySince, discharged_at = :dischargedAt,"
                    + " addressee_units = CAST(:addresseeUnits AS text[]), document = CAST(:document AS json),"
                    + " updated_at = :updatedAt WHERE id = :id AND version = :expectedVersion",
            nativeQuery = true)
    long updateIfVersion(
            UUID id,
            int expectedVersion,
            int version,
            String status,
            @Nullable Instant nextDueAt,
            @Nullable Instant readySince,
            @Nullable Instant dischargedAt,
            String[] addresseeUnits,
            String document,
            Instant updatedAt);

    /**
     * Episodes with a task due before {@code now}, earliest first, locked; episodes another
     * transaction holds (a request, another instance's clock) are skipped, not waited for.
     */
    @Query(
            value = "SELECT * FROM episode WHERE next_due_at < :now ORDER BY next_due_at"
                    + " LIMIT :limit FOR UPDATE SKIP LOCKED",
            nativeQuery = true)
    List<EpisodeRow> lockDue(Instant now, int limit);

    /**
     * Episodes matching every filter given (null = any), most recently changed first. {@code
     * messageId} and {@code taskId} name the one episode holding that message or deadline task.
     */
    @Query(
            value = "SELECT * FROM episode WHERE (CAST(:patient AS text) IS NULL OR patient_value = :patient)"
                    + " AND (CAST(:patientKey AS text) IS NULL OR patient_key = :patientKey)"
                    + " AND (CAST(:kommun AS text) IS NULL OR kommun = :kommun)"
                    + " AND (CAST(:status AS text) IS NULL OR status = :status)"
                    + " AND (CAST(:unit AS text) IS NULL OR admitting_unit = :unit"
                    + " OR addressee_units @> ARRAY[CAST(:unit AS text)])"
                    + " AND (CAST(:messageId AS uuid) IS NULL OR id ="
                    + " (SELECT episode_id FROM episode_message WHERE message_id = CAST(:messageId AS uuid)))"
                    + " AND (CAST(:taskId AS uuid) IS NULL OR id ="
                    + " (SELECT episode_id FROM episode_task WHERE id = CAST(:taskId AS uuid)))"
                    + " ORDER BY updated_at DESC, id LIMIT :limit OFFSET :offset",
            nativeQuery = true)
    List<EpisodeRow> search(
            @Nullable String patient,
            @Nullable String patientKey,
            @Nullable String kommun,
            @Nullable String status,
            @Nullable String unit,
            @Nullable UUID messageId,
            @Nullable UUID taskId,
            int limit,
            int offset);

    /**
     * Episodes of {@code kommun} that were utskrivningsklar before {@code to} and had not left before
     * {@code from}: every episode that can have a liable day in [from, to).
     */
    @Query(
            value = "SELECT * FROM episode WHERE kommun = :kommun AND ready_since < :to"
                    + " AND (discharged_at IS NULL OR discharged_at >= :from) ORDER BY ready_since, id",
            nativeQuery = true)
    List<EpisodeRow> liableCandidates(String kommun, Instant from, Instant to);
}
