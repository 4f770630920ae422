package se.naravard.gateway.subscription;

import java.time.Duration;

/**
 * The subscriptions' settings (application.yml {@code gateway.subscriptions.*}, docs/operations.md).
 *
 * @param bootstrapServers the Kafka brokers whose {@code *.events} drive the notifications; null: no
 *     notifications are made (the resource API still works)
 * @param consumerGroup the consumer group (committed offsets; processed event ids are kept under it)
 * @param workers delivery threads per gateway instance (each delivers one subscription at a time)
 * @param pollInterval how often an idle worker looks for due work
 * @param connectTimeout connecting to a receiver
 * @param requestTimeout a receiver's answer to one notification
 * @param firstRetry the wait after a first failure; doubled per failure (with jitter) up to maxRetry
 * @param maxRetry the longest wait between two attempts: a subscription is retried at least this often,
 *     for ever, until delivered or turned off
 * @param batch notifications per delivery round (one subscription, one database transaction)
 * @param retention how long a delivered (or dropped) notification stays for {@code $events}; then it is
 *     purged. The backlog is never purged.
 * @param endpoints where notifications may be sent, asked at create and update and before every
 *     connection ({@link EndpointAllowList})
 */
public record SubscriptionSettings(
        String bootstrapServers,
        String consumerGroup,
        int workers,
        Duration pollInterval,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration firstRetry,
        Duration maxRetry,
        int batch,
        Duration retention,
        EndpointPolicy endpoints) {

    public boolean consumes() {
        return bootstrapServers != null && !bootstrapServers.isBlank();
    }
}
