package se.naravard.gateway.subscription;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.naravard.gateway.audit.AccessLog;
import se.naravard.gateway.block.CareBlock;
import se.naravard.platform.consumer.ConsumerSettings;
import se.naravard.platform.consumer.IdempotentConsumer;
import se.naravard.platform.consumer.TransactionRunner;
import se.naravard.platform.events.Topics;

/**
 * The notifications' moving parts: the platform's {@link IdempotentConsumer} of the three {@code *.events}
 * topics in its own consumer group (offsets committed after the notifications are, so a restarted
 * gateway resumes where it stopped; a redelivered event id is skipped), and the {@link DeliveryWorker}.
 * Without Kafka brokers neither runs: subscriptions can be managed, nothing is notified.
 */
public final class Subscriptions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);
    static final List<String> TOPICS = List.of(Topics.TRANSITION_EVENTS, Topics.SIP_EVENTS, Topics.CONTRACT_EVENTS);

    private final SubscriptionStore store;
    private final DeliveryWorker worker;
    private final IdempotentConsumer consumer;
    private final Producer<String, byte[]> deadLetters;
    private final Housekeeping housekeeping;
    private Clock clock = Clock.systemUTC();

    private Subscriptions(
            SubscriptionStore store,
            DeliveryWorker worker,
            IdempotentConsumer consumer,
            Producer<String, byte[]> dlq,
            Housekeeping housekeeping) {
        this.store = store;
        this.worker = worker;
        this.consumer = consumer;
        this.deadLetters = dlq;
        this.housekeeping = housekeeping;
    }

    /**
     * Starts the consumer and the workers (when brokers are configured).
     *
     * @param blocks the patient's spärrar in force, by patient key (the gateway's one {@code CareBlocks})
     * @param receipts where the kvittenser deliveries make are recorded (transition-service)
     */
    public static Subscriptions start(
            DataSource dataSource,
            FhirContext fhir,
            AccessLog accessLog,
            java.util.function.Function<String, java.util.List<CareBlock>> blocks,
            DeliveryReceipts receipts,
            Clock clock,
            SubscriptionSettings settings,
            int maxAttempts,
            Duration retryBackoff) {
        SubscriptionStore store = new SubscriptionStore(dataSource);
        if (!settings.consumes()) {
            LOG.warn("no Kafka brokers: subscriptions can be managed, but no notification is made or sent");
            return new Subscriptions(store, null, null, null, null);
        }
        Producer<String, byte[]> dlq = deadLetterProducer(settings);
        IdempotentConsumer consumer = new IdempotentConsumer(
                new ConsumerSettings(
                        settings.bootstrapServers(), settings.consumerGroup(), TOPICS, maxAttempts, retryBackoff),
                TransactionRunner.jdbc(dataSource),
                new SubscriptionIntake(store, new EventMatcher(clock, blocks), fhir, clock),
                dlq);
        DeliveryWorker worker = new DeliveryWorker(store, new NotificationBundles(fhir), accessLog, clock, settings);
        Housekeeping housekeeping = new Housekeeping(store, receipts, clock, settings);
        consumer.start();
        worker.start();
        housekeeping.start();
        LOG.info(
                "subscriptions: consumer group {} on {}, {} delivery worker(s)",
                settings.consumerGroup(),
                TOPICS,
                settings.workers());
        Subscriptions started = new Subscriptions(store, worker, consumer, dlq, housekeeping);
        started.clock = clock;
        return started;
    }

    private static Producer<String, byte[]> deadLetterProducer(SubscriptionSettings settings) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, settings.consumerGroup() + "-dlq");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** The clock the subscriptions schedule by. */
    public Clock clock() {
        return clock;
    }

    public SubscriptionStore store() {
        return store;
    }

    /** The delivery worker; null without brokers. */
    public DeliveryWorker worker() {
        return worker;
    }

    /** The housekeeping (end, kvittenser, backlog metrics, retention); null without brokers. */
    public Housekeeping housekeeping() {
        return housekeeping;
    }

    /** The consumer; null without brokers. */
    public IdempotentConsumer consumer() {
        return consumer;
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
        }
        if (worker != null) {
            worker.close();
        }
        if (housekeeping != null) {
            housekeeping.close();
        }
        if (deadLetters != null) {
            deadLetters.close(Duration.ofSeconds(5));
        }
    }
}
