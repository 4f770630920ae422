package se.naravard.transition.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.UUID;

/** Which episode holds a LUS message: {@code episode_message}, kept beside the episode documents. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EpisodeMessageRepository extends GenericRepository<EpisodeMessageRepository.Row, UUID> {

    /**
     * Records that {@code episodeId} holds message {@code messageId}; 0 when another episode holds an
     * id already (the primary key keeps it unique without a lookup first).
     */
    @Query(
            value = "INSERT INTO episode_message (message_id, episode_id) VALUES (:messageId, :episodeId)"
                    + " ON CONFLICT (message_id) DO NOTHING",
            nativeQuery = true)
    long insertIfAbsent(UUID messageId, UUID episodeId);

    /** The row type, for Micronaut Data's generics only. */
    @io.micronaut.data.annotation.MappedEntity("episode_message")
    record Row(@io.micronaut.data.annotation.Id UUID messageId, UUID episodeId) {}
}
