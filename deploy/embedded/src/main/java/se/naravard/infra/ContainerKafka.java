package se.naravard.infra;

import com.github.dockerjava.api.DockerClient;
import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka in a Testcontainers container, used where a Docker engine is reachable.
 *
 * <p>{@link #stop()} and {@link #start()} pause and unpause the container instead of stopping it:
 * a stopped container would get new host ports on restart, and clients would lose the address.
 * Paused, the broker neither answers nor refuses connections, so clients see timeouts rather than
 * "connection refused"; tests that only assert that writes fail and later succeed behave alike.
 * This branch cannot be exercised on machines without Docker and is kept deliberately simple.
 */
final class ContainerKafka implements KafkaHandle, AutoCloseable {

    static final DockerImageName IMAGE = DockerImageName.parse("apache/kafka:4.1.0");

    private final KafkaContainer container;
    private boolean paused;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    static ContainerKafka launch() {
        KafkaContainer container = new KafkaContainer(IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_NUM_PARTITIONS", "3")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
        container.start();
        return new ContainerKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public synchronized void start() {
        if (paused) {
            docker().unpauseContainerCmd(container.getContainerId()).exec();
            paused = false;
            Topics.awaitReachable(bootstrapServers(), Duration.ofSeconds(30));
        }
    }

    @Override
    public synchronized void stop() {
        if (!paused) {
            docker().pauseContainerCmd(container.getContainerId()).exec();
            paused = true;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return !paused;
    }

    @Override
    public void createTopics(int partitions, String... names) {
        Topics.create(bootstrapServers(), partitions, names);
    }

    @Override
    public synchronized void close() {
        container.stop();
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }
}
