package se.naravard.contract.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ContractRepository extends CrudRepository<ContractRow, UUID> {

    /**
     * Replaces the current version if it is still {@code expectedVersion}: the database half of
     * optimistic locking. Returns the number of rows changed (0 = someone else got there first).
     */
    @Query(
            value = "UPDATE contract SET status = :status, version = :version,"
                    + " owner_units = CAST(:ownerUnits AS text[]), document = CAST(:document AS jsonb),"
                    + " updated_at = :updatedAt WHERE id = :id AND version = :expectedVersion",
            nativeQuery = true)
    long updateIfVersion(
            UUID id,
            int expectedVersion,
            int version,
            String status,
            String[] ownerUnits,
            String document,
            Instant updatedAt);

    /** Contracts matching every filter given (null = any), most recently changed first. */
    @Query(
            value = "SELECT * FROM contract WHERE (CAST(:patient AS text) IS NULL OR patient_value = :patient)"
                    + " AND (CAST(:patientKey AS text) IS NULL OR patient_key = :patientKey)"
                    + " AND (CAST(:status AS text) IS NULL OR status = :status)"
                    + " AND (CAST(:unit AS text) IS NULL OR owner_units @> ARRAY[CAST(:unit AS text)])"
                    + " ORDER BY updated_at DESC, id LIMIT :limit OFFSET :offset",
            nativeQuery = true)
    List<ContractRow> search(
            @Nullable String patient,
            @Nullable String patientKey,
            @Nullable String status,
            @Nullable String unit,
            int limit,
            int offset);
}
