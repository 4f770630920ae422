package se.naravard.contract.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import se.naravard.infra.RestartablePostgres;
import se.naravard.platform.db.DatabaseFailures;
import se.naravard.platform.web.ProblemHandlers;

/**
 * The service's PostgreSQL stopped under it (fast shutdown, as a restart or failover does): a read and
 * a write are answered 503 {@code REQUEST-503} with {@code Retry-After}, at once rather than after
 * Hikari's 30 s, and the write refused did not happen; when the database is back the same requests
 * succeed, in the same process (docs/operations.md "While the database is down"). A failure that is
 * not the database's stays a 500, and so does a write whose commit itself failed, since that one may
 * have been stored.
 *
 * <p>A {@link RestartablePostgres} of its own (stopping the JVM-wide one would break every other IT);
 * the service runs with its default connection timeout ({@code NARAVARD_DB_CONNECTION_TIMEOUT}).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseOutageIT extends ContractServiceHarness {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OTHER_PATIENT = "19900602-2397";
    private static final int SOCKET_TIMEOUT_SECONDS = 3;

    private final RestartablePostgres postgres = started(new RestartablePostgres());
    private final String outageDatabase = postgres.createDatabase("contract_outage");

    @Inject
    EmbeddedServer server;

    @Inject
    TransactionOperations<Connection> transactions;

    private static RestartablePostgres started(RestartablePostgres p) {
        p.start();
        return p;
    }

    @Override
    protected URI baseUri() {
        return server.getURI();
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("datasources.default.url", postgres.jdbcUrl(outageDatabase));
        p.put("datasources.default.username", postgres.user());
        p.put("datasources.default.password", postgres.password());
        // Test 5: a query the database does not answer is given up after this (production: 30 s).
        p.put("datasources.default.data-source-properties.socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS));
        return p;
    }

    @AfterAll
    void removePostgres() {
        postgres.close();
    }

    @Test
    @Order(1)
    void while_the_database_is_down_a_read_and_a_write_are_503_and_the_refused_write_is_not_stored() throws Exception {
        HttpResponse<String> created = post("/contracts", ContractJson.create(ContractJson.TOLVAN));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("id").asText();
        String before = outageFootprint();

        postgres.stop();
        HttpResponse<String> read;
        HttpResponse<String> write;
        HttpResponse<String> change;
        try {
            read = untilRefused(() -> get("/contracts/" + id));
            write = untilRefused(() -> post("/contracts", ContractJson.create(OTHER_PATIENT)));
            change = untilRefused(() -> post(
                    "/contracts/" + id + "/status", ContractJson.status("active", "Överens"), "If-Match", "\"1\""));
        } finally {
            postgres.start();
        }

        assertDatabaseUnavailable(read, "/contracts/" + id);
        assertDatabaseUnavailable(write, "/contracts");
        assertDatabaseUnavailable(change, "/contracts/" + id + "/status");

        // Back unaided, the same process: the read succeeds again.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(get("/contracts/" + id).statusCode()).isEqualTo(200));
        // The refused writes did not happen: no contract, version, status or outbox event more than before.
        assertThat(outageFootprint()).isEqualTo(before);
        assertThat(contractsOf(OTHER_PATIENT)).isZero();
        assertThat(JSON.readTree(get("/contracts/" + id).body())
                        .path("status")
                        .path("code")
                        .asText())
                .isEqualTo("draft");

        // The same writes, sent again, are accepted.
        HttpResponse<String> again = post("/contracts", ContractJson.create(OTHER_PATIENT));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        HttpResponse<String> changed =
                post("/contracts/" + id + "/status", ContractJson.status("active", "Överens"), "If-Match", "\"1\"");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(contractsOf(OTHER_PATIENT)).isEqualTo(1);
    }

    @Test
    @Order(2)
    void a_failure_that_is_not_the_databases_being_away_stays_500() throws Exception {
        HttpResponse<String> created = post("/contracts", ContractJson.create(ContractJson.TOLVAN));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("id").asText();

        // The database is up but the query fails (SQLState 42P01, undefined table): a fault, not an outage.
        execute("alter table contract_review rename to contract_review_away");
        HttpResponse<String> reviews;
        try {
            reviews = get("/contracts/" + id + "/reviews");
        } finally {
            execute("alter table contract_review_away rename to contract_review");
        }

        assertThat(reviews.statusCode()).as(reviews.body()).isEqualTo(500);
        assertThat(reviews.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(reviews.headers().firstValue("Retry-After")).isEmpty();
        JsonNode problem = JSON.readTree(reviews.body());
        assertThat(problem.path("code").asText()).isEqualTo("REQUEST-500");
        assertThat(reviews.body()).doesNotContainIgnoringCase("contract_review").doesNotContain("42P01");
        assertThat(get("/contracts/" + id + "/reviews").statusCode()).isEqualTo(200);
    }

    /**
     * A write's connection lost while it ran, made for real through the service's own transaction
     * manager (the session terminated by the server, as a fast shutdown does): once during the commit
     * itself, whose outcome is unknown (the server may have committed first), once before it (rolled
     * back). Micronaut Data reports both alike (its clean-up runs into the connection Hikari closed,
     * and that replaces the first failure), so neither may claim "nothing was stored": a write is a
     * 500, a read a 503. What ProblemHandlers recognises here is what this Micronaut, Hikari and
     * driver really throw.
     */
    @Test
    @Order(3)
    void a_write_whose_connection_was_lost_during_the_commit_is_500_since_it_may_have_been_stored() {
        Throwable failure = catchThrowable(() -> transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            terminate(backendPid(c));
            return null;
        }));

        assertLostInUse(failure);
    }

    @Test
    @Order(4)
    void a_write_whose_connection_was_lost_before_the_commit_is_reported_alike_so_500_too() {
        Throwable failure = catchThrowable(() -> transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            terminate(backendPid(c));
            try (Statement s = c.createStatement()) {
                s.execute("select 1");
            }
            return null;
        }));

        assertLostInUse(failure);
    }

    /**
     * The database stops answering in the middle of a query (here: the table locked by another session,
     * so the read waits; on a network partition no answer comes either, and no connection reset): the
     * driver gives the query up after its socket timeout ({@code NARAVARD_DB_SOCKET_TIMEOUT}), the read
     * is answered 503 and its connection leaves the pool. Without it the request would be held as long
     * as the lock (or the partition) lasts: the client's 20 s bound fails the test then. When the
     * database answers again, so does the service.
     */
    @Test
    @Order(5)
    void a_query_the_database_does_not_answer_is_given_up_after_the_socket_timeout() throws Exception {
        HttpResponse<String> created = post("/contracts", ContractJson.create(ContractJson.TOLVAN));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("id").asText();

        HttpResponse<String> read;
        try (Connection locker = connect()) {
            locker.setAutoCommit(false);
            try (Statement s = locker.createStatement()) {
                s.execute("lock table contract in access exclusive mode");
            }
            read = getWithin("/contracts/" + id, Duration.ofSeconds(20));
            locker.rollback();
        }

        assertDatabaseUnavailable(read, "/contracts/" + id);
        assertThat(get("/contracts/" + id).statusCode()).isEqualTo(200);
    }

    /** A GET whose client gives up after {@code patience}: an HttpTimeoutException then fails the test. */
    private HttpResponse<String> getWithin(String path, Duration patience) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        baseUri().resolve(path))
                .timeout(patience)
                .header("Authorization", se.naravard.infra.TestIdentity.serviceAuthorization())
                .GET()
                .build();
        return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertLostInUse(Throwable failure) {
        assertThat(failure).isNotNull();
        assertThat(DatabaseFailures.isUnavailable(failure))
                .as(failure.toString())
                .isTrue();
        assertThat(DatabaseFailures.isConnectionLostInUse(failure))
                .as(failure.toString())
                .isTrue();
        assertThat(ProblemHandlers.answersUnavailable(HttpMethod.POST, failure))
                .as(failure.toString())
                .isFalse();
        assertThat(ProblemHandlers.answersUnavailable(HttpMethod.GET, failure))
                .as(failure.toString())
                .isTrue();
    }

    /** The session of {@code c}, after a first statement (so that its transaction has begun on the server). */
    private static int backendPid(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select pg_backend_pid()")) {
            r.next();
            return r.getInt(1);
        }
    }

    /**
     * The request, sent until it is answered 503. A write that took a pooled connection the pool had
     * not yet found dead fails under way and is a 500 (whether it was stored is not said, see test 3);
     * any answer but that 500 or the 503 fails the test. Nothing is stored meanwhile: the database is down.
     */
    private static HttpResponse<String> untilRefused(java.util.function.Supplier<HttpResponse<String>> request) {
        java.util.concurrent.atomic.AtomicReference<HttpResponse<String>> last =
                new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            HttpResponse<String> r = request.get();
            if (r.statusCode() != 503) {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(500);
                assertThat(JSON.readTree(r.body()).path("code").asText()).isEqualTo("REQUEST-500");
            }
            last.set(r);
            return r.statusCode() == 503;
        });
        return last.get();
    }

    private static void assertDatabaseUnavailable(HttpResponse<String> r, String path) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("code").asText()).isEqualTo("REQUEST-503");
        assertThat(problem.path("type").asText()).isEqualTo("urn:naravard:problem:request-503");
        assertThat(problem.path("instance").asText()).isEqualTo(path);
        assertThat(problem.path("detail").asText())
                .contains("database is unavailable")
                .contains("nothing was stored");
        // No internals, no personal data.
        assertThat(r.body())
                .doesNotContainIgnoringCase("hikari")
                .doesNotContainIgnoringCase("jdbc")
                .doesNotContainIgnoringCase("sql")
                .doesNotContain("localhost")
                .doesNotContain(OTHER_PATIENT)
                .doesNotContain(ContractJson.TOLVAN);
    }

    /** Row counts of every table a write touches, and the sum of versions: equal means nothing written. */
    private String outageFootprint() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select (select count(*) from contract) || '/'"
                        + " || (select coalesce(sum(version), 0) from contract) || '/'"
                        + " || (select count(*) from contract_version) || '/'"
                        + " || (select count(*) from naravard_platform.outbox_event)")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private int contractsOf(String personnummer) throws SQLException {
        try (Connection c = connect();
                PreparedStatement ps =
                        c.prepareStatement("select count(*) from contract where replace(patient_value, '-', '') = ?")) {
            ps.setString(1, personnummer.replace("-", ""));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Ends the session {@code pid} and waits until it is gone (PostgreSQL 14+: the timeout argument). */
    private void terminate(int pid) throws SQLException {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement("select pg_terminate_backend(?, 10000)")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("session %d terminated", pid).isTrue();
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(outageDatabase), postgres.user(), postgres.password());
    }
}
