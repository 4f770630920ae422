package se.naravard.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

@WithRealInfra
class KafkaRoundTripIT {

    private static final int RECORDS = 100;

    @Test
    void idempotentProducerAndManuallyCommittingConsumerRoundTrip(KafkaHandle kafka) throws Exception {
        String topic = "round-trip-" + UUID.randomUUID();
        String group = "round-trip-group-" + UUID.randomUUID();
        kafka.createTopics(3, topic);
        kafka.createTopics(3, topic);

        try (KafkaProducer<String, String> producer = Clients.producer(kafka.bootstrapServers(), Map.of())) {
            List<Future<RecordMetadata>> sent = IntStream.range(0, RECORDS)
                    .mapToObj(i -> producer.send(new ProducerRecord<>(topic, "key-" + i % 7, "value-" + i)))
                    .collect(Collectors.toList());
            for (Future<RecordMetadata> result : sent) {
                assertThat(result.get().hasOffset()).isTrue();
            }
        }

        try (KafkaConsumer<String, String> consumer = Clients.consumer(kafka.bootstrapServers(), group)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received =
                    Clients.pollAndCommit(consumer, RECORDS, Duration.ofSeconds(20));
            assertThat(received)
                    .extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, RECORDS)
                            .mapToObj(i -> "value-" + i)
                            .collect(Collectors.toList()));
        }

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicDescription description =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertThat(description.partitions()).hasSize(3);
            Map<?, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
            assertThat(committed.values().stream()
                            .mapToLong(OffsetAndMetadata::offset)
                            .sum())
                    .isEqualTo(RECORDS);
        }
    }
}
