package se.naravard.platform.outbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How the relay behaves.
 *
 * @param batchSize rows published per transaction
 * @param pollInterval how often an idle relay looks for rows it was not woken for: rows written by
 *     another instance of the service, or by a process without a relay
 * @param initialBackoff first wait after a failed publish (Kafka or PostgreSQL down); doubles each time
 * @param maxBackoff cap of that wait: the longest an event waits after Kafka is back
 * @param retention how long sent rows are kept (for inspection) before cleanup deletes them
 * @param lanes number of ordering lanes; must be the same for every instance of a service
 */
public record RelaySettings(
        int batchSize,
        Duration pollInterval,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration retention,
        int lanes) {

    public RelaySettings {
        Objects.requireNonNull(pollInterval);
        Objects.requireNonNull(initialBackoff);
        Objects.requireNonNull(maxBackoff);
        Objects.requireNonNull(retention);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
    }

    public static RelaySettings defaults() {
        return new RelaySettings(
                500, Duration.ofMillis(500), Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofHours(1), 16);
    }
}
