package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.naravard.infra.PostgresHandle;
import se.naravard.infra.TestInfra;

/**
 * The gateway's own database (the access log, the spärrar, the subscriptions, the follow-up store) gone
 * while the services stay up: a read that would disclose patient data is refused 503 with an
 * OperationOutcome, within the connection timeout ({@code NARAVARD_DB_CONNECTION_TIMEOUT}, 2 s) rather
 * than after Hikari's 30 s, and nothing is disclosed unlogged; when the database takes connections
 * again the same read succeeds, in the same process (docs/operations.md "While the database is down").
 *
 * <p>The outage is made on the JVM-wide PostgreSQL for this gateway's database alone: it stops taking
 * connections ({@code ALLOW_CONNECTIONS false}) and its sessions are ended, as a failover ends them; the
 * services' databases and the shared gateway's stay up.
 */
class GatewayDatabaseOutageIT {

    /** The client's patience: far past the 2 s connection timeout, well below Hikari's default 30 s. */
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private static final GatewayStack STACK = GatewayStack.get();

    private static PostgresHandle postgres;
    private static String database;
    private static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        postgres = TestInfra.get().postgres();
        database = postgres.createDatabase("gateway_outage");
        gateway = GatewayInstance.startWith(
                STACK.contractService.baseUri(),
                STACK.transitionService.baseUri(),
                STACK.sipService.baseUri(),
                Map.of("datasources.default.url", postgres.jdbcUrl(database)));
    }

    @AfterAll
    static void stop() throws SQLException {
        allowConnections(true);
        gateway.close();
    }

    @Test
    void while_its_own_database_is_away_a_read_is_503_and_nothing_is_disclosed_then_it_reads_again() throws Exception {
        String path = "/CarePlan/" + STACK.contracts.ids.get("active");
        assertThat(read(path).statusCode()).isEqualTo(200);

        HttpResponse<String> refused;
        allowConnections(false);
        try {
            refused = read(path);
        } finally {
            allowConnections(true);
        }

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        OperationOutcome outcome =
                FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, refused.body());
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TRANSIENT);
        assertThat(refused.body())
                .doesNotContain("\"resourceType\": \"CarePlan\"")
                .doesNotContain("careTeam");

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(read(path).statusCode()).isEqualTo(200));
    }

    private static HttpResponse<String> read(String path) throws Exception {
        return gateway.getWithin(path, PATIENCE);
    }

    /** This gateway's database takes new connections or not; not taking them ends the ones it has. */
    private static void allowConnections(boolean allow) throws SQLException {
        try (Connection c = DriverManager.getConnection(
                        postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
                Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS " + allow);
            if (!allow) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            }
        }
    }
}
