package se.naravard.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.naravard.infra.KafkaHandle;
import se.naravard.infra.PostgresHandle;
import se.naravard.infra.WithRealInfra;
import se.naravard.platform.consumer.TransactionRunner;
import se.naravard.platform.events.CloudEventCodec;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.events.TestEvents;

@WithRealInfra
class OutboxRelayIT {

    static DataSource db;
    static String bootstrap;
    final OutboxStore store = new OutboxStore(16);

    @BeforeAll
    static void setUp(PostgresHandle postgres, KafkaHandle kafka) {
        db = PlatformDatabase.create(postgres, "outbox");
        bootstrap = kafka.bootstrapServers();
    }

    @Test
    void appended_events_reach_kafka_as_cloudevents_in_order_per_patient_and_are_marked_sent() throws Exception {
        String topic = "relay-order-" + UUID.randomUUID();
        List<String> patients = List.of("p-a", "p-b", "p-c");
        for (int v = 1; v <= 40; v++) {
            for (String p : patients) {
                appendInOwnTransaction(topic, TestEvents.anEvent(p, v));
            }
        }

        try (OutboxRelay relay = relay()) {
            relay.start("test");
            List<EventEnvelope> received = consume(topic, 120);

            // Delivery is at least once: a broker that stalls past the producer's delivery timeout
            // makes the relay send a batch again (seen once in CI: 152 records for 120 events), and
            // consumers drop repeats by event id. What must hold: every event arrives, and each
            // patient's first deliveries are in version order.
            Map<UUID, EventEnvelope> first = new java.util.LinkedHashMap<>();
            received.forEach(e -> first.putIfAbsent(e.id(), e));
            assertThat(first).hasSize(120);
            Map<String, List<Long>> versions = new HashMap<>();
            first.values().forEach(e -> versions.computeIfAbsent(e.patientKey(), k -> new ArrayList<>())
                    .add(e.aggregateVersion()));
            for (String p : patients) {
                assertThat(versions.get(p)).as("versions of %s", p).isSorted().hasSize(40);
            }
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(unsent(topic)).isZero());
        }
    }

    @Test
    void an_event_appended_in_a_rolled_back_transaction_is_never_published() throws Exception {
        String topic = "relay-rollback-" + UUID.randomUUID();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            store.append(c, topic, TestEvents.anEvent("p-x", 1));
            c.rollback();
        }
        appendInOwnTransaction(topic, TestEvents.anEvent("p-x", 2));

        try (OutboxRelay relay = relay()) {
            relay.start("test");
            List<EventEnvelope> received = consume(topic, 1);
            assertThat(received).extracting(EventEnvelope::aggregateVersion).containsExactly(2L);
        }
    }

    @Test
    void two_relay_instances_never_reorder_one_patients_events() throws Exception {
        String topic = "relay-two-" + UUID.randomUUID();
        try (OutboxRelay first = relay();
                OutboxRelay second = relay()) {
            first.start("one");
            second.start("two");
            for (int v = 1; v <= 150; v++) {
                appendInOwnTransaction(topic, TestEvents.anEvent("p-" + (v % 5), v));
            }

            List<EventEnvelope> received = consume(topic, 150);

            Map<String, List<Long>> versions = new HashMap<>();
            received.forEach(e -> versions.computeIfAbsent(e.patientKey(), k -> new ArrayList<>())
                    .add(e.aggregateVersion()));
            versions.values().forEach(v -> assertThat(v).isSorted().doesNotHaveDuplicates());
            assertThat(received).hasSize(150);
            assertThat(first.publishedCount() + second.publishedCount()).isGreaterThanOrEqualTo(150);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(unsent(topic)).isZero());
        }
    }

    @Test
    void sent_rows_are_deleted_after_the_retention_period() throws Exception {
        String topic = "relay-cleanup-" + UUID.randomUUID();
        appendInOwnTransaction(topic, TestEvents.anEvent("p-c", 1));
        RelaySettings noRetention = new RelaySettings(
                100, Duration.ofMillis(200), Duration.ofMillis(50), Duration.ofMillis(500), Duration.ZERO, 16);

        try (OutboxRelay relay = new OutboxRelay(db, this::producer, noRetention, Clock.systemUTC())) {
            relay.start("cleanup");
            consume(topic, 1);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(rows(topic)).isZero());
        }
    }

    @Test
    void a_woken_relay_publishes_without_waiting_for_its_poll() throws Exception {
        String topic = "relay-wake-" + UUID.randomUUID();
        RelaySettings slowPoll = new RelaySettings(
                50, Duration.ofSeconds(60), Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofHours(1), 16);
        try (OutboxRelay relay = new OutboxRelay(db, this::producer, slowPoll, Clock.systemUTC())) {
            appendInOwnTransaction(topic, TestEvents.anEvent("p-w", 1));
            relay.start("wake");
            assertThat(consume(topic, 1)).hasSize(1); // the first pass; the relay now waits its 60 s poll
            appendInOwnTransaction(topic, TestEvents.anEvent("p-w", 2));

            relay.wakeUp();

            // Far below the 60 s poll: only the wake-up can have published it.
            assertThat(consumeWithin(topic, 2, Duration.ofSeconds(15)))
                    .extracting(EventEnvelope::aggregateVersion)
                    .containsExactly(1L, 2L);
        }
    }

    @Test
    void an_event_the_producer_refuses_at_once_is_not_overtaken_by_the_patients_next_one() throws Exception {
        String topic = "relay-refused-" + UUID.randomUUID();
        EventEnvelope small = TestEvents.anEvent("p-big", 1);
        byte[] big = ("{\"filler\":\"" + "x".repeat(4000) + "\"}").getBytes(StandardCharsets.UTF_8);
        EventEnvelope tooLarge = new EventEnvelope(
                small.id(),
                small.source(),
                small.type(),
                small.subject(),
                small.time(),
                small.patientKey(),
                small.kommun(),
                1,
                big);
        appendInOwnTransaction(topic, tooLarge);
        appendInOwnTransaction(topic, TestEvents.anEvent("p-big", 2));
        RelaySettings fast = new RelaySettings(
                50, Duration.ofMillis(200), Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofHours(1), 16);
        // A producer that refuses records over 2,000 bytes at send(): the first event fails at once.
        try (OutboxRelay relay = new OutboxRelay(
                db,
                () -> KafkaProducers.idempotent(bootstrap, "relay-it-small", Map.of("max.request.size", 2000)),
                fast,
                Clock.systemUTC())) {
            relay.start("test");
            await().atMost(Duration.ofSeconds(20)).until(() -> failures(topic) > 0);
            assertThat(consumeWithin(topic, 1, Duration.ofSeconds(3)))
                    .as("version 2 must wait behind version 1, not be published before it")
                    .isEmpty();
            assertThat(unsent(topic)).isEqualTo(2);
        }
    }

    private long failures(String topic) throws SQLException {
        return count(
                "select count(*) from naravard_platform.outbox_event where last_error is not null and topic = ?",
                topic);
    }

    @Test
    void the_outbox_refuses_an_event_id_twice() throws Exception {
        EventEnvelope once = TestEvents.anEvent("p-d", 1);
        appendInOwnTransaction("relay-dup", once);

        assertThatThrownBy(() -> appendInOwnTransaction("relay-dup", once)).isInstanceOf(SQLException.class);
    }

    private OutboxRelay relay() {
        RelaySettings fast = new RelaySettings(
                50, Duration.ofMillis(200), Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofHours(1), 16);
        return new OutboxRelay(db, this::producer, fast, Clock.systemUTC());
    }

    private org.apache.kafka.clients.producer.Producer<String, byte[]> producer() {
        return KafkaProducers.idempotent(bootstrap, "relay-it", Map.of());
    }

    private void appendInOwnTransaction(String topic, EventEnvelope e) throws Exception {
        TransactionRunner.jdbc(db).inTransaction(c -> {
            store.append(c, topic, e);
            return null;
        });
    }

    private long unsent(String topic) throws SQLException {
        return count("select count(*) from naravard_platform.outbox_event where sent_at is null and topic = ?", topic);
    }

    private long rows(String topic) throws SQLException {
        return count("select count(*) from naravard_platform.outbox_event where topic = ?", topic);
    }

    private long count(String sql, String topic) throws SQLException {
        try (Connection c = db.getConnection();
                var ps = c.prepareStatement(sql)) {
            ps.setString(1, topic);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static List<EventEnvelope> consume(String topic, int expected) {
        return consumeWithin(topic, expected, Duration.ofSeconds(30));
    }

    static List<EventEnvelope> consumeWithin(String topic, int expected, Duration within) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<EventEnvelope> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + within.toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    assertThat(r.key()).isEqualTo(CloudEventCodec.fromRecord(r).patientKey());
                    out.add(CloudEventCodec.fromRecord(r));
                }
            }
            // Anything beyond what was expected would be a duplicate or a leak: look briefly for it.
            for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(300))) {
                out.add(CloudEventCodec.fromRecord(r));
            }
        }
        assertThat(new String(out.isEmpty() ? new byte[0] : out.get(0).data(), StandardCharsets.UTF_8))
                .as("payload is JSON")
                .startsWith(out.isEmpty() ? "" : "{");
        return out;
    }
}
