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
public interface SipRepository extends CrudRepository<SipRow, UUID> {

    /**
     * Replaces the current version if it is still {@code expectedVersion}: the database half of
     * optimistic locking (MN Data's own {@code @Version} starts at 0, ours at 1). Returns the number of
     * rows changed (0 = someone else got there first).
     */
    @Query(
            value = "UPDATE sip SET status = :status, version = :version, document = CAST(:document AS jsonb),"
                    + " updated_at = :updatedAt WHERE id = :id AND version = :expectedVersion",
            nativeQuery = true)
    long updateIfVersion(UUID id, int expectedVersion, int version, String status, String document, Instant updatedAt);

    /** SIPs matching every filter given (null = any), most recently changed first. */
    @Query(
            value = "SELECT * FROM sip WHERE (CAST(:patient AS text) IS NULL OR patient_value = :patient)"
                    + " AND (CAST(:patientKey AS text) IS NULL OR patient_key = :patientKey)"
                    + " AND (CAST(:status AS text) IS NULL OR status = :status)"
                    + " AND (CAST(:kommun AS text) IS NULL OR kommun = :kommun)"
                    + " ORDER BY updated_at DESC, id LIMIT :limit OFFSET :offset",
            nativeQuery = true)
    List<SipRow> search(
            @Nullable String patient,
            @Nullable String patientKey,
            @Nullable String status,
            @Nullable String kommun,
            int limit,
            int offset);

    /** The person's most recently changed SIP that is still draft or active, if any. */
    @Query(
            value = "SELECT * FROM sip WHERE patient_system = :system AND patient_value = :value"
                    + " AND status IN ('draft', 'active') ORDER BY updated_at DESC, id LIMIT 1",
            nativeQuery = true)
    java.util.Optional<SipRow> findOpenForPerson(String system, String value);
}
