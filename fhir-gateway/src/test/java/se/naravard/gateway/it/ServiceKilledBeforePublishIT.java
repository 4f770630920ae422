package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import se.naravard.infra.EmbeddedKafkaBroker;
import se.naravard.infra.PostgresHandle;
import se.naravard.infra.TestInfra;
import se.naravard.platform.consumer.ConsumerSettings;
import se.naravard.platform.consumer.IdempotentConsumer;
import se.naravard.platform.consumer.TransactionRunner;
import se.naravard.platform.outbox.KafkaProducers;
import se.naravard.platform.outbox.PlatformSchema;

/**
 * Fault test: contract-service SIGKILLed after its database commit and before its relay published
 * (docs/operations.md "What the fault tests prove"). "Committed, not yet published" is made
 * deterministic, not raced: the first instance runs without a relay ({@code
 * NARAVARD_OUTBOX_RELAY_ENABLED=false}, an existing setting), so its events stay in the outbox; it is
 * killed, a new instance (with its relay) starts on the same database, and the events go out,
 * each applied exactly once by the platform's idempotent consumer. A broker of its own, so the shared
 * gateway's read cache never sees this contract-service.
 */
class ServiceKilledBeforePublishIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "contract.events";

    private static EmbeddedKafkaBroker kafka;
    private static ServiceModuleProcess service;
    private static IdempotentConsumer consumer;

    @BeforeAll
    static void startBroker() {
        kafka = new EmbeddedKafkaBroker();
        kafka.start();
        kafka.createTopics(3, TOPIC, TOPIC + ".dlq");
    }

    @AfterAll
    static void stop() {
        if (consumer != null) {
            consumer.close();
        }
        if (service != null) {
            service.close();
        }
        kafka.close();
    }

    @Test
    void events_committed_but_not_published_when_the_service_is_killed_go_out_once_after_its_restart()
            throws Exception {
        PostgresHandle postgres = TestInfra.get().postgres();
        String database = postgres.createDatabase("fault_killed_contract");

        // An idempotent consumer of contract.events, as any service's: applies each event id once.
        Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();
        List<String> order = new CopyOnWriteArrayList<>();
        consumer = idempotentConsumer(postgres, (event, transaction) -> {
            applied.computeIfAbsent(event.id().toString(), k -> new AtomicInteger())
                    .incrementAndGet();
            order.add(event.subject() + "@" + event.aggregateVersion());
        });
        consumer.start();

        ServiceModuleProcess first = ServiceModuleProcess.start(
                ServiceModuleProcess.CONTRACT,
                postgres,
                database,
                kafka,
                Map.of("NARAVARD_OUTBOX_RELAY_ENABLED", "false"));
        String id;
        try {
            HttpResponse<String> created =
                    first.send("POST", "/contracts", TestContracts.createJson(TestContracts.TOLVAN));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            id = JSON.readTree(created.body()).get("id").asText();
            HttpResponse<String> activated = first.send(
                    "POST",
                    "/contracts/" + id + "/status",
                    "{\"status\":\"active\",\"actor\":" + TestContracts.actor() + ",\"reason\":\"Överenskommet\"}",
                    "If-Match",
                    "\"1\"");
            assertThat(activated.statusCode()).as(activated.body()).isEqualTo(200);

            // Committed: both events are in the outbox, unsent; nothing is on the topic.
            assertThat(outbox(postgres, database))
                    .extracting(Row::subject, Row::version, Row::sent)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(id, 1L, false),
                            org.assertj.core.groups.Tuple.tuple(id, 2L, false));
            assertThat(FaultTopics.size(kafka, TOPIC)).isZero();
        } finally {
            first.kill();
        }
        assertThat(first.isAlive()).isFalse();
        assertThat(outbox(postgres, database)).extracting(Row::sent).containsOnly(false);

        service = ServiceModuleProcess.start(ServiceModuleProcess.CONTRACT, postgres, database, kafka, Map.of());
        List<String> eventIds =
                outbox(postgres, database).stream().map(Row::eventId).toList();

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(applied).containsKeys(eventIds.toArray(String[]::new)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(outbox(postgres, database))
                .extracting(Row::sent)
                .containsOnly(true));
        // Every row is marked sent, so the topic is final; the consumer has read it all once the
        // repeats on it are absorbed.
        List<FaultTopics.Event> onTopic = FaultTopics.readAll(kafka, TOPIC);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(consumer.duplicateCount()).isEqualTo(onTopic.size() - eventIds.size()));

        // On the topic at least once; a repeat (the relay republishes a batch Kafka did not fully
        // acknowledge) carries the same event id, aggregate and version.
        assertThat(onTopic.stream().map(FaultTopics.Event::id).distinct())
                .containsExactlyInAnyOrderElementsOf(eventIds);
        assertThat(onTopic.stream()
                        .map(e -> e.id() + " " + e.subject() + "@" + e.aggregateVersion())
                        .distinct())
                .hasSize(eventIds.size());
        // Applied exactly once each, in order; every repeat absorbed as a duplicate.
        assertThat(applied.keySet()).containsExactlyInAnyOrderElementsOf(eventIds);
        assertThat(applied.values()).extracting(AtomicInteger::get).containsOnly(1);
        assertThat(order).containsExactly(id + "@1", id + "@2");
    }

    record Row(String eventId, String subject, long version, boolean sent) {}

    private static List<Row> outbox(PostgresHandle postgres, String database) throws SQLException {
        try (Connection c =
                        DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), postgres.password());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select event_id, subject, aggregate_version, sent_at is not null"
                        + " from naravard_platform.outbox_event order by seq")) {
            List<Row> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(new Row(r.getString(1), r.getString(2), r.getLong(3), r.getBoolean(4)));
            }
            return rows;
        }
    }

    private static IdempotentConsumer idempotentConsumer(
            PostgresHandle postgres, se.naravard.platform.consumer.EventHandler handler) {
        String database = postgres.createDatabase("fault_consumer");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(postgres.jdbcUrl(database));
        dataSource.setUser(postgres.user());
        dataSource.setPassword(postgres.password());
        PlatformSchema.migrate(dataSource);
        return new IdempotentConsumer(
                new ConsumerSettings(
                        kafka.bootstrapServers(),
                        "fault-consumer-" + UUID.randomUUID(),
                        List.of(TOPIC),
                        3,
                        Duration.ofMillis(100)),
                TransactionRunner.jdbc(dataSource),
                handler,
                KafkaProducers.idempotent(kafka.bootstrapServers(), "fault-consumer-dlq", Map.of()));
    }
}
