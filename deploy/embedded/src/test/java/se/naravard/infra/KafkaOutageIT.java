package se.naravard.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

@WithRealInfra
class KafkaOutageIT {

    private static final Map<String, Object> SHORT_TIMEOUTS = Map.of(
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2_000,
            ProducerConfig.LINGER_MS_CONFIG, 0);

    @Test
    void recordsSurviveABrokerRestartAndWritingResumesOnTheSameAddress(KafkaHandle kafka) throws Exception {
        String topic = "outage-" + UUID.randomUUID();
        String bootstrapServers = kafka.bootstrapServers();
        kafka.createTopics(3, topic);
        List<String> before = values("before", 50);
        List<String> after = values("after", 50);

        try (KafkaProducer<String, String> producer = Clients.producer(bootstrapServers, SHORT_TIMEOUTS)) {
            send(producer, topic, before);

            kafka.stop();
            try {
                assertThat(kafka.isRunning()).isFalse();
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "lost"))
                                .get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TimeoutException.class);
                try (KafkaProducer<String, String> fresh = Clients.producer(bootstrapServers, SHORT_TIMEOUTS)) {
                    assertThatThrownBy(() -> fresh.send(new ProducerRecord<>(topic, "never-sent"))
                                    .get(10, TimeUnit.SECONDS))
                            .isInstanceOf(ExecutionException.class)
                            .hasCauseInstanceOf(TimeoutException.class);
                }
            } finally {
                kafka.start();
            }

            assertThat(kafka.isRunning()).isTrue();
            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrapServers);
            send(producer, topic, after);
        }

        List<String> expected = new ArrayList<>(before);
        expected.addAll(after);
        try (KafkaConsumer<String, String> consumer =
                Clients.consumer(bootstrapServers, "outage-group-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received =
                    Clients.pollAndCommit(consumer, expected.size(), Duration.ofSeconds(20));
            assertThat(received).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static void send(KafkaProducer<String, String> producer, String topic, List<String> values)
            throws Exception {
        for (String value : values) {
            producer.send(new ProducerRecord<>(topic, value, value)).get(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> values(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).collect(Collectors.toList());
    }
}
