package se.naravard.transition.web;

import io.micronaut.test.support.TestPropertyProvider;
import java.net.URI;
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
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import se.naravard.infra.HttpTestClient;
import se.naravard.infra.TestIdentity;
import se.naravard.infra.TestInfra;
import se.naravard.infra.TopicReader;
import se.naravard.platform.events.Topics;

/**
 * Shared set-up of the transition-service ITs: a database of its own on the JVM-wide PostgreSQL, the
 * JVM-wide Kafka broker, a random HTTP port, and plain {@code java.net.http} calls so that tests see
 * exactly what a client sees (status, headers, raw body), made with a service token as a peer service
 * makes them.
 */
public abstract class TransitionServiceHarness implements TestPropertyProvider {

    protected static final TestInfra INFRA = TestInfra.get();
    protected final String database = INFRA.postgres().createDatabase("transition");
    private final HttpTestClient http = HttpTestClient.withServiceToken(this::baseUri);

    @Override
    public Map<String, String> getProperties() {
        return properties(database);
    }

    /** The configuration of a service instance on {@code database}. */
    public static Map<String, String> properties(String database) {
        Map<String, String> p = new HashMap<>();
        p.put("datasources.default.url", INFRA.postgres().jdbcUrl(database));
        p.put("datasources.default.username", INFRA.postgres().user());
        p.put("datasources.default.password", INFRA.postgres().password());
        p.put("naravard.kafka.bootstrap-servers", INFRA.kafka().bootstrapServers());
        // A poll this slow never publishes within a test's wait: every event the ITs see went out
        // through the after-commit wake-up.
        p.put("naravard.outbox.poll-interval", "60s");
        p.put("naravard.outbox.max-backoff", "1s");
        p.put("naravard.metrics.refresh-interval", "300ms");
        p.put("naravard.transition.clock.interval", "300ms");
        p.put("micronaut.server.port", "-1");
        // One consumer group on the JVM-wide broker: only the IT about it follows sip.events, or the
        // contexts of other test classes would take its partitions.
        p.put("naravard.transition.sip-reaction.enabled", "false");
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

    /** Row counts of every table a write touches: equal before and after means nothing was written. */
    protected String footprint() {
        return footprint(database);
    }

    static String footprint(String database) {
        try (Connection c = DriverManager.getConnection(
                        INFRA.postgres().jdbcUrl(database),
                        INFRA.postgres().user(),
                        INFRA.postgres().password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select (select count(*) from episode) || '/'"
                        + " || (select coalesce(sum(version), 0) from episode) || '/'"
                        + " || (select count(*) from episode_version) || '/'"
                        + " || (select count(*) from episode_task) || '/'"
                        + " || (select count(*) from episode_message) || '/'"
                        + " || (select count(*) from naravard_platform.outbox_event)")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@code transition.events} from the start until {@code n} records match or 30 s pass. */
    static List<ConsumerRecord<String, byte[]>> readUntil(Predicate<ConsumerRecord<String, byte[]>> mine, int n) {
        return readUntil(mine, n, Duration.ofSeconds(30));
    }

    static List<ConsumerRecord<String, byte[]>> readUntil(
            Predicate<ConsumerRecord<String, byte[]>> mine, int n, Duration patience) {
        return readUntil(Topics.TRANSITION_EVENTS, mine, n, patience);
    }

    static List<ConsumerRecord<String, byte[]>> readUntil(
            String topic, Predicate<ConsumerRecord<String, byte[]>> mine, int n) {
        return readUntil(topic, mine, n, Duration.ofSeconds(30));
    }

    static List<ConsumerRecord<String, byte[]>> readUntil(
            String topic, Predicate<ConsumerRecord<String, byte[]>> mine, int n, Duration patience) {
        return TopicReader.readUntil(INFRA.kafka(), topic, mine, n, patience);
    }

    static String header(ConsumerRecord<String, byte[]> r, String name) {
        return TopicReader.header(r, name);
    }

    static Predicate<ConsumerRecord<String, byte[]>> subject(String episodeId) {
        return r -> episodeId.equals(header(r, "ce_subject"));
    }
}
