package se.naravard.sip.web;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import se.naravard.infra.EmbeddedKafkaBroker;
import se.naravard.infra.EmbeddedPostgresServer;
import se.naravard.platform.events.CloudEventCodec;
import se.naravard.platform.events.Topics;

/**
 * sip-service's two targets (issue 5 "Benchmark"), on a durable PostgreSQL ({@code fsync=on}) and a
 * real broker, the service in this JVM behind real HTTP:
 *
 * <ol>
 *   <li><b>writes</b>: SIP writes/s through the REST API with the outbox (draft, two participants,
 *       consent: four writes per SIP, each with If-Match);
 *   <li><b>reaction</b>: utskrivningsklar events put on {@code transition.events} at a steady rate,
 *       and the time until the call-in task is stored ({@code call_in.created_at} minus the send
 *       time), p50/p99; then a burst for the consumer's throughput.
 * </ol>
 *
 * Prints figures, asserts nothing, is not run by {@code mvn verify} (not a *Test / *IT). Command in
 * docs/benchmarks.md; {@code -Dbench.threads}, {@code -Dbench.seconds}, {@code -Dbench.rate},
 * {@code -Dbench.burst} change the sizes.
 */
public final class SipBenchmark {

    private SipBenchmark() {}

    public static void main(String[] args) throws Exception {
        int threads = Integer.getInteger("bench.threads", 32);
        int seconds = Integer.getInteger("bench.seconds", 30);
        int rate = Integer.getInteger("bench.rate", 100);
        int burst = Integer.getInteger("bench.burst", 5_000);
        System.out.printf(
                Locale.ROOT,
                "sip-service benchmark %s, %d cores, max heap %d MiB%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        try (var pg = EmbeddedPostgresServer.startDurable();
                var kafka = new EmbeddedKafkaBroker()) {
            kafka.start();
            kafka.createTopics(6, Topics.SIP_EVENTS, Topics.TRANSITION_EVENTS);
            String db = pg.createDatabase("bench_sip");
            Map<String, Object> p = new HashMap<>();
            p.put("datasources.default.url", pg.jdbcUrl(db));
            p.put("datasources.default.username", pg.user());
            p.put("datasources.default.password", pg.password());
            p.put("naravard.kafka.bootstrap-servers", kafka.bootstrapServers());
            p.put("micronaut.server.port", "-1");
            // Measured with the service-credential check on, as in production.
            p.putAll(se.naravard.infra.TestIdentity.serviceAuthProperties());
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, p)) {
                writes(server.getURI(), threads, seconds);
                reaction(pg, db, kafka, rate, seconds, burst);
            }
        }
        System.exit(0);
    }

    static void writes(URI base, int threads, int seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(4))
                .build();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long[][] latencies = new long[threads][];
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Object>> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            all.add(pool.submit(() -> {
                long[] lat = new long[1 << 20];
                int n = 0;
                while (System.nanoTime() < end) {
                    long s = System.nanoTime();
                    var created = send(http, base.resolve("/sips"), "POST", SipJson.draft(SipJson.TOLVAN), null);
                    n = record(lat, n, s, created, 201, ok, failed);
                    if (created.statusCode() != 201) {
                        continue;
                    }
                    String id = idOf(created.body());
                    String[] steps = {
                        SipJson.participant(SipJson.regionUnit()),
                        SipJson.participant(SipJson.municipalUnit()),
                        SipJson.consent(SipJson.consentJson())
                    };
                    String[] paths = {"/participants", "/participants", "/consents"};
                    for (int i = 0; i < steps.length; i++) {
                        s = System.nanoTime();
                        var r = send(
                                http, base.resolve("/sips/" + id + paths[i]), "POST", steps[i], "\"" + (i + 1) + "\"");
                        n = record(lat, n, s, r, 200, ok, failed);
                    }
                }
                latencies[me] = Arrays.copyOf(lat, n);
                return null;
            }));
        }
        for (var f : all) {
            f.get();
        }
        pool.shutdown();
        long[] sorted =
                Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "%nwrites: %d in %d s = %.0f/s (%d refused), %d clients; latency p50 %.1f ms, p99 %.1f ms%n",
                ok.get(),
                seconds,
                ok.get() / (double) seconds,
                failed.get(),
                threads,
                pct(sorted, 0.5),
                pct(sorted, 0.99));
    }

    static void reaction(
            EmbeddedPostgresServer pg, String db, EmbeddedKafkaBroker kafka, int rate, int seconds, int burst)
            throws Exception {
        Map<UUID, Long> sentAt = new ConcurrentHashMap<>();
        var props = new java.util.Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        try (var producer =
                new KafkaProducer<String, byte[]>(props, new StringSerializer(), new ByteArraySerializer())) {
            int steady = rate * seconds;
            long period = 1_000_000_000L / rate;
            long start = System.nanoTime();
            for (int i = 0; i < steady; i++) {
                long due = start + i * period;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                send(producer, sentAt);
            }
            producer.flush();
            var steadyLatencies = await(pg, db, sentAt, steady);
            System.out.printf(
                    Locale.ROOT,
                    "%nreaction at %d events/s for %d s: %d call-in tasks; event -> task p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    rate,
                    seconds,
                    steadyLatencies.length,
                    pct(steadyLatencies, 0.5),
                    pct(steadyLatencies, 0.99),
                    steadyLatencies.length == 0 ? Double.NaN : steadyLatencies[steadyLatencies.length - 1] / 1e6);

            sentAt.clear();
            long b0 = System.nanoTime();
            for (int i = 0; i < burst; i++) {
                send(producer, sentAt);
            }
            producer.flush();
            var burstLatencies = await(pg, db, sentAt, burst);
            double took = (System.nanoTime() - b0) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "burst of %d events: all tasks stored in %.1f s = %.0f events/s; event -> task p50 %.0f ms, p99 %.0f ms%n",
                    burst,
                    took,
                    burst / took,
                    pct(burstLatencies, 0.5),
                    pct(burstLatencies, 0.99));
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, Map<UUID, Long> sentAt) {
        var episode = new TransitionEpisode(SipJson.TOLVAN, true);
        String key = HexFormat.of()
                .formatHex(UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, 16);
        var envelope = episode.envelope(UUID.randomUUID(), "message-sent", 3, episode.utskrivningsklar(3), key);
        Instant now = Instant.now();
        sentAt.put(episode.id, now.getEpochSecond() * 1_000_000_000L + now.getNano());
        producer.send(CloudEventCodec.toRecord(Topics.TRANSITION_EVENTS, envelope));
    }

    /** Waits until {@code n} tasks of the sent episodes exist; returns the latencies, sorted (ns). */
    private static long[] await(EmbeddedPostgresServer pg, String db, Map<UUID, Long> sentAt, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        Map<UUID, Long> stored = new HashMap<>();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(db), pg.user(), pg.password());
                PreparedStatement q = c.prepareStatement("select episode_id, created_at from call_in")) {
            while (System.nanoTime() < deadline) {
                stored.clear();
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        UUID e = r.getObject(1, UUID.class);
                        if (sentAt.containsKey(e)) {
                            Instant at = r.getTimestamp(2).toInstant();
                            stored.put(e, at.getEpochSecond() * 1_000_000_000L + at.getNano());
                        }
                    }
                }
                if (stored.size() >= n) {
                    break;
                }
                Thread.sleep(100);
            }
        }
        return stored.entrySet().stream()
                .mapToLong(e -> e.getValue() - sentAt.get(e.getKey()))
                .sorted()
                .toArray();
    }

    private static int record(
            long[] lat, int n, long start, HttpResponse<String> r, int expected, AtomicLong ok, AtomicLong failed) {
        if (r.statusCode() == expected) {
            ok.incrementAndGet();
            if (n < lat.length) {
                lat[n++] = System.nanoTime() - start;
            }
        } else {
            failed.incrementAndGet();
        }
        return n;
    }

    private static HttpResponse<String> send(HttpClient http, URI uri, String method, String body, String ifMatch) {
        var b = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Authorization", se.naravard.infra.TestIdentity.serviceAuthorization())
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }

    /** The SIP id in a SIP document (not SipServiceHarness's: its class start-up starts a second PostgreSQL). */
    private static String idOf(String body) {
        int i = body.indexOf("\"id\":\"");
        return body.substring(i + 6, body.indexOf('"', i + 6));
    }
}
