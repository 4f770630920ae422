package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.naravard.infra.EmbeddedKafkaBroker;
import se.naravard.infra.RestartablePostgres;
import se.naravard.infra.TestIdentity;

/**
 * Fault test: contract-service's PostgreSQL stopped and started again while several clients write
 * through its real HTTP API (docs/operations.md "What the fault tests prove"). Its own PostgreSQL
 * (the JVM-wide one serves every other IT) and its own broker (the shared gateway's read cache must
 * not see this contract-service).
 *
 * <p>The service runs with a 2 s Hikari connection timeout (production: Hikari's 30 s), so that writes
 * during the outage are refused within the test rather than held until the database is back: both
 * paths are then exercised.
 */
class PostgresRestartUnderLoadIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "contract.events";
    /** The clients' patience: every write must be answered within it, accepted or refused. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(20);

    private static final List<String> PATIENTS =
            List.of("19121212-1212", "19900602-2397", "19571230-2842", "20000102-2391");

    private static RestartablePostgres postgres;
    private static EmbeddedKafkaBroker kafka;
    private static ServiceModuleProcess service;
    private static String database;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        postgres = new RestartablePostgres();
        postgres.start();
        kafka = new EmbeddedKafkaBroker();
        kafka.start();
        kafka.createTopics(3, TOPIC, TOPIC + ".dlq");
        database = postgres.createDatabase("fault_pg_contract");
        service = ServiceModuleProcess.start(
                ServiceModuleProcess.CONTRACT,
                postgres,
                database,
                kafka,
                Map.of("DATASOURCES_DEFAULT_CONNECTION_TIMEOUT", "2000"));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** What one write got: the contract id (2xx), or status and content type of a refusal, or no answer. */
    record Outcome(int status, String contentType, String body, String id, String noAnswer) {
        boolean accepted() {
            return status / 100 == 2;
        }
    }

    @Test
    void writes_through_a_postgres_restart_are_kept_or_cleanly_refused_and_every_accepted_one_is_published()
            throws Exception {
        long pid = service.pid();
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(PATIENTS.size());
        for (String patient : PATIENTS) {
            clients.execute(() -> {
                while (writing.get()) {
                    outcomes.add(create(patient));
                }
            });
        }
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> accepted(outcomes) >= 20);

            postgres.stop();
            try {
                await().atMost(Duration.ofSeconds(60))
                        .until(() ->
                                outcomes.stream().filter(o -> o.status() >= 500).count() >= 3);
                assertThat(get("/health/readiness").statusCode()).isEqualTo(503);
                assertThat(get("/health/liveness").statusCode()).isEqualTo(200);
            } finally {
                postgres.start();
            }
            long atRestart = accepted(outcomes);

            // Back unaided: ready again and taking writes, the same process.
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() ->
                            assertThat(get("/health/readiness").statusCode()).isEqualTo(200));
            await().atMost(Duration.ofSeconds(60)).until(() -> accepted(outcomes) >= atRestart + 20);
        } finally {
            writing.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(service.isAlive()).isTrue();
        assertThat(service.pid()).isEqualTo(pid);

        // Every write was answered within the client's timeout: accepted, or refused as a 5xx problem.
        List<Outcome> all = List.copyOf(outcomes);
        assertThat(all).extracting(Outcome::noAnswer).containsOnlyNulls();
        assertThat(all.stream().filter(o -> !o.accepted())).isNotEmpty().allSatisfy(o -> {
            assertThat(o.status()).as(o.body()).isBetween(500, 599);
            assertThat(o.contentType()).as(o.body()).startsWith("application/problem+json");
            assertThat(JSON.readTree(o.body()).path("status").asInt()).isEqualTo(o.status());
        });
        List<String> acceptedIds =
                all.stream().filter(Outcome::accepted).map(Outcome::id).toList();
        assertThat(acceptedIds).doesNotHaveDuplicates();

        // Every accepted write is there, read back through the API.
        for (String id : acceptedIds) {
            HttpResponse<String> read = service.send("GET", "/contracts/" + id, null);
            assertThat(read.statusCode())
                    .as("contract %s, accepted, read back: %s", id, read.body())
                    .isEqualTo(200);
        }

        // Every event in the outbox (the accepted writes' and any a refused-but-committed write left)
        // is published; none is lost, and a repeat carries the same event id.
        await().atMost(Duration.ofSeconds(60)).until(() -> unsent() == 0);
        Map<String, String> outbox = outboxEvents();
        List<FaultTopics.Event> onTopic = FaultTopics.readAll(kafka, TOPIC);
        Map<String, List<FaultTopics.Event>> byId =
                onTopic.stream().collect(Collectors.groupingBy(FaultTopics.Event::id));
        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(outbox.keySet());
        byId.forEach((eventId, copies) -> assertThat(copies)
                .as("copies of event %s", eventId)
                .extracting(FaultTopics.Event::subject, FaultTopics.Event::aggregateVersion)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(outbox.get(eventId), 1L)));
        Map<String, Set<String>> eventIdsPerContract = onTopic.stream()
                .collect(Collectors.groupingBy(
                        FaultTopics.Event::subject, Collectors.mapping(FaultTopics.Event::id, Collectors.toSet())));
        for (String id : acceptedIds) {
            assertThat(eventIdsPerContract.get(id))
                    .as("events of contract %s on %s", id, TOPIC)
                    .hasSize(1);
        }
        System.out.printf(
                "[fault] %d writes: %d accepted, %d refused; %d events on the topic, %d distinct%n",
                all.size(), acceptedIds.size(), all.size() - acceptedIds.size(), onTopic.size(), byId.size());
    }

    private static long accepted(ConcurrentLinkedQueue<Outcome> outcomes) {
        return outcomes.stream().filter(Outcome::accepted).count();
    }

    private Outcome create(String patient) {
        HttpRequest request = HttpRequest.newBuilder(service.baseUri().resolve("/contracts"))
                .timeout(CLIENT_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", TestIdentity.serviceAuthorization())
                .POST(HttpRequest.BodyPublishers.ofString(TestContracts.createJson(patient)))
                .build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            String contentType = r.headers().firstValue("Content-Type").orElse("");
            String id = null;
            if (r.statusCode() / 100 == 2) {
                JsonNode body = JSON.readTree(r.body());
                id = body.path("id").asText(null);
            }
            return new Outcome(r.statusCode(), contentType, r.body(), id, null);
        } catch (IOException e) {
            return new Outcome(0, "", "", null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(0, "", "", null, e.toString());
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(service.baseUri() + path))
                        .timeout(CLIENT_TIMEOUT)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long unsent() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery("select count(*) from naravard_platform.outbox_event where sent_at is null")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Event id → subject (the contract id) of every outbox row. */
    private static Map<String, String> outboxEvents() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select event_id, subject from naravard_platform.outbox_event")) {
            Map<String, String> rows = new HashMap<>();
            while (r.next()) {
                rows.put(r.getString(1), r.getString(2));
            }
            return rows;
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), postgres.password());
    }
}
