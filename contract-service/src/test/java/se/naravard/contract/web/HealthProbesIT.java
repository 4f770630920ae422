package se.naravard.contract.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The paths deploy/k8s probes and deploy/compose's healthchecks call: liveness is the process alone,
 * readiness includes the database and reports the outbox relay (docs/operations.md "Health").
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthProbesIT extends ContractServiceHarness {

    @Inject
    EmbeddedServer server;

    @Override
    protected URI baseUri() {
        return server.getURI();
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        // A probe of an unreachable database answers within this, not Hikari's default 30 s.
        p.put("datasources.default.connection-timeout", "1000");
        return p;
    }

    @Test
    void liveness_and_readiness_answer_up_and_readiness_includes_the_database_and_the_relay() {
        HttpResponse<String> liveness = get("/health/liveness");
        HttpResponse<String> readiness = get("/health/readiness");

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"UP\"").doesNotContain("jdbc");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body())
                .contains("\"UP\"")
                .contains("jdbc")
                .contains("\"relay\":\"publishing\"")
                .contains("\"backlog\"");
    }

    @Test
    void readiness_goes_down_while_the_database_is_unreachable_and_liveness_stays_up() throws Exception {
        try {
            refuseConnections(true);
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() ->
                            assertThat(get("/health/readiness").statusCode()).isEqualTo(503));
            assertThat(get("/health/liveness").statusCode()).isEqualTo(200);
        } finally {
            refuseConnections(false);
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(get("/health/readiness").statusCode()).isEqualTo(200));
    }

    /** Makes the service's database refuse new connections and drops the open ones, or undoes it. */
    private void refuseConnections(boolean refuse) throws Exception {
        try (Connection c = DriverManager.getConnection(
                        INFRA.postgres().jdbcUrl("postgres"),
                        INFRA.postgres().user(),
                        INFRA.postgres().password());
                Statement s = c.createStatement()) {
            s.execute("alter database " + database + " allow_connections " + !refuse);
            if (refuse) {
                s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database + "'");
            }
        }
    }
}
