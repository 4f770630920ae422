package se.naravard.sip.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EpisodeSeenRepository extends GenericRepository<EpisodeSeenRow, UUID> {

    /**
     * Records {@code version} as the newest applied for the episode if it is newer than any before;
     * returns 1 if it was, 0 if the event is stale. The row lock makes two writers queue.
     */
    @Query(
            value = "INSERT INTO episode_seen (episode_id, version, seen_at) VALUES (:episodeId, :version, :seenAt)"
                    + " ON CONFLICT (episode_id) DO UPDATE SET version = EXCLUDED.version, seen_at = EXCLUDED.seen_at"
                    + " WHERE episode_seen.version < EXCLUDED.version",
            nativeQuery = true)
    long advance(UUID episodeId, long version, Instant seenAt);
}
