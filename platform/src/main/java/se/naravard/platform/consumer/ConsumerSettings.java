package se.naravard.platform.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * @param bootstrapServers Kafka
 * @param groupId the consumer group; also the key under which processed event ids are stored
 * @param topics topics to read
 * @param maxAttempts attempts per event before it goes to {@code <topic>.dlq}
 * @param retryBackoff wait between attempts (doubled each time)
 */
public record ConsumerSettings(
        String bootstrapServers, String groupId, List<String> topics, int maxAttempts, Duration retryBackoff) {

    public ConsumerSettings {
        Objects.requireNonNull(bootstrapServers);
        Objects.requireNonNull(groupId);
        topics = List.copyOf(topics);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }
}
