package se.naravard.gateway.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import se.naravard.gateway.subscription.SubscriptionForm;
import se.naravard.gateway.subscription.SubscriptionTopics;
import se.naravard.infra.TestInfra;
import se.naravard.platform.events.CloudEventCodec;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.events.Topics;

/**
 * Subscription delivery benchmark (docs/benchmarks.md "Subscriptions"): a gateway in this JVM on the
 * test infrastructure's PostgreSQL and Kafka, {@code bench.subscriptions} (100) active id-only
 * subscriptions of kommun 0680 to LUS messages, each with its own path on one loopback receiver, and
 * {@code message-sent} events on {@code transition.events} as transition-service's relay writes them
 * (each selects every subscription). Two phases:
 *
 * <ol>
 *   <li>latency: {@code bench.latency-events} (50) events, one every {@code bench.interval-ms} (200):
 *       event written to Kafka → webhook received, p50/p99/max over every delivery;
 *   <li>throughput: {@code bench.burst-events} (200) events written at once: deliveries/s from the first
 *       write to the last receipt.
 * </ol>
 *
 * Not a test. Run: {@code mvn -q -pl fhir-gateway test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=se.naravard.gateway.it.SubscriptionBenchmark}
 */
public final class SubscriptionBenchmark {

    private static final Pattern EVENT_ID = Pattern.compile("event-id\",\"valueString\":\"([0-9a-f-]{36})\"");

    private final Map<String, Long> written = new ConcurrentHashMap<>();
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong received = new AtomicLong();
    /** {@code -Dbench.max-count}: the subscriptions' backport-max-count (1: one event per POST). */
    private static final int MAX_COUNT = Integer.getInteger("bench.max-count", 1);

    private volatile long lastReceipt;

    public static void main(String[] args) throws Exception {
        new SubscriptionBenchmark()
                .run(
                        Integer.getInteger("bench.subscriptions", 100),
                        Integer.getInteger("bench.latency-events", 50),
                        Integer.getInteger("bench.interval-ms", 200),
                        Integer.getInteger("bench.burst-events", 200));
        System.exit(0);
    }

