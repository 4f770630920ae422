package se.naravard.platform.consumer;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import se.naravard.platform.events.Topics;

/**
 * Builds the dead-letter record: the original key, value and headers unchanged (so a replay is a
 * plain re-produce to the original topic), plus {@code dlq-*} headers saying where it came from and
 * why it failed.
 */
public final class DeadLetters {

    public static final String REASON = "dlq-reason";
    public static final String EXCEPTION = "dlq-exception";
    public static final String ORIGINAL_TOPIC = "dlq-original-topic";
    public static final String ORIGINAL_PARTITION = "dlq-original-partition";
    public static final String ORIGINAL_OFFSET = "dlq-original-offset";
    public static final String CONSUMER = "dlq-consumer";
    public static final String ATTEMPTS = "dlq-attempts";

    private DeadLetters() {}

    static ProducerRecord<String, byte[]> of(
            ConsumerRecord<String, byte[]> record, String consumer, int attempts, Throwable failure) {
        ProducerRecord<String, byte[]> dlq =
                new ProducerRecord<>(Topics.deadLetter(record.topic()), record.key(), record.value());
        for (Header h : record.headers()) {
            dlq.headers().add(h);
        }
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        dlq.headers().add(REASON, utf8(reason.length() > 2000 ? reason.substring(0, 2000) : reason));
        dlq.headers().add(EXCEPTION, utf8(failure.getClass().getName()));
        dlq.headers().add(ORIGINAL_TOPIC, utf8(record.topic()));
        dlq.headers().add(ORIGINAL_PARTITION, utf8(String.valueOf(record.partition())));
        dlq.headers().add(ORIGINAL_OFFSET, utf8(String.valueOf(record.offset())));
        dlq.headers().add(CONSUMER, utf8(consumer));
        dlq.headers().add(ATTEMPTS, utf8(String.valueOf(attempts)));
        return dlq;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
