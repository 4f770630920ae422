package se.naravard.transition.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EpisodeVersionRepository extends CrudRepository<EpisodeVersionRow, Long> {

    Optional<EpisodeVersionRow> findByEpisodeIdAndVersion(UUID episodeId, int version);

    List<EpisodeVersionRow> findByEpisodeIdOrderByVersion(UUID episodeId);
}