    void run(int subscriptions, int latencyEvents, int intervalMs, int burstEvents) throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(16));
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            long now = System.nanoTime();
            Matcher m = EVENT_ID.matcher(body);
            while (m.find()) { // one per event: several with backport-max-count
                Long at = written.get(m.group(1));
                if (at != null) {
                    latencies.add(now - at);
                    received.incrementAndGet();
                    lastReceipt = now;
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        String kafka = TestInfra.get().kafka().bootstrapServers();
        GatewayInstance gateway = GatewayInstance.startWith(
                GatewayInstance.nowhere(),
                GatewayInstance.nowhere(),
                GatewayInstance.nowhere(),
                Map.of(
                        "naravard.kafka.bootstrap-servers",
                        kafka,
                        "gateway.subscriptions.consumer-group",
                        "bench-" + UUID.randomUUID(),
                        "gateway.validator.warm-up",
                        false,
                        "gateway.subscriptions.workers",
                        Integer.getInteger("bench.workers", 4)));
        String token = TestTokens.token(Map.of(
                "sub", "bench-municipal-system",
                "scope", "system/Subscription.cruds",
                "hsa_id", "SE2120000530-SYS1",
                "org_type", "kommun",
                "kommun", "0680"));
        HttpClient http = HttpClient.newHttpClient();
        List<String> ids = new ArrayList<>();
        String endpointBase = "http://127.0.0.1:" + receiver.getAddress().getPort();
        for (int i = 0; i < subscriptions; i++) {
            String body = "{\"resourceType\":\"Subscription\",\"status\":\"requested\",\"reason\":\"bench\","
                    + "\"criteria\":\"" + SubscriptionTopics.TRANSITION_MESSAGES.url() + "\","
                    + "\"_criteria\":{\"extension\":[{\"url\":\"" + SubscriptionForm.FILTER_CRITERIA + "\","
                    + "\"valueString\":\"Communication?kommun=0680\"}]},"
                    + "\"channel\":{\"type\":\"rest-hook\",\"endpoint\":\"" + endpointBase + "/s" + i + "\","
                    + (MAX_COUNT > 1
                            ? "\"extension\":[{\"url\":\"" + SubscriptionForm.MAX_COUNT_URL + "\",\"valuePositiveInt\":"
                                    + MAX_COUNT + "}],"
                            : "")
                    + "\"payload\":\"application/fhir+json\"}}";
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(gateway.fhirBase() + "/Subscription"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/fhir+json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException(r.body());
            }
            ids.add(r.body());
        }
        try (java.sql.Connection c = gateway.database()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (count(c, "SELECT count(*) FROM subscription WHERE status = 'active'") < subscriptions) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the subscriptions did not become active");
                }
                Thread.sleep(100);
            }
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            System.out.printf(
                    "%d subscriptions active; latency phase: %d events, one per %d ms%n",
                    subscriptions, latencyEvents, intervalMs);
            for (int i = 0; i < latencyEvents; i++) {
                send(producer, i);
                Thread.sleep(intervalMs);
            }
            awaitReceipts((long) latencyEvents * subscriptions);
            report("latency phase", latencies);
            latencies.clear();
            received.set(0);
            System.out.printf(
                    "throughput phase: %d events at once (%d deliveries)%n",
                    burstEvents, (long) burstEvents * subscriptions);
            long start = System.nanoTime();
            for (int i = 0; i < burstEvents; i++) {
                send(producer, latencyEvents + i);
            }
            producer.flush();
            awaitReceipts((long) burstEvents * subscriptions);
            double seconds = (lastReceipt - start) / 1e9;
            System.out.printf(
                    "throughput phase: %d deliveries in %.1f s = %.0f deliveries/s%n",
                    received.get(), seconds, received.get() / seconds);
            report("throughput phase (latency under load)", latencies);
        } finally {
            gateway.close();
            receiver.stop(0);
        }
    }

    private void send(KafkaProducer<String, byte[]> producer, int n) throws Exception {
        String patientKey = String.format("%032x", n % 50 + 1);
        String message = UUID.randomUUID().toString();
        String episode = UUID.randomUUID().toString();
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        String json = "{\"type\":\"message-sent\",\"episode\":{\"id\":\"" + episode + "\",\"version\":2,"
                + "\"patient\":{\"system\":\"http://electronichealth.se/identifier/personnummer\",\"value\":\"x\"},"
                + "\"admittingUnit\":\"SE2321000057-AVD1\",\"kommun\":\"0680\",\"admittedAt\":\"" + now + "\","
                + "\"status\":{\"code\":\"admitted\"},\"messages\":[{\"id\":\"" + message + "\","
                + "\"type\":\"inskrivningsmeddelande\",\"sentAt\":\"" + now + "\",\"sender\":\"SE2321000057-AVD1\","
                + "\"addressees\":[{\"kind\":\"municipal\",\"unit\":\"SE2120000530-HT01\",\"kommun\":\"0680\"}],"
                + "\"receipts\":[]}],\"tasks\":[]},\"message\":{\"id\":\"" + message + "\"}}";
        UUID id = UUID.randomUUID();
        EventEnvelope e = new EventEnvelope(
                id,
                "/naravard/transition-service",
                "se.naravard.transition.message-sent.v1",
                episode,
                OffsetDateTime.now(ZoneOffset.UTC),
                patientKey,
                "0680",
                2,
                json.getBytes(StandardCharsets.UTF_8));
        written.put(id.toString(), System.nanoTime());
        producer.send(CloudEventCodec.toRecord(Topics.TRANSITION_EVENTS, e)).get();
    }

    private void awaitReceipts(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (received.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (received.get() < expected) {
            System.out.printf("only %d of %d deliveries within 10 minutes%n", received.get(), expected);
        }
    }

    private static void report(String phase, List<Long> nanos) {
        List<Long> sorted;
        synchronized (nanos) {
            sorted = new ArrayList<>(nanos);
        }
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.println(phase + ": nothing received");
            return;
        }
        System.out.printf(
                "%s: %d deliveries, written → received p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                phase,
                sorted.size(),
                sorted.get(sorted.size() / 2) / 1e6,
                sorted.get((int) Math.min(sorted.size() - 1, Math.round(sorted.size() * 0.99))) / 1e6,
                sorted.get(sorted.size() - 1) / 1e6);
    }

    private static long count(java.sql.Connection c, String sql) throws java.sql.SQLException {
        try (var s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private SubscriptionBenchmark() throws IOException {}
}
