package se.naravard.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.naravard.infra.KafkaHandle;
import se.naravard.infra.PostgresHandle;
import se.naravard.infra.WithRealInfra;
import se.naravard.platform.events.CloudEventCodec;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.events.TestEvents;
import se.naravard.platform.outbox.KafkaProducers;
import se.naravard.platform.outbox.PlatformDatabase;

@WithRealInfra
class IdempotentConsumerIT {

    static DataSource db;
    static String bootstrap;
    static Producer<String, byte[]> producer;

    @BeforeAll
    static void setUp(PostgresHandle postgres, KafkaHandle kafka) throws SQLException {
        db = PlatformDatabase.create(postgres, "consumer");
        bootstrap = kafka.bootstrapServers();
        producer = KafkaProducers.idempotent(bootstrap, "consumer-it", Map.of());
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute("create table effect (event_id uuid not null, patient_key text not null)");
        }
    }

    @AfterAll
    static void tearDown() {
        producer.close();
    }

    /** The handler under test: records one effect row per applied event. */
    static void recordEffect(EventEnvelope e, Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into effect values (?, ?)")) {
            ps.setObject(1, e.id());
            ps.setString(2, e.patientKey());
            ps.executeUpdate();
        }
    }

    @Test
    void a_duplicate_delivery_has_one_effect() throws Exception {
        String topic = "consumer-dup-" + UUID.randomUUID();
        EventEnvelope event = TestEvents.anEvent("p-dup", 1);
        send(topic, event);
        send(topic, event);
        EventEnvelope after = TestEvents.anEvent("p-dup", 2);
        send(topic, after);

        try (IdempotentConsumer consumer = consumer(topic, IdempotentConsumerIT::recordEffect)) {
            consumer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> effects(after.id()) == 1);

            assertThat(effects(event.id())).isEqualTo(1);
            assertThat(consumer.appliedCount()).isEqualTo(2);
            assertThat(consumer.duplicateCount()).isEqualTo(1);
        }
    }

    @Test
    void a_record_that_is_not_a_cloudevent_goes_to_the_dead_letter_topic_and_the_next_one_is_applied()
            throws Exception {
        String topic = "consumer-poison-" + UUID.randomUUID();
        producer.send(new ProducerRecord<>(topic, "p-poison", "{oops".getBytes(StandardCharsets.UTF_8)))
                .get();
        EventEnvelope good = TestEvents.anEvent("p-poison", 2);
        send(topic, good);

        try (IdempotentConsumer consumer = consumer(topic, IdempotentConsumerIT::recordEffect)) {
            consumer.start();
            List<ConsumerRecord<String, byte[]>> dead = readAll(topic + ".dlq", 1);

            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).key()).isEqualTo("p-poison");
            assertThat(header(dead.get(0), DeadLetters.REASON)).contains("not a CloudEvent");
            assertThat(header(dead.get(0), DeadLetters.ORIGINAL_TOPIC)).isEqualTo(topic);
            await().atMost(Duration.ofSeconds(30)).until(() -> effects(good.id()) == 1);
        }
    }

    @Test
    void an_event_whose_handler_keeps_failing_is_dead_lettered_with_the_reason_and_leaves_no_effect() throws Exception {
        String topic = "consumer-fail-" + UUID.randomUUID();
        EventEnvelope bad = TestEvents.anEvent("p-bad", 1);
        send(topic, bad);
        EventHandler failing = (e, c) -> {
            recordEffect(e, c);
            throw new IllegalStateException("no SIP for this patient");
        };

        try (IdempotentConsumer consumer = consumer(topic, failing)) {
            consumer.start();
            List<ConsumerRecord<String, byte[]>> dead = readAll(topic + ".dlq", 1);

            assertThat(header(dead.get(0), DeadLetters.REASON)).isEqualTo("no SIP for this patient");
            assertThat(header(dead.get(0), DeadLetters.ATTEMPTS)).isEqualTo("3");
            assertThat(CloudEventCodec.fromRecord(dead.get(0)).id()).isEqualTo(bad.id());
            assertThat(effects(bad.id())).isZero();
            assertThat(processed(bad.id())).isZero();
        }
    }

    @Test
    void a_poison_event_is_dead_lettered_at_the_first_attempt() throws Exception {
        String topic = "consumer-poison-handler-" + UUID.randomUUID();
        EventEnvelope poison = TestEvents.anEvent("p-poison-h", 1);
        send(topic, poison);
        EventHandler refusing = (e, c) -> {
            throw new PoisonEventException("payload without an episode");
        };

        try (IdempotentConsumer consumer = consumer(topic, refusing)) {
            consumer.start();
            List<ConsumerRecord<String, byte[]>> dead = readAll(topic + ".dlq", 1);

            assertThat(header(dead.get(0), DeadLetters.REASON)).isEqualTo("payload without an episode");
            assertThat(header(dead.get(0), DeadLetters.ATTEMPTS)).isEqualTo("1");
        }
    }

    private IdempotentConsumer consumer(String topic, EventHandler handler) {
        ConsumerSettings settings =
                new ConsumerSettings(bootstrap, "it-" + UUID.randomUUID(), List.of(topic), 3, Duration.ofMillis(20));
        return new IdempotentConsumer(settings, TransactionRunner.jdbc(db), handler, producer);
    }

    private static void send(String topic, EventEnvelope e) throws Exception {
        producer.send(CloudEventCodec.toRecord(topic, e)).get();
    }

    private static long effects(UUID id) throws SQLException {
        return count("select count(*) from effect where event_id = ?", id);
    }

    private static long processed(UUID id) throws SQLException {
        return count("select count(*) from naravard_platform.processed_event where event_id = ?", id);
    }

    private static long count(String sql, UUID id) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
