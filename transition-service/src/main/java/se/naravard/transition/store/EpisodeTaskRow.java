package se.naravard.transition.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** One deadline task of the current version of an episode, as a row for cross-episode queries. */
@MappedEntity("episode_task")
public record EpisodeTaskRow(
        @Id UUID id,
        UUID episodeId,
        String kind,
        String state,
        Instant dueAt,
        String kommun,
        @Nullable String addressee,
        @Nullable UUID triggerId,
        @Nullable UUID fulfilledBy,
        Instant updatedAt) {}
