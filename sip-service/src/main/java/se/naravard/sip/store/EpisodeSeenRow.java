package se.naravard.sip.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** The newest episode version applied from {@code transition.events}. */
@MappedEntity("episode_seen")
public record EpisodeSeenRow(@Id UUID episodeId, long version, Instant seenAt) {}
