package se.naravard.transition.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import se.naravard.infra.RestartablePostgres;

/**
 * transition-service's PostgreSQL stopped under it: a read and an admission answer 503 {@code
 * REQUEST-503} with {@code Retry-After}, and the admission refused did not happen; when the database is
 * back the same requests succeed (docs/operations.md "While the database is down"; the platform's
 * handler, contract-service's DatabaseOutageIT has the cases in full). A {@link RestartablePostgres} of
 * its own; the deadline clock off, so that nothing but the requests writes.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageIT extends TransitionServiceHarness {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OTHER_PATIENT = "19900602-2397";

    private final RestartablePostgres postgres = started(new RestartablePostgres());
    private final String outageDatabase = postgres.createDatabase("transition_outage");

    @Inject
    EmbeddedServer server;

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
        p.put("naravard.transition.clock.enabled", "false");
        return p;
    }

    @AfterAll
    void removePostgres() {
        postgres.close();
    }

    @Test
    void while_the_database_is_down_a_read_and_an_admission_are_503_and_the_refused_one_is_not_stored()
            throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant admitted = now.minus(Duration.ofHours(3));
        HttpResponse<String> created =
                post("/episodes", EpisodeJson.admit(EpisodeJson.TOLVAN, admitted, admitted.plusSeconds(600), true));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("id").asText();
        String before = outageFootprint();
        String admission = EpisodeJson.admit(OTHER_PATIENT, admitted, admitted.plusSeconds(600), true);

        postgres.stop();
        HttpResponse<String> read;
        HttpResponse<String> write;
        try {
            read = untilRefused(() -> get("/episodes/" + id));
            write = untilRefused(() -> post("/episodes", admission));
        } finally {
            postgres.start();
        }

        for (HttpResponse<String> r : java.util.List.of(read, write)) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
            JsonNode problem = JSON.readTree(r.body());
            assertThat(problem.path("code").asText()).isEqualTo("REQUEST-503");
            assertThat(problem.path("detail").asText()).contains("database is unavailable");
            assertThat(r.body())
                    .doesNotContainIgnoringCase("sql")
                    .doesNotContain(OTHER_PATIENT)
                    .doesNotContain(EpisodeJson.TOLVAN);
        }

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(get("/episodes/" + id).statusCode()).isEqualTo(200));
        // The refused admission did not happen: no episode, version, task, message or event more.
        assertThat(outageFootprint()).isEqualTo(before);

        HttpResponse<String> again = post("/episodes", admission);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(outageFootprint()).isNotEqualTo(before);
    }

    /**
     * The request, sent until it is answered 503. A write that took a pooled connection the pool had
     * not yet found dead fails under way and is a 500 (whether it was stored is not said; see
     * contract-service's DatabaseOutageIT); any answer but that 500 or the 503 fails the test.
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

    private String outageFootprint() throws SQLException {
        try (Connection c = DriverManager.getConnection(
                        postgres.jdbcUrl(outageDatabase), postgres.user(), postgres.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select (select count(*) from episode) || '/'"
                        + " || (select coalesce(sum(version), 0) from episode) || '/'"
                        + " || (select count(*) from episode_version) || '/'"
                        + " || (select count(*) from episode_task) || '/'"
                        + " || (select count(*) from episode_message) || '/'"
                        + " || (select count(*) from naravard_platform.outbox_event)")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
