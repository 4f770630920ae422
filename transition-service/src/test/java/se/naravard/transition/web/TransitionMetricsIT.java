package se.naravard.transition.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import se.naravard.infra.Prometheus;
import se.naravard.platform.events.Topics;

/**
 * transition-service's own metrics (docs/operations.md "Observability"): its deadline tasks open and
 * missed, and its consumer of {@code sip.events}: a poison record shows up as a dead letter.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransitionMetricsIT extends TransitionServiceHarness {

    @Inject
    EmbeddedServer server;

    @Override
    protected URI baseUri() {
        return server.getURI();
    }

    @Override
    public Map<String, String> getProperties() {
        var p = super.getProperties();
        p.put("naravard.transition.sip-reaction.enabled", "true");
        return p;
    }

    @Test
    void deadline_tasks_open_and_missed_are_counted() {
        String before = Prometheus.scrape(baseUri());
        double open = Prometheus.value(before, "naravard_transition_deadline_tasks", "state=\"open\"");
        double missed = Prometheus.value(before, "naravard_transition_deadline_tasks", "state=\"missed\"");
        assertThat(open).as("the gauges exist before any task").isGreaterThanOrEqualTo(0);

        Instant now = Instant.now();
        assertThat(post("/episodes", EpisodeJson.admit(EpisodeJson.TOLVAN, now, now, false))
                        .statusCode())
                .isEqualTo(201);
        // Assessed more than a day ago: the admission notice is already due, the clock reports it missed.
        Instant longAgo = now.minus(Duration.ofHours(25));
        assertThat(post("/episodes", EpisodeJson.admit("19900602-2397", longAgo, longAgo, false))
                        .statusCode())
                .isEqualTo(201);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            String scrape = Prometheus.scrape(baseUri());
            assertThat(Prometheus.value(scrape, "naravard_transition_deadline_tasks", "state=\"open\""))
                    .isGreaterThan(open);
            assertThat(Prometheus.value(scrape, "naravard_transition_deadline_tasks", "state=\"missed\""))
                    .isGreaterThan(missed);
        });
    }

    @Test
    void a_poison_event_on_sip_events_counts_as_a_dead_letter() throws Exception {
        String group = "naravard_consumer_dead_letters_total";
        double before = Prometheus.value(Prometheus.scrape(baseUri()), group);

        try (var producer = producer()) {
            producer.send(new ProducerRecord<>(
                            Topics.SIP_EVENTS, "poison", "not a CloudEvent".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = Prometheus.scrape(baseUri());
            assertThat(Prometheus.value(scrape, group)).isGreaterThan(Math.max(before, 0));
            assertThat(scrape).contains("naravard_consumer_lag_records{group=");
        });
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafka().bootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
