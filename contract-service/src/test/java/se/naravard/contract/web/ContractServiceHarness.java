package se.naravard.contract.web;

import io.micronaut.test.support.TestPropertyProvider;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import se.naravard.infra.HttpTestClient;
import se.naravard.infra.TestIdentity;
import se.naravard.infra.TestInfra;

/**
 * Shared set-up of the contract-service ITs: a database of its own on the JVM-wide PostgreSQL, the
 * JVM-wide Kafka broker, a random HTTP port, and plain {@code java.net.http} calls so that tests see
 * exactly what a client sees (status, headers, raw body), made with a service token as a peer service
 * makes them.
 */
public abstract class ContractServiceHarness implements TestPropertyProvider {

    protected static final TestInfra INFRA = TestInfra.get();
    protected final String database = INFRA.postgres().createDatabase("contract");
    private final HttpTestClient http = HttpTestClient.withServiceToken(this::baseUri);

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("datasources.default.url", INFRA.postgres().jdbcUrl(database));
        p.put("datasources.default.username", INFRA.postgres().user());
        p.put("datasources.default.password", INFRA.postgres().password());
        p.put("naravard.kafka.bootstrap-servers", INFRA.kafka().bootstrapServers());
        // A poll this slow never publishes within a test's wait: every event the ITs see went out
        // through the after-commit wake-up.
        p.put("naravard.outbox.poll-interval", "60s");
        // Outbox backlog and consumer lag gauges are read this often (production: 15s).
        p.put("naravard.metrics.refresh-interval", "300ms");
        p.put("naravard.outbox.max-backoff", "1s");
        p.put("micronaut.server.port", "-1");
        // The internal API accepts service tokens of the JVM's test identity provider (the tests'
        // client and the gateway's); every call of this harness sends the tests' one.
        p.putAll(TestIdentity.serviceAuthProperties());
        return p;
    }

    protected abstract URI baseUri();

    protected HttpResponse<String> send(String method, String path, String body, String... headers) {
        return http.send(method, path, body, headers);
    }

    protected HttpResponse<String> post(String path, String body, String... headers) {
        return send("POST", path, body, headers);
    }

    protected HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    protected HttpResponse<String> put(String path, String body, String... headers) {
        return send("PUT", path, body, headers);
    }

    /** Row counts of every table a write touches: equal before and after means nothing was written. */
    protected String footprint() {
        try (Connection c = DriverManager.getConnection(
                        INFRA.postgres().jdbcUrl(database),
                        INFRA.postgres().user(),
                        INFRA.postgres().password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select (select count(*) from contract) || '/'"
                        + " || (select coalesce(sum(version), 0) from contract) || '/'"
                        + " || (select count(*) from contract_version) || '/'"
                        + " || (select count(*) from contract_review) || '/'"
                        + " || (select count(*) from listing_patient) || '/'"
                        + " || (select count(*) from listing_version) || '/'"
                        + " || (select count(*) from naravard_platform.outbox_event)")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code GET /prometheus} as a scraper sends it: without a token. */
    protected String scrape() {
        return se.naravard.infra.Prometheus.scrape(baseUri());
    }

    /** The sum of a metric's samples whose labels contain every one of {@code labels}; -1 when none. */
    protected static double metric(String scrape, String metric, String... labels) {
        return se.naravard.infra.Prometheus.value(scrape, metric, labels);
    }
}
