package se.naravard.sip.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import se.naravard.infra.TopicReader;
import se.naravard.platform.consumer.DeadLetters;
import se.naravard.platform.events.CloudEventCodec;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.events.PatientKeys;
import se.naravard.platform.events.Topics;

/**
 * The reaction to {@code transition.events} with the real consumer, PostgreSQL and Kafka: transition
 * events are produced here the way transition-service's outbox relay writes them, and the effects are
 * read from the database, the REST API and {@code sip.events}.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransitionReactionIT extends SipServiceHarness {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    @Inject
    EmbeddedServer server;

    @Inject
    PatientKeys patientKeys;

    private final KafkaProducer<String, byte[]> producer = producer();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = super.getProperties();
        p.put("naravard.sip.transition-reaction.enabled", "true");
        p.put("naravard.consumer.max-attempts", "2");
        p.put("naravard.consumer.retry-backoff", "20ms");
        return p;
    }

    @Override
    protected URI baseUri() {
        return server.getURI();
    }

    @AfterAll
    void closeProducer() {
        producer.close(Duration.ofSeconds(5));
    }

    @Test
    void a_notice_creates_exactly_one_call_in_despite_duplicates_redelivery_and_a_later_event_first() {
        String person = newPerson();
        var episode = new TransitionEpisode(person, true);
        UUID noticeEvent = UUID.randomUUID();

        // the later version overtakes the notice itself; then the notice twice with the same CloudEvent
        // id (a duplicate) and once more with a new id (a producer's redelivery of the same change)
        send(episode, UUID.randomUUID(), "deadline-met", 4, episode.admissionNoticeMet(4));
        send(episode, noticeEvent, "message-sent", 3, episode.utskrivningsklar(3));
        send(episode, noticeEvent, "message-sent", 3, episode.utskrivningsklar(3));
        send(episode, UUID.randomUUID(), "message-sent", 3, episode.utskrivningsklar(3));
        send(episode, UUID.randomUUID(), "deadline-met", 4, episode.admissionNoticeMet(4));
        String marker = afterAllAbove(person);

        assertThat(callInsOf(episode.id)).isEqualTo(1);
        assertThat(rows("select count(*) from naravard_platform.processed_event where event_id = ?", noticeEvent))
                .isEqualTo(1);
        String list = get("/call-ins?unit=" + episode.primaryCareUnit).body();
        assertThat(list)
                .contains("\"status\":\"open\"", "\"episodeVersion\":4", "\"dueAt\":\"" + episode.sipDue + "\"");
        String callIn = idIn(list);
        List<ConsumerRecord<String, byte[]>> events = readSipEvents(
                r -> callIn.equals(header(r, "ce_subject")) || marker.equals(header(r, "ce_subject")),
                r -> marker.equals(header(r, "ce_subject")));
        assertThat(events)
                .filteredOn(r -> callIn.equals(header(r, "ce_subject")))
                .extracting(r -> header(r, "ce_type"))
                .containsExactly("se.naravard.sip.call-in-opened.v1");
    }

    @Test
    void an_episode_that_does_not_need_both_principals_creates_none() {
        String person = newPerson();
        var episode = new TransitionEpisode(person, false);

        send(episode, UUID.randomUUID(), "message-sent", 3, episode.utskrivningsklar(3));
        afterAllAbove(person);

        assertThat(callInsOf(episode.id)).isZero();
        assertThat(rows("select count(*) from episode_seen where episode_id = ? and version = 3", episode.id))
                .isEqualTo(1);
    }

    @Test
    void a_withdrawal_cancels_the_call_in_and_a_stale_notice_does_not_bring_it_back() {
        String person = newPerson();
        var episode = new TransitionEpisode(person, true);

        send(episode, UUID.randomUUID(), "message-sent", 3, episode.utskrivningsklar(3));
        send(episode, UUID.randomUUID(), "deadline-cancelled", 5, episode.withdrawn(5));
        send(episode, UUID.randomUUID(), "deadline-met", 4, episode.admissionNoticeMet(4));
        String marker = afterAllAbove(person);

        assertThat(callInsOf(episode.id)).isEqualTo(1);
        String task = get("/call-ins?unit=" + episode.primaryCareUnit).body();
        assertThat(task).contains("\"status\":\"cancelled\"", "\"cancelReason\":\"withdrawn\"", "\"episodeVersion\":5");
        String callIn = idIn(task);
        var events = readSipEvents(
                r -> callIn.equals(header(r, "ce_subject")) || marker.equals(header(r, "ce_subject")),
                r -> marker.equals(header(r, "ce_subject")));
        var mine = events.stream()
                .filter(r -> callIn.equals(header(r, "ce_subject")))
                .toList();
        assertThat(mine)
                .extracting(r -> header(r, "ce_type"))
                .containsExactly("se.naravard.sip.call-in-opened.v1", "se.naravard.sip.call-in-cancelled.v1");
        assertThat(header(mine.get(1), "ce_aggregateversion")).isEqualTo("2");
        assertThat(new String(mine.get(1).value(), StandardCharsets.UTF_8))
                .contains("\"type\":\"call-in-cancelled\"", "\"status\":\"cancelled\"", "\"reason\":\"withdrawn\"");
        assertThat(post("/call-ins/" + callIn + "/completion", completion(episode, null))
                        .statusCode())
                .isEqualTo(409);
    }

    @Test
    void poison_events_go_to_the_dead_letter_topic_and_the_consumer_carries_on() {
        String person = newPerson();
        var episode = new TransitionEpisode(person, true);
        UUID notJson = UUID.randomUUID();
        UUID noEpisode = UUID.randomUUID();

        send(episode, notJson, "message-sent", 3, "this is not JSON {");
        send(
                episode,
                noEpisode,
                "message-sent",
                3,
                "{\"type\":\"message-sent\",\"change\":{\"at\":\"2026-11-25T09:00:00Z\"}}");
        send(episode, UUID.randomUUID(), "message-sent", 3, episode.utskrivningsklar(3));

        await().atMost(Duration.ofSeconds(30)).until(() -> callInsOf(episode.id) == 1);
        List<ConsumerRecord<String, byte[]>> dead = read(
                Topics.deadLetter(Topics.TRANSITION_EVENTS),
                r -> notJson.toString().equals(header(r, "ce_id"))
                        || noEpisode.toString().equals(header(r, "ce_id")),
                2);
        assertThat(dead).hasSize(2);
        for (var r : dead) {
            assertThat(header(r, DeadLetters.CONSUMER)).isEqualTo("sip-service.transition-reaction");
            assertThat(header(r, DeadLetters.ORIGINAL_TOPIC)).isEqualTo(Topics.TRANSITION_EVENTS);
            assertThat(header(r, DeadLetters.ATTEMPTS))
                    .as("dead-lettered at the first attempt")
                    .isEqualTo("1");
        }
        assertThat(dead)
                .extracting(r -> header(r, DeadLetters.REASON))
                .anySatisfy(reason -> assertThat(reason).contains("not JSON"))
                .anySatisfy(reason -> assertThat(reason).contains("/episode is missing"));
        assertThat(rows("select count(*) from naravard_platform.processed_event where event_id = ?", notJson))
                .isZero();
    }

    @Test
    void completion_over_http_emits_call_in_completed_with_the_exact_payload() {
        String person = newPerson();
        HttpResponse<String> sip = post("/sips", SipJson.draft(dashed(person)));
        assertThat(sip.statusCode()).isEqualTo(201);
        String sipId = idOf(sip.body());
        var episode = new TransitionEpisode(person, true);
        send(episode, UUID.randomUUID(), "message-sent", 3, episode.utskrivningsklar(3));
        String callIn = awaitCallIn(episode);
        assertThat(get("/call-ins/" + callIn).body()).contains("\"sipId\":\"" + sipId + "\"");
        Instant calledAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);

        HttpResponse<String> done = post("/call-ins/" + callIn + "/completion", completion(episode, calledAt));

        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body())
                .contains(
                        "\"status\":\"completed\"",
                        "\"version\":2",
                        "\"calledAt\":\"" + calledAt + "\"",
                        "\"completedBy\":{\"person\":\"" + SipJson.NURSE + "\",\"unit\":\"" + episode.primaryCareUnit
                                + "\"}");
        String completedAt = field(done.body(), "completedAt");
        var records = readSipEvents(
                r -> callIn.equals(header(r, "ce_subject"))
                        && "se.naravard.sip.call-in-completed.v1".equals(header(r, "ce_type")),
                r -> true);
        assertThat(records).hasSize(1);
        var r = records.get(0);
        String key = patientKeys.keyFor(TransitionEpisode.PNR, person);
        assertThat(r.key()).isEqualTo(key);
        assertThat(header(r, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(r, "ce_source")).isEqualTo("/naravard/sip-service");
        assertThat(header(r, "ce_patientkey")).isEqualTo(key);
        assertThat(header(r, "ce_kommun")).isEqualTo("0680");
        assertThat(header(r, "ce_aggregateversion")).isEqualTo("2");
        assertThat(header(r, "content-type")).isEqualTo("application/json");
        EventEnvelope envelope = CloudEventCodec.fromRecord(r);
        assertThat(envelope.time().toInstant()).isEqualTo(Instant.parse(completedAt));
        String actor = "{\"person\":\"" + SipJson.NURSE + "\",\"unit\":\"" + episode.primaryCareUnit + "\"}";
        assertThat(new String(r.value(), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"call-in-completed\",\"callIn\":{\"id\":\"" + callIn + "\",\"episodeId\":\""
                        + episode.id + "\",\"transitionTaskId\":\"" + episode.sipTask + "\",\"noticeMessageId\":\""
                        + episode.notice + "\",\"kommun\":\"0680\",\"dueAt\":\"" + episode.sipDue
                        + "\",\"status\":\"completed\",\"calledAt\":\"" + calledAt + "\",\"calledBy\":" + actor
                        + ",\"sipId\":\"" + sipId + "\",\"assignedUnits\":[\"" + episode.primaryCareUnit
                        + "\"],\"invitees\":[{\"kind\":\"municipal\",\"unit\":\"" + TransitionEpisode.MUNICIPAL_UNIT
                        + "\",\"kommun\":\"0680\"},{\"kind\":\"primary-care\",\"unit\":\"" + episode.primaryCareUnit
                        + "\"}]},\"change\":{\"at\":\"" + completedAt + "\",\"actor\":" + actor + "}}");
    }

    @Test
    void completing_twice_is_a_conflict_unknown_is_404_and_bad_fields_are_422() {
        String person = newPerson();
        var episode = new TransitionEpisode(person, true);
        send(episode, UUID.randomUUID(), "message-sent", 3, episode.utskrivningsklar(3));
        String callIn = awaitCallIn(episode);
        String path = "/call-ins/" + callIn + "/completion";

        var badActor = post(path, "{\"actor\":{\"person\":\"nobody\"}}");
        assertThat(badActor.statusCode()).isEqualTo(422);
        assertThat(badActor.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(badActor.body()).contains("\"/actor/person\"", "\"/actor/unit\"");
        var badFields = post(
                path,
                "{\"actor\":" + actor(episode) + ",\"sipId\":\"x\",\"calledAt\":\"yesterday\","
                        + "\"invitees\":[\"SE2321000057-NOPE\"]}");
        assertThat(badFields.statusCode()).isEqualTo(422);
        assertThat(badFields.body()).contains("SIP-085", "\"/sipId\"", "SIP-076", "\"/calledAt\"");
        var future = post(
                path,
                "{\"actor\":" + actor(episode) + ",\"calledAt\":\""
                        + Instant.now().plusSeconds(3600) + "\"}");
        assertThat(future.statusCode()).isEqualTo(422);
        assertThat(future.body()).contains("SIP-082");
        var stranger = post(path, "{\"actor\":" + actor(episode) + ",\"invitees\":[\"SE2321000057-NOPE\"]}");
        assertThat(stranger.statusCode()).isEqualTo(422);
        assertThat(stranger.body()).contains("SIP-084", "\"/invitees/0\"");
        var foreignSip = post(path, "{\"actor\":" + actor(episode) + ",\"sipId\":\"" + UUID.randomUUID() + "\"}");
        assertThat(foreignSip.statusCode()).isEqualTo(422);
        assertThat(foreignSip.body()).contains("SIP-085");
        assertThat(get("/call-ins/" + callIn).body()).contains("\"status\":\"open\"", "\"version\":1");

        var first = post(path, completion(episode, null));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).doesNotContain("\"sipId\"");
        var second = post(path, completion(episode, null));
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.body()).contains("SIP-080");
        assertThat(post("/call-ins/" + UUID.randomUUID() + "/completion", completion(episode, null))
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/call-ins/not-a-uuid").statusCode()).isEqualTo(404);
        var payloads = readSipEvents(
                r -> callIn.equals(header(r, "ce_subject"))
                        && "se.naravard.sip.call-in-completed.v1".equals(header(r, "ce_type")),
                r -> true);
        assertThat(new String(payloads.get(0).value(), StandardCharsets.UTF_8)).contains("\"sipId\":null");
    }

    @Test
    void the_work_list_filters_by_unit_kommun_and_status() {
        var episode = new TransitionEpisode(newPerson(), true);
        send(episode, UUID.randomUUID(), "message-sent", 3, episode.utskrivningsklar(3));
        String callIn = awaitCallIn(episode);

        assertThat(get("/call-ins?unit=" + episode.primaryCareUnit + "&kommun=0680&status=open")
                        .body())
                .contains(callIn);
        assertThat(get("/call-ins?unit=" + episode.primaryCareUnit + "&status=completed")
                        .body())
                .doesNotContain(callIn);
        assertThat(get("/call-ins?kommun=0180&unit=" + episode.primaryCareUnit).body())
                .doesNotContain(callIn);
        assertThat(get("/call-ins?transitionTaskId=" + episode.sipTask).body()).contains(callIn);
        assertThat(get("/call-ins?transitionTaskId=" + UUID.randomUUID()).body())
                .doesNotContain(callIn);
        assertThat(get("/call-ins?limit=1").body()).contains("\"next\":1");
        var bad = get("/call-ins?status=done&limit=0&unit=x&transitionTaskId=x");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body())
                .contains("SIP-086", "\"/status\"", "SIP-073", "\"/limit\"", "\"/unit\"", "\"/transitionTaskId\"");
    }

    // --- helpers ---

    private String completion(TransitionEpisode episode, Instant calledAt) {
        return "{\"actor\":" + actor(episode) + (calledAt == null ? "" : ",\"calledAt\":\"" + calledAt + "\"") + "}";
    }

    private static String actor(TransitionEpisode episode) {
        return "{\"person\":\"" + SipJson.NURSE + "\",\"unit\":\"" + episode.primaryCareUnit + "\"}";
    }

    private void send(TransitionEpisode episode, UUID ceId, String type, int version, String data) {
        EventEnvelope e =
                episode.envelope(ceId, type, version, data, patientKeys.keyFor(TransitionEpisode.PNR, episode.person));
        try {
            producer.send(CloudEventCodec.toRecord(Topics.TRANSITION_EVENTS, e)).get();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Sends a notice of another episode of the same person (same record key, so the same partition,
     * after everything sent before) and waits for its call-in: then every earlier event of the person
     * has been handled. Returns the marker's call-in id.
     */
    private String afterAllAbove(String person) {
        var marker = new TransitionEpisode(person, true);
        send(marker, UUID.randomUUID(), "message-sent", 3, marker.utskrivningsklar(3));
        return awaitCallIn(marker);
    }

    private String awaitCallIn(TransitionEpisode episode) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> callInsOf(episode.id) == 1);
        return idIn(get("/call-ins?unit=" + episode.primaryCareUnit).body());
    }

    private static String idIn(String body) {
        Matcher m = ID.matcher(body);
        if (!m.find()) {
            throw new AssertionError("no call-in in " + body);
        }
        return m.group(1);
    }

    private static String field(String body, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + body);
        }
        return m.group(1);
    }

    private long callInsOf(UUID episode) {
        return rows("select count(*) from call_in where episode_id = ?", episode);
    }

    private long rows(String sql, UUID param) {
        try (Connection c = DriverManager.getConnection(
                        INFRA.postgres().jdbcUrl(database),
                        INFRA.postgres().user(),
                        INFRA.postgres().password());
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records of sip.events that {@code mine} accepts, read until one accepted record passes {@code last}. */
    private List<ConsumerRecord<String, byte[]>> readSipEvents(
            Predicate<ConsumerRecord<String, byte[]>> mine, Predicate<ConsumerRecord<String, byte[]>> last) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = consumer()) {
            c.subscribe(List.of(Topics.SIP_EVENTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            boolean done = false;
            while (!done && System.nanoTime() < deadline) {
                for (var r : c.poll(Duration.ofMillis(200))) {
                    if (mine.test(r)) {
                        out.add(r);
                        done |= last.test(r);
                    }
                }
            }
        }
        return out;
    }

    private List<ConsumerRecord<String, byte[]>> read(
            String topic, Predicate<ConsumerRecord<String, byte[]>> mine, int n) {
        return TopicReader.readUntil(INFRA.kafka(), topic, mine, n, Duration.ofSeconds(30));
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "transition-reaction-it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafka().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        return TopicReader.header(r, name);
    }

    /** A random personnummer (12 digits) with a valid check digit; born 1930–1999. */
    private static String newPerson() {
        var random = ThreadLocalRandom.current();
        String tenDigits = String.format(
                "%02d%02d%02d%03d",
                random.nextInt(30, 100), random.nextInt(1, 13), random.nextInt(1, 29), random.nextInt(0, 1000));
        String nine = tenDigits.substring(0, 9);
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int d = (nine.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }
        return "19" + nine + ((10 - sum % 10) % 10);
    }

    private static String dashed(String twelve) {
        return twelve.substring(0, 8) + "-" + twelve.substring(8);
    }
}
