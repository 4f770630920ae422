package se.naravard.transition.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import se.naravard.infra.EmbeddedKafkaBroker;
import se.naravard.infra.EmbeddedPostgresServer;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.platform.identity.PatientIdentifier;
import se.naravard.transition.app.DeadlineClock;
import se.naravard.transition.document.EpisodeDocuments;
import se.naravard.transition.episode.Admission;
import se.naravard.transition.episode.Change;
import se.naravard.transition.episode.Decision;
import se.naravard.transition.episode.Episode;
import se.naravard.transition.episode.EpisodeId;
import se.naravard.transition.episode.EpisodeRules;

/**
 * transition-service's two targets (issue 4 "Benchmark"), measured on a durable PostgreSQL
 * ({@code fsync=on}) and a real Kafka broker, the service in this JVM behind real HTTP:
 *
 * <ol>
 *   <li><b>messages</b>: LUS messages/s accepted through {@code POST /episodes/{id}/messages}, each
 *       stored with its version, task rows and outbox events, then relayed to Kafka;
 *   <li><b>sweep</b>: the deadline clock over 1,000,000 open episodes (bulk-loaded), 1 % of them
 *       overdue: the time of one tick, of a tick with nothing due, and the heap it takes; then
 *       every episode overdue at once, for the clock's throughput.
 * </ol>
 *
 * Prints figures, asserts nothing, is not run by {@code mvn verify}. Command in docs/benchmarks.md;
 * {@code -Dbench.episodes}, {@code -Dbench.threads}, {@code -Dbench.seconds}, {@code -Dbench.open},
 * {@code -Dbench.allDue} change the sizes.
 */
public final class TransitionBenchmark {

    static final String WARD = "SE2321000057-AVD1";
    static final String ACTOR = "{\"person\":\"SE2321000057-N001\",\"unit\":\"" + WARD + "\"}";
    static final String ADDRESSEES = "[{\"kind\":\"municipal\",\"unit\":\"SE2120000530-HT01\",\"kommun\":\"0680\"},"
            + "{\"kind\":\"primary-care\",\"unit\":\"SE2321000057-VC01\"}]";

    private TransitionBenchmark() {}

    public static void main(String[] args) throws Exception {
        int episodes = Integer.getInteger("bench.episodes", 4_000);
        int threads = Integer.getInteger("bench.threads", 32);
        int seconds = Integer.getInteger("bench.seconds", 30);
        int open = Integer.getInteger("bench.open", 1_000_000);
        int allDue = Integer.getInteger("bench.allDue", 200_000);
        System.out.printf(
                Locale.ROOT,
                "transition-service benchmark %s, %d cores, max heap %d MiB%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        try (var postgres = EmbeddedPostgresServer.startDurable();
                var kafka = new EmbeddedKafkaBroker()) {
            kafka.start();
            kafka.createTopics(6, "transition.events", "sip.events");
            messages(postgres, kafka, episodes, threads, seconds);
            sweep(postgres, kafka, open, allDue);
        }
        System.exit(0);
    }

    // ---------------------------------------------------------------- messages/s

