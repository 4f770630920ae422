package se.naravard.platform.runtime;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import se.naravard.platform.consumer.ConsumerSettings;
import se.naravard.platform.consumer.EventHandler;
import se.naravard.platform.consumer.IdempotentConsumer;
import se.naravard.platform.consumer.TransactionRunner;
import se.naravard.platform.outbox.KafkaProducers;

/**
 * Starts {@link IdempotentConsumer}s for a service and stops them when the application stops. A
 * handler runs in a transaction of Micronaut's transaction manager, so the use cases it calls join
 * it: the event's effect, its outbox rows and its processed-id row commit together.
 *
 * <p>Keys: {@code naravard.consumer.max-attempts} (default 5) attempts per event before it is
 * dead-lettered, {@code naravard.consumer.retry-backoff} (default 200ms, doubled per attempt).
 */
@Singleton
@Requires(beans = DataSource.class)
public class EventConsumers {

    private final PlatformSettings settings;
    private final TransactionRunner transactions;
    private final int maxAttempts;
    private final Duration retryBackoff;
    private final List<IdempotentConsumer> started = new ArrayList<>();
    private final List<Producer<String, byte[]>> producers = new ArrayList<>();
    private final OpenTelemetry telemetry;
    private final BeanProvider<PlatformMetrics> metrics;

    public EventConsumers(
            PlatformSettings settings,
            MicronautTransactions transactions,
            @Value("${naravard.consumer.max-attempts:5}") int maxAttempts,
            @Value("${naravard.consumer.retry-backoff:200ms}") Duration retryBackoff,
            OpenTelemetry telemetry,
            BeanProvider<PlatformMetrics> metrics) {
        this.telemetry = telemetry;
        this.metrics = metrics;
        this.settings = settings;
        this.transactions = transactions;
        this.maxAttempts = maxAttempts;
        this.retryBackoff = retryBackoff;
    }

    /**
     * Starts a consumer of {@code topics} in consumer group {@code groupId} (also the key its processed
     * event ids are stored under), dead-lettering to {@code <topic>.dlq}.
     */
    public synchronized IdempotentConsumer start(String groupId, List<String> topics, EventHandler handler) {
        Producer<String, byte[]> dlq =
                KafkaProducers.idempotent(settings.bootstrapServers(), groupId + "-dlq", Map.of());
        producers.add(dlq);
        var consumer = new IdempotentConsumer(
                new ConsumerSettings(settings.bootstrapServers(), groupId, topics, maxAttempts, retryBackoff),
                transactions,
                handler,
                dlq,
                telemetry);
        started.add(consumer);
        metrics.ifPresent(m -> m.bindConsumer(consumer));
        consumer.start();
        return consumer;
    }

    /** The consumers started so far (for metrics and health). */
    public synchronized List<IdempotentConsumer> started() {
        return List.copyOf(started);
    }

    @PreDestroy
    public synchronized void stopAll() {
        started.forEach(IdempotentConsumer::close);
        started.clear();
        producers.forEach(p -> p.close(Duration.ofSeconds(5)));
        producers.clear();
    }
}
