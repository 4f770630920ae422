package se.naravard.infra;

/**
 * A running Kafka cluster, whichever way it was started.
 *
 * <p>{@link #stop()} and {@link #start()} let a test simulate a broker outage: the bootstrap
 * address stays the same and data written before the outage is still there afterwards.
 */
public interface KafkaHandle {

    /** Bootstrap servers for clients, e.g. {@code localhost:43121}. */
    String bootstrapServers();

    /** Brings the broker back after {@link #stop()}; does nothing if it is running. */
    void start();

    /** Makes the broker unreachable while keeping its data; does nothing if it is stopped. */
    void stop();

    /** Whether clients can currently reach the broker. */
    boolean isRunning();

    /**
     * Creates the topics that do not exist yet, with replication factor 1. Existing topics are left
     * as they are, whatever their partition count.
     */
    void createTopics(int partitions, String... names);
}