    static void messages(EmbeddedPostgresServer pg, EmbeddedKafkaBroker kafka, int episodes, int threads, int seconds)
            throws Exception {
        String db = pg.createDatabase("bench_messages");
        try (var server = start(pg, db, kafka, Map.of())) {
            URI base = server.getURI();
            HttpClient http = HttpClient.newBuilder()
                    .executor(Executors.newFixedThreadPool(4))
                    .build();
            JsonMapper json = server.getApplicationContext().getBean(JsonMapper.class);
            Instant admitted = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
            List<String> ids = new ArrayList<>();
            long t0 = System.nanoTime();
            ExecutorService admitters = Executors.newFixedThreadPool(threads);
            try {
                var pool = admitters;
                List<Future<String>> created = new ArrayList<>();
                for (int i = 0; i < episodes; i++) {
                    String body =
                            "{\"patient\":\"19121212-1212\",\"admittingUnit\":\"" + WARD + "\",\"kommun\":\"0680\","
                                    + "\"admittedAt\":\"" + admitted + "\",\"physicianAssessedAt\":\"" + admitted
                                    + "\",\"needsBothPrincipals\":true,\"mayNeedHelpAfterDischarge\":true,\"actor\":"
                                    + ACTOR + "}";
                    created.add(pool.submit(() -> {
                        var r = post(http, base.resolve("/episodes"), body);
                        @SuppressWarnings("unchecked")
                        Map<String, Object> m = json.readValue(r.body(), Map.class);
                        return (String) m.get("id");
                    }));
                }
                for (var f : created) {
                    ids.add(f.get());
                }
            } finally {
                admitters.shutdown();
            }
            double admitSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "%nadmissions: %d in %.1f s = %.0f/s%n",
                    episodes,
                    admitSeconds,
                    episodes / admitSeconds);

            AtomicLong sent = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            long[][] latencies = new long[threads][];
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Object>> senders = new ArrayList<>();
            try {
                for (int t = 0; t < threads; t++) {
                    int me = t;
                    senders.add(pool.submit(() -> {
                        long[] lat = new long[1 << 20];
                        int n = 0;
                        // Each thread owns its episodes (t, t + threads, …): a journal system sends one
                        // episode's messages in order; different episodes in parallel.
                        for (int k = me; System.nanoTime() < end; k += threads) {
                            String episode = ids.get(k % ids.size());
                            String body = "{\"type\":\"planeringsunderlag\",\"sender\":\"" + WARD + "\",\"addressees\":"
                                    + ADDRESSEES + ",\"actor\":" + ACTOR + "}";
                            long s = System.nanoTime();
                            var r = post(http, base.resolve("/episodes/" + episode + "/messages"), body);
                            long l = System.nanoTime() - s;
                            if (r.statusCode() == 201) {
                                sent.incrementAndGet();
                                if (n < lat.length) {
                                    lat[n++] = l;
                                }
                            } else {
                                failed.incrementAndGet();
                            }
                        }
                        latencies[me] = Arrays.copyOf(lat, n);
                        return null;
                    }));
                }
                for (var f : senders) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            long[] all = Arrays.stream(latencies)
                    .flatMapToLong(Arrays::stream)
                    .sorted()
                    .toArray();
            System.out.printf(
                    Locale.ROOT,
                    "messages: %d accepted in %d s = %.0f/s (%d refused); latency p50 %.1f ms, p99 %.1f ms%n",
                    sent.get(),
                    seconds,
                    sent.get() / (double) seconds,
                    failed.get(),
                    pct(all, 0.50),
                    pct(all, 0.99));
            long started = System.nanoTime();
            long backlog;
            do {
                backlog = count(pg, db, "select count(*) from naravard_platform.outbox_event where sent_at is null");
                Thread.sleep(200);
            } while (backlog > 0
                    && System.nanoTime() - started < Duration.ofSeconds(120).toNanos());
            System.out.printf(
                    Locale.ROOT,
                    "outbox drained %.1f s after the load stopped (backlog now %d); events written %d%n",
                    (System.nanoTime() - started) / 1e9,
                    backlog,
                    count(pg, db, "select count(*) from naravard_platform.outbox_event"));
        }
    }

    // ---------------------------------------------------------------- sweep

