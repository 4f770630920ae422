package se.naravard.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import se.naravard.gateway.contract.ContractDocs.Contract;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.server.ReadCaches;
import se.naravard.infra.EmbeddedKafkaBroker;
import se.naravard.platform.events.CloudEventCodec;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.events.PatientKeys;
import se.naravard.platform.events.Topics;

/**
 * The read caches' feed against a real broker of its own (so it can be stopped without disturbing the
 * other ITs): an event replaces a cached contract; a stopped broker makes the feed not live, which
 * empties the caches and sends every read to the service; a broker back makes it live again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventFeedIT {

    static final String ID = "0b6c7a52-3a7e-4b87-8d0e-6f4d1c2e9a10";
    static final PatientResolver PATIENTS =
            new PatientResolver(new PatientKeys("a-test-secret-of-32-bytes-length".getBytes(StandardCharsets.UTF_8)));

    static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static EmbeddedKafkaBroker broker;
    static ReadCaches caches;
    static final AtomicInteger serviceReads = new AtomicInteger();

    @BeforeAll
    static void start() {
        broker = new EmbeddedKafkaBroker(0, 0, null);
        broker.start();
        broker.createTopics(3, Topics.CONTRACT_EVENTS, Topics.SIP_EVENTS);
        caches = ReadCaches.start(
                new EventFeed(broker.bootstrapServers(), Duration.ofMillis(200)),
                PATIENTS,
                new ReadCaches.Limits(1000, Duration.ofMinutes(5)));
        await("the feed is live", () -> caches.feed().isLive(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        caches.close();
        broker.close();
    }

    @Test
    @Order(1)
    void an_event_replaces_the_cached_contract_without_asking_the_service() {
        assertThat(read(1)).isEqualTo(1); // loaded from the "service"
        publish(contract(2, "active"));

        await("version 2 is cached", () -> read(1) == 2, Duration.ofSeconds(10));
        int before = serviceReads.get();
        assertThat(read(1)).isEqualTo(2);
        assertThat(serviceReads.get()).isEqualTo(before);
    }

    @Test
    @Order(2)
    void an_event_that_carries_no_contract_changes_nothing_and_the_feed_stays_live() {
        // Another kind of event first, then version 3, on the same key (partition): had the first one
        // emptied the cache, version 3 would find nothing to replace and the cache would stay empty.
        publish(envelope("se.naravard.contract.contract-noted.v1", 2, "{\"event\":\"noted\",\"change\":{}}"));
        publish(contract(3, "active"));

        await(
                "version 3 replaces version 2 in the cache",
                () -> caches.contracts()
                                .get(ID, id -> Optional.empty())
                                .map(Contract::version)
                                .orElse(0)
                        == 3,
                Duration.ofSeconds(10));
        assertThat(caches.feed().isLive()).isTrue();
    }

    @Test
    @Order(3)
    void an_unreadable_event_empties_the_cache_and_the_feed_recovers() {
        publishRaw("not a cloud event".getBytes(StandardCharsets.UTF_8));
        await("the cache is emptied", () -> caches.contracts().size() == 0, Duration.ofSeconds(10));
        await("the feed is live again", () -> caches.feed().isLive(), Duration.ofSeconds(10));
    }

    @Test
    @Order(4)
    void a_broker_gone_sends_every_read_to_the_service_until_it_is_back_and_caught_up() {
        read(3);
        broker.stop();
        try {
            await("the feed notices", () -> !caches.feed().isLive(), Duration.ofSeconds(20));
            assertThat(caches.contracts().size()).isZero();
            int before = serviceReads.get();
            assertThat(read(3)).isEqualTo(3);
            assertThat(read(3)).isEqualTo(3);
            assertThat(serviceReads.get()).isEqualTo(before + 2);
        } finally {
            broker.start();
        }
        await("the feed is live again", () -> caches.feed().isLive(), Duration.ofSeconds(60));
        publish(contract(5, "completed"));
        await("version 5 is cached", () -> read(3) == 5, Duration.ofSeconds(10));
    }

    /** A read through the cache; the "service" answers {@code serviceVersion}. Returns the version read. */
    private static int read(int serviceVersion) {
        return caches.contracts()
                .get(ID, id -> {
                    serviceReads.incrementAndGet();
                    return Optional.of(contract(serviceVersion, "draft"));
                })
                .orElseThrow()
                .version();
    }

    static Contract contract(int version, String status) {
        String json =
                """
                {"id":"%s","version":%d,"patient":{"system":"http://electronichealth.se/identifier/personnummer",
                 "value":"191212121212"},"kommun":"0680","status":{"code":"%s"},
                 "lastChange":{"at":"2026-12-05T10:00:0%dZ"}}"""
                        .formatted(ID, version, status, version);
        try {
            return JSON.readValue(json, Contract.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void publish(Contract c) {
        try {
            publish(envelope(
                    "se.naravard.contract.contract-activated.v1",
                    c.version(),
                    JSON.writeValueAsString(Map.of("event", "contract-activated", "contract", c, "change", Map.of()))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EventEnvelope envelope(String type, long version, String payload) {
        return new EventEnvelope(
                UUID.randomUUID(),
                "/naravard/contract-service",
                type,
                ID,
                OffsetDateTime.now(ZoneOffset.UTC),
                PATIENTS.keyOf("http://electronichealth.se/identifier/personnummer", "191212121212"),
                "0680",
                version,
                payload.getBytes(StandardCharsets.UTF_8));
    }

    private static void publish(EventEnvelope e) {
        try (KafkaProducer<String, byte[]> p = producer()) {
            p.send(CloudEventCodec.toRecord(Topics.CONTRACT_EVENTS, e)).get();
        } catch (Exception x) {
            throw new IllegalStateException(x);
        }
    }

    private static void publishRaw(byte[] value) {
        try (KafkaProducer<String, byte[]> p = producer()) {
            p.send(new ProducerRecord<>(Topics.CONTRACT_EVENTS, "k", value)).get();
        } catch (Exception x) {
            throw new IllegalStateException(x);
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    }

    static void await(String what, BooleanSupplier condition, Duration within) {
        Awaitility.await(what)
                .atMost(within)
                .pollInterval(Duration.ofMillis(50))
                .until(condition::getAsBoolean);
    }
}
