package se.naravard.contract.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.ds.PGSimpleDataSource;
import se.naravard.platform.consumer.ConsumerSettings;
import se.naravard.platform.consumer.IdempotentConsumer;
import se.naravard.platform.consumer.TransactionRunner;
import se.naravard.platform.events.Topics;
import se.naravard.platform.outbox.KafkaProducers;
import se.naravard.platform.outbox.OutboxRelay;
import se.naravard.platform.outbox.PlatformSchema;

/**
 * Kafka down must never fail or lose a write (ARCHITECTURE.md "Events"): while the broker is stopped
 * every write succeeds and waits in the outbox; when it is back every event arrives, in per-patient
 * order, and an idempotent consumer applies each exactly once.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaOutageIT extends ContractServiceHarness {

    static final List<String> PATIENTS = List.of("19571230-2842", "20000102-2391", "19810107-9294");

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    OutboxRelay relay;

    @Override
    protected URI baseUri() {
        return server.getURI();
    }

    @AfterAll
    void brokerBack() {
        INFRA.kafka().start();
    }

    @Test
    void writes_succeed_while_kafka_is_down_and_every_event_arrives_once_in_order_afterwards() throws Exception {
        DataSource consumerDb = consumerDatabase();
        INFRA.kafka().stop();

        Map<String, Integer> writesPerContract = new HashMap<>();
        for (String patient : PATIENTS) {
            HttpResponse<String> created = post("/contracts", ContractJson.create(patient));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = (String) json.readValue(created.body(), Map.class).get("id");
            int version = 1;
            version = expectOk(post(
                    "/contracts/" + id + "/status",
                    ContractJson.status("active", "Överens"),
                    "If-Match",
                    etag(version)));
            version = expectOk(put(
                    "/contracts/" + id + "/parts/nasta-steg",
                    ContractJson.putPart(ContractJson.nextSteps().replace("Uppföljande besök", "Telefonsamtal")),
                    "If-Match",
                    etag(version)));
            version = expectOk(post(
                    "/contracts/" + id + "/status",
                    ContractJson.status("active", "Överens igen"),
                    "If-Match",
                    etag(version)));
            version = expectOk(post(
                    "/contracts/" + id + "/status",
                    ContractJson.status("completed", "Klart"),
                    "If-Match",
                    etag(version)));
            writesPerContract.put(id, version);
        }
        assertThat(relay.backlog().pending()).as("events wait in the outbox").isGreaterThanOrEqualTo(15);
        // What an operator sees meanwhile (docs/operations.md "Observability"): the backlog, its age and
        // the relay's failed attempts rise.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = scrape();
            assertThat(metric(scrape, "naravard_outbox_backlog_events")).isGreaterThanOrEqualTo(15);
            assertThat(metric(scrape, "naravard_outbox_oldest_age_seconds")).isPositive();
            assertThat(metric(scrape, "naravard_outbox_publish_failures_total")).isGreaterThanOrEqualTo(1);
        });

        INFRA.kafka().start();
        try (IdempotentConsumer consumer = new IdempotentConsumer(
                new ConsumerSettings(
                        INFRA.kafka().bootstrapServers(),
                        "outage-it-" + UUID.randomUUID(),
                        List.of(Topics.CONTRACT_EVENTS),
                        3,
                        Duration.ofMillis(50)),
                TransactionRunner.jdbc(consumerDb),
                (event, c) -> {
                    try (PreparedStatement ps = c.prepareStatement("insert into applied values (?, ?, ?, default)")) {
                        ps.setObject(1, event.id());
                        ps.setString(2, event.subject());
                        ps.setLong(3, event.aggregateVersion());
                        ps.executeUpdate();
                    }
                },
                KafkaProducers.idempotent(INFRA.kafka().bootstrapServers(), "outage-it-dlq", Map.of()))) {
            consumer.start();

            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(applied(consumerDb, writesPerContract.keySet()))
                            .hasSize(15));
        }

        Map<String, List<Long>> versions = new HashMap<>();
        for (var e : appliedInOrder(consumerDb, writesPerContract.keySet())) {
            versions.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
        writesPerContract.forEach(
                (id, last) -> assertThat(versions.get(id)).as("contract %s", id).containsExactly(1L, 2L, 3L, 4L, 5L));
        assertThat(relay.backlog().pending()).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String scrape = scrape();
            assertThat(metric(scrape, "naravard_outbox_backlog_events")).isZero();
            assertThat(metric(scrape, "naravard_outbox_oldest_age_seconds")).isZero();
            assertThat(metric(scrape, "naravard_outbox_published_events_total")).isGreaterThanOrEqualTo(15);
        });
    }

    private int expectOk(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ((Number) json.readValue(r.body(), Map.class).get("version")).intValue();
    }

    private static String etag(int version) {
        return "\"" + version + "\"";
    }

    private DataSource consumerDatabase() throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(INFRA.postgres().jdbcUrl(INFRA.postgres().createDatabase("outage_consumer")));
        ds.setUser(INFRA.postgres().user());
        ds.setPassword(INFRA.postgres().password());
        PlatformSchema.migrate(ds);
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("create table applied (event_id uuid primary key, subject text not null,"
                    + " version bigint not null, seq bigint generated always as identity)");
        }
        return ds;
    }

    private static List<String> applied(DataSource ds, Set<String> subjects) throws Exception {
        List<String> out = new ArrayList<>();
        for (var e : appliedInOrder(ds, subjects)) {
            out.add(e.getKey() + "@" + e.getValue());
        }
        return out;
    }

    /** (subject, version) in the order the consumer applied them. */
    private static List<Map.Entry<String, Long>> appliedInOrder(DataSource ds, Set<String> subjects) throws Exception {
        List<Map.Entry<String, Long>> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select subject, version from applied where subject = any(?) order by seq")) {
            ps.setArray(1, c.createArrayOf("text", subjects.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Map.entry(rs.getString(1), rs.getLong(2)));
                }
            }
        }
        return out;
    }
}