    static void sweep(EmbeddedPostgresServer pg, EmbeddedKafkaBroker kafka, int open, int allDue) throws Exception {
        String db = pg.createDatabase("bench_sweep");
        // Start once to migrate the schema, with the clock off; load rows; then measure the clock.
        try (var server = start(pg, db, kafka, Map.of("naravard.transition.clock.enabled", "false"))) {
            String template = template(server.getApplicationContext().getBean(JsonMapper.class));
            long t0 = System.nanoTime();
            load(pg, db, template, open, 100);
            System.out.printf(
                    Locale.ROOT,
                    "%nsweep: loaded %,d open episodes (1 %% overdue) in %.0f s; database %s%n",
                    open,
                    (System.nanoTime() - t0) / 1e9,
                    size(pg, db));
            var clock = server.getApplicationContext().getBean(DeadlineClock.class);
            var memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            long heapBefore = memory.getHeapMemoryUsage().getUsed();
            var peak = new AtomicLong();
            Thread watcher = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            watcher.setDaemon(true);
            watcher.start();
            long s = System.nanoTime();
            long changed = clock.tick();
            double tickSeconds = (System.nanoTime() - s) / 1e9;
            watcher.interrupt();
            System.out.printf(
                    Locale.ROOT,
                    "tick over %,d open episodes: %,d overdue swept (each a new version + deadline-missed event) in %.2f s"
                            + " = %.0f episodes/s; heap before %d MiB, peak %d MiB%n",
                    open,
                    changed,
                    tickSeconds,
                    changed / tickSeconds,
                    heapBefore >> 20,
                    peak.get() >> 20);
            s = System.nanoTime();
            long again = clock.tick();
            System.out.printf(
                    Locale.ROOT,
                    "tick with nothing overdue (%,d open): %,d swept in %.1f ms%n",
                    open,
                    again,
                    (System.nanoTime() - s) / 1e6);

            // Worst case: a backlog where every episode is overdue at once (e.g. after a long outage).
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(db), pg.user(), pg.password());
                    Statement st = c.createStatement()) {
                st.execute("update episode set next_due_at = now() - interval '1 minute',"
                        + " document = jsonb_set(document::jsonb, '{tasks,0,dueAt}', to_jsonb(to_char((now() -"
                        + " interval '1 minute') at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')))::json"
                        + " where id in (select id from episode where next_due_at is not null limit " + allDue + ")");
                st.execute("vacuum analyze episode");
            }
            s = System.nanoTime();
            long swept = 0;
            long more;
            do {
                more = clock.tick();
                swept += more;
            } while (more > 0);
            double all = (System.nanoTime() - s) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "all overdue at once: %,d episodes swept in %.1f s = %.0f episodes/s (1,000,000 would take %.0f s)%n",
                    swept,
                    all,
                    swept / all,
                    1_000_000 / (swept / all));
        }
    }

    /** The document of an admitted episode whose admission-notice task is open: the rows' template. */
    static String template(JsonMapper json) throws Exception {
        Instant at = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        var decision = Episode.admit(
                new Admission(
                        EpisodeId.random(),
                        PatientIdentifier.parse("19121212-1212"),
                        HsaId.of(WARD),
                        Kommunkod.of("0680"),
                        at,
                        at,
                        null,
                        true,
                        true),
                new Change(HsaId.of("SE2321000057-N001"), HsaId.of(WARD), at),
                EpisodeRules.defaults());
        return json.writeValueAsString(EpisodeDocuments.toDocument(((Decision.Accepted) decision).episode()));
    }

    /**
     * Bulk-loads {@code n} episodes with one open task each; every {@code overdueEvery}th is overdue.
     * The {@code episode_task} rows are left out (their ids are derived in Java): the clock's update
     * of a task row then finds none, which costs about the same as updating one.
     */
    static void load(EmbeddedPostgresServer pg, String db, String template, int n, int overdueEvery) throws Exception {
        String dueText = "to_jsonb(to_char(due at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'))";
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(db), pg.user(), pg.password());
                PreparedStatement insert = c.prepareStatement("insert into episode (id, patient_system, patient_value,"
                        + " patient_key, kommun, admitting_unit, status, version, next_due_at, addressee_units, document,"
                        + " admitted_at, created_at, updated_at)"
                        + " select id, 'http://electronichealth.se/identifier/personnummer', '191212121212',"
                        + " '0123456789abcdef0123456789abcdef', '0680', '" + WARD + "', 'admitted', 1, due, '{}',"
                        + " jsonb_set(jsonb_set(?::jsonb, '{id}', to_jsonb(id::text)), '{tasks,0,dueAt}', " + dueText
                        + ")::json, now(), now(), now()"
                        + " from (select gen_random_uuid() as id, case when g % ? = 0 then now() - interval '1 minute'"
                        + " else now() + interval '1 day' + g * interval '1 second' end as due"
                        + " from generate_series(?, ?) g) s");
                Statement st = c.createStatement()) {
            int chunk = 100_000;
            for (int from = 1; from <= n; from += chunk) {
                insert.setString(1, template);
                insert.setInt(2, overdueEvery);
                insert.setInt(3, from);
                insert.setInt(4, Math.min(n, from + chunk - 1));
                insert.executeUpdate();
            }
            st.execute("vacuum analyze episode");
            st.execute("vacuum analyze episode_task");
        }
    }

    static EmbeddedServer start(
            EmbeddedPostgresServer pg, String db, EmbeddedKafkaBroker kafka, Map<String, String> extra) {
        Map<String, Object> p = new HashMap<>();
        p.put("datasources.default.url", pg.jdbcUrl(db));
        p.put("datasources.default.username", pg.user());
        p.put("datasources.default.password", pg.password());
        p.put("naravard.kafka.bootstrap-servers", kafka.bootstrapServers());
        p.put("micronaut.server.port", "-1");
        p.put("naravard.transition.clock.interval", "1h");
        p.put("naravard.transition.sip-reaction.enabled", "false");
        // Measured with the service-credential check on, as in production.
        p.putAll(se.naravard.infra.TestIdentity.serviceAuthProperties());
        p.putAll(extra);
        return ApplicationContext.run(EmbeddedServer.class, p);
    }

    static HttpResponse<String> post(HttpClient http, URI uri, String body) {
        try {
            return http.send(
                    HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json")
                            .header("Authorization", se.naravard.infra.TestIdentity.serviceAuthorization())
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(EmbeddedPostgresServer pg, String db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(db), pg.user(), pg.password());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    static String size(EmbeddedPostgresServer pg, String db) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(db), pg.user(), pg.password());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select pg_size_pretty(pg_database_size(current_database()))")) {
            r.next();
            return r.getString(1);
        }
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }
}
