package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.naravard.infra.EmbeddedKafkaBroker;
import se.naravard.infra.RestartablePostgres;
import se.naravard.infra.TestIdentity;

/**
 * Fault test: a service's PostgreSQL (contract-service's, then transition-service's) stopped and
 * started again while several clients write through its real HTTP API (docs/operations.md "What the fault tests prove"). Its own PostgreSQL
 * (the JVM-wide one serves every other IT) and its own broker (the shared gateway's read cache must
 * not see this service's events).
 *
 * <p>The service runs with a 2 s connection timeout ({@code NARAVARD_DB_CONNECTION_TIMEOUT}, the
 * production default too), so that writes during the outage are refused within the test rather than
 * held until the database is back: both paths are then exercised. What exactly a refused request is
 * answered (503 {@code REQUEST-503}, or 500 when the commit itself broke) is contract-service's
 * DatabaseOutageIT.
 */
class PostgresRestartUnderLoadIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The clients' patience: every write must be answered within it, accepted or refused. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(20);

    private static final List<String> PATIENTS =
            List.of("19121212-1212", "19900602-2397", "19571230-2842", "20000102-2391");

    private RestartablePostgres postgres;
    private EmbeddedKafkaBroker kafka;
    private ServiceModuleProcess service;
    private String database;
    private Target target;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * A service under test: its module, the create it is loaded with (patient → JSON body, at {@code
     * path}) and its topic.
     */
    record Target(ServiceModuleProcess.Module module, String path, Function<String, String> body) {
        String topic() {
            return module.topic();
        }

        @Override
        public String toString() {
            return module.module();
        }
    }

    static Stream<Target> targets() {
        return Stream.of(
                new Target(ServiceModuleProcess.CONTRACT, "/contracts", TestContracts::createJson),
                new Target(ServiceModuleProcess.TRANSITION, "/episodes", PostgresRestartUnderLoadIT::admission));
    }

    @AfterEach
    void stop() {
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

    /** What one write got: the id of what it created (2xx), or status and content type of a refusal, or no answer. */
    record Outcome(int status, String contentType, String body, String id, String noAnswer) {
        boolean accepted() {
            return status / 100 == 2;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void writes_through_a_postgres_restart_are_kept_or_cleanly_refused_and_every_accepted_one_is_published(
            Target target) throws Exception {
        this.target = target;
        postgres = new RestartablePostgres();
        postgres.start();
        kafka = new EmbeddedKafkaBroker();
        kafka.start();
        kafka.createTopics(3, target.topic(), target.topic() + ".dlq");
        database = postgres.createDatabase("fault_pg_" + target.module().name());
        service = ServiceModuleProcess.start(
                target.module(), postgres, database, kafka, Map.of("NARAVARD_DB_CONNECTION_TIMEOUT", "2000"));

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
            HttpResponse<String> read = service.send("GET", target.path() + "/" + id, null);
            assertThat(read.statusCode())
                    .as("%s, accepted, read back: %s", id, read.body())
                    .isEqualTo(200);
        }

        // Every event in the outbox (the accepted writes' and any a refused-but-committed write left)
        // is published; none is lost, and a repeat carries the same event id.
        await().atMost(Duration.ofSeconds(60)).until(() -> unsent() == 0);
        Map<String, String> outbox = outboxEvents();
        List<FaultTopics.Event> onTopic = FaultTopics.readAll(kafka, target.topic());
        Map<String, List<FaultTopics.Event>> byId =
                onTopic.stream().collect(Collectors.groupingBy(FaultTopics.Event::id));
        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(outbox.keySet());
        byId.forEach((eventId, copies) -> assertThat(copies)
                .as("copies of event %s", eventId)
                .extracting(FaultTopics.Event::subject)
                .containsOnly(outbox.get(eventId)));
        Map<String, Set<String>> onTopicPerAggregate = onTopic.stream()
                .collect(Collectors.groupingBy(
                        FaultTopics.Event::subject, Collectors.mapping(FaultTopics.Event::id, Collectors.toSet())));
        Map<String, Set<String>> inOutboxPerAggregate = outbox.entrySet().stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toSet())));
        for (String id : acceptedIds) {
            assertThat(inOutboxPerAggregate.get(id))
                    .as("outbox events of %s", id)
                    .isNotEmpty();
            assertThat(onTopicPerAggregate.get(id))
                    .as("events of %s on %s", id, target.topic())
                    .isEqualTo(inOutboxPerAggregate.get(id));
        }
        System.out.printf(
                "[fault] %s: %d writes: %d accepted, %d refused; %d events on the topic, %d distinct%n",
                target, all.size(), acceptedIds.size(), all.size() - acceptedIds.size(), onTopic.size(), byId.size());
    }

    private static long accepted(ConcurrentLinkedQueue<Outcome> outcomes) {
        return outcomes.stream().filter(Outcome::accepted).count();
    }

    private Outcome create(String patient) {
        HttpRequest request = HttpRequest.newBuilder(service.baseUri().resolve(target.path()))
                .timeout(CLIENT_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", TestIdentity.serviceAuthorization())
                .POST(HttpRequest.BodyPublishers.ofString(target.body().apply(patient)))
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

    private long unsent() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery("select count(*) from naravard_platform.outbox_event where sent_at is null")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Event id → subject (the contract id) of every outbox row. */
    private Map<String, String> outboxEvents() throws SQLException {
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

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), postgres.password());
    }

    /** An inpatient admission (transition-service), as SubscriptionIT makes them. */
    static String admission(String patient) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode body = JSON.createObjectNode()
                .put("patient", patient)
                .put("admittingUnit", "SE2321000057-AVD1")
                .put("kommun", "0680")
                .put("admittedAt", now.minus(Duration.ofHours(3)).toString())
                .put(
                        "physicianAssessedAt",
                        now.minus(Duration.ofHours(3)).plusSeconds(600).toString())
                .put(
                        "expectedDischargeDate",
                        now.plus(Duration.ofDays(3)).toString().substring(0, 10))
                .put("needsBothPrincipals", true)
                .put("mayNeedHelpAfterDischarge", true);
        body.set(
                "actor",
                JSON.createObjectNode().put("person", "SE2321000057-N001").put("unit", "SE2321000057-AVD1"));
        return body.toString();
    }
}
