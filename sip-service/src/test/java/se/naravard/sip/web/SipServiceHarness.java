package se.naravard.sip.web;

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
 * Shared set-up of the sip-service ITs: a database of its own on the JVM-wide PostgreSQL, the
 * JVM-wide Kafka broker, a random HTTP port, and plain {@code java.net.http} calls so that tests see
 * exactly what a client sees (status, headers, raw body), made with a service token as a peer service
 * makes them.
 */
public abstract class SipServiceHarness implements TestPropertyProvider {

    protected static final TestInfra INFRA = TestInfra.get();
    protected final String database = INFRA.postgres().createDatabase("sip");
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
        p.put("naravard.outbox.max-backoff", "1s");
        p.put("micronaut.server.port", "-1");
        // One consumer group on the JVM-wide broker: only the IT about it follows transition.events,
        // or the contexts of other test classes would take its partitions.
        p.put("naravard.sip.transition-reaction.enabled", "false");
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

    protected HttpResponse<String> delete(String path, String body, String... headers) {
        return send("DELETE", path, body, headers);
    }

    /** An If-Match header pair for {@code version}. */
    protected static String[] ifMatch(int version) {
        return new String[] {"If-Match", "\"" + version + "\""};
    }

    /** The SIP id in a SIP document (its first field). */
    protected static String idOf(String body) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(body);
        if (!m.find()) {
            throw new AssertionError("no SIP id in " + body);
        }
        return m.group(1);
    }

    /** Sends one change and insists it is accepted. */
    protected HttpResponse<String> accepted(String method, String path, String body, int basedOn) {
        HttpResponse<String> r = send(method, path, body, ifMatch(basedOn));
        if (r.statusCode() != 200) {
            throw new AssertionError(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r;
    }

    /**
     * A draft SIP that meets every activation rule, at version 7: two unit participants, consent,
     * an intervention with its responsible, overall responsibility and a follow-up date.
     */
    protected String readyToActivate(String person) {
        HttpResponse<String> created = post("/sips", SipJson.draft(person));
        if (created.statusCode() != 201) {
            throw new AssertionError(created.body());
        }
        String id = idOf(created.body());
        String sip = "/sips/" + id;
        accepted("POST", sip + "/participants", SipJson.participant(SipJson.regionUnit()), 1);
        accepted("POST", sip + "/participants", SipJson.participant(SipJson.municipalUnit()), 2);
        accepted("POST", sip + "/consents", SipJson.consent(SipJson.consentJson()), 3);
        accepted("PUT", sip + "/interventions/hemtjanst-1", SipJson.intervention(SipJson.interventionJson()), 4);
        accepted("PUT", sip + "/overall-responsibility", SipJson.overallResponsibility("MUNICIPALITY"), 5);
        accepted(
                "PUT",
                sip + "/follow-up",
                SipJson.followUp(SipJson.followUpDate().toString(), "vc"),
                6);
        return id;
    }

    /** Row counts of every table a write touches: equal before and after means nothing was written. */
    protected String footprint() {
        try (Connection c = DriverManager.getConnection(
                        INFRA.postgres().jdbcUrl(database),
                        INFRA.postgres().user(),
                        INFRA.postgres().password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select (select count(*) from sip) || '/'"
                        + " || (select coalesce(sum(version), 0) from sip) || '/'"
                        + " || (select count(*) from sip_version) || '/'"
                        + " || (select count(*) from naravard_platform.outbox_event)")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
