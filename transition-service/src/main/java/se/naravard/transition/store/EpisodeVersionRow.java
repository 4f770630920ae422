package se.naravard.transition.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.annotation.sql.ColumnTransformer;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.UUID;

/** One immutable version of an episode with what happened, who did it and when. */
@MappedEntity("episode_version")
public record EpisodeVersionRow(
        @Id @GeneratedValue @Nullable Long seq,
        UUID episodeId,
        int version,
        String status,
        @TypeDef(type = DataType.STRING_ARRAY) String[] eventTypes,
        String actorPerson,
        String actorUnit,
        Instant changedAt,
        @ColumnTransformer(write = "?::json") String document) {}
