package se.naravard.transition.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EpisodeTaskRepository extends CrudRepository<EpisodeTaskRow, UUID> {

    void deleteByIdIn(List<UUID> ids);

    /** Tasks matching every filter given (null = any), soonest due first. */
    @Query(
            value = "SELECT * FROM episode_task WHERE (CAST(:kommun AS text) IS NULL OR kommun = :kommun)"
                    + " AND (CAST(:state AS text) IS NULL OR state = :state)"
                    + " AND (CAST(:kind AS text) IS NULL OR kind = :kind)"
                    + " AND (CAST(:addressee AS text) IS NULL OR addressee = :addressee)"
                    + " ORDER BY due_at, id LIMIT :limit OFFSET :offset",
            nativeQuery = true)
    List<EpisodeTaskRow> search(
            @Nullable String kommun,
            @Nullable String state,
            @Nullable String kind,
            @Nullable String addressee,
            int limit,
            int offset);
}
