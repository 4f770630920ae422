package se.naravard.transition.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import se.naravard.platform.events.CloudEventCodec;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.events.Topics;

/**
 * DOMAIN.md §5 step 5: a SIP call-in reported done by sip-service ({@code sip.events}) is recorded as
 * the kallelse till SIP and meets the episode's SIP call-in clock, once, however often it is delivered.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SipCallInReactionIT extends TransitionServiceHarness {

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

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
    void a_completed_call_in_meets_the_sip_clock_once_even_when_delivered_twice() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var created = post(
                "/episodes",
                EpisodeJson.admit(EpisodeJson.TOLVAN, now.minusSeconds(7200), now.minusSeconds(7000), true));
        String id = (String) json.readValue(created.body(), Map.class).get("id");
        assertThat(post("/episodes/" + id + "/messages", EpisodeJson.message("utskrivningsklar", now.minusSeconds(600)))
                        .statusCode())
                .isEqualTo(201);
        String callIn = UUID.randomUUID().toString();
        String payload = callInCompleted(callIn, id, now.minusSeconds(60));

        try (var producer = producer()) {
            producer.send(CloudEventCodec.toRecord(Topics.SIP_EVENTS, envelope(callIn, payload)))
                    .get();
            // redelivered as a new event (another ce id): still the same call-in
            producer.send(CloudEventCodec.toRecord(Topics.SIP_EVENTS, envelope(callIn, payload)))
                    .get();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> episode = episode(id);
            assertThat(list(episode, "tasks"))
                    .filteredOn(t -> "sip-call-in".equals(t.get("kind")))
                    .extracting(t -> t.get("state"))
                    .containsExactly("met");
        });
        // Let the second delivery be applied too, then check it changed nothing.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                        list(episode(id), "messages"))
                .filteredOn(m -> "kallelse-sip".equals(m.get("type")))
                .hasSize(1));
        var kallelse = list(episode(id), "messages").stream()
                .filter(m -> "kallelse-sip".equals(m.get("type")))
                .findFirst()
                .orElseThrow();
        assertThat(kallelse).containsEntry("sender", EpisodeJson.PRIMARY_CARE);
        assertThat(kallelse.get("sentAt")).isEqualTo(now.minusSeconds(60).toString());
    }

    @Test
    void a_call_in_for_an_unknown_episode_goes_to_the_dead_letters_at_once() throws Exception {
        String callIn = UUID.randomUUID().toString();
        String unknownEpisode = UUID.randomUUID().toString();
        try (var producer = producer()) {
            producer.send(CloudEventCodec.toRecord(
                            Topics.SIP_EVENTS,
                            envelope(
                                    callIn,
                                    callInCompleted(
                                            callIn,
                                            unknownEpisode,
                                            Instant.now().minusSeconds(5)))))
                    .get();
        }

        var dead = readUntil(Topics.deadLetter(Topics.SIP_EVENTS), r -> callIn.equals(header(r, "ce_subject")), 1);

        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), "dlq-reason")).contains("TRANSITION-401");
        assertThat(header(dead.get(0), "dlq-attempts")).isEqualTo("1");
    }

    private Map<String, Object> episode(String id) throws java.io.IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = json.readValue(get("/episodes/" + id).body(), Map.class);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        return (List<Map<String, Object>>) m.get(key);
    }

    /** The payload sip-service publishes (docs/events.md, sip.events call-in-completed). */
    static String callInCompleted(String callIn, String episode, Instant calledAt) {
        return """
                {"type":"call-in-completed","callIn":{"id":"%s","episodeId":"%s","transitionTaskId":"%s",
                 "noticeMessageId":"%s","kommun":"0680","dueAt":"%s","status":"completed","calledAt":"%s",
                 "calledBy":{"person":"SE2321000057-N002","unit":"%s"},"sipId":null,"assignedUnits":["%s"],
                 "invitees":[{"kind":"municipal","unit":"%s","kommun":"0680"},{"kind":"primary-care","unit":"%s"}]},
                 "change":{"at":"%s","actor":{"person":"SE2321000057-N002","unit":"%s"}}}"""
                .formatted(
                        callIn,
                        episode,
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        calledAt.plusSeconds(3 * 86_400),
                        calledAt,
                        EpisodeJson.PRIMARY_CARE,
                        EpisodeJson.PRIMARY_CARE,
                        EpisodeJson.MUNICIPAL_UNIT,
                        EpisodeJson.PRIMARY_CARE,
                        calledAt,
                        EpisodeJson.PRIMARY_CARE);
    }

    private static EventEnvelope envelope(String callIn, String payload) {
        return new EventEnvelope(
                UUID.randomUUID(),
                "/naravard/sip-service",
                "se.naravard.sip.call-in-completed.v1",
                callIn,
                Instant.now().atOffset(ZoneOffset.UTC),
                "0123456789abcdef0123456789abcdef",
                "0680",
                2,
                payload.getBytes(StandardCharsets.UTF_8));
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafka().bootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
