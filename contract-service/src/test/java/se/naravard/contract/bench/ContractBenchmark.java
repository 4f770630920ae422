package se.naravard.contract.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import se.naravard.contract.Application;
import se.naravard.contract.web.ContractJson;
import se.naravard.infra.EmbeddedKafkaBroker;
import se.naravard.infra.EmbeddedPostgresServer;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.events.Topics;
import se.naravard.platform.outbox.KafkaProducers;
import se.naravard.platform.outbox.OutboxRelay;
import se.naravard.platform.outbox.OutboxStore;
import se.naravard.platform.outbox.PlatformSchema;
import se.naravard.platform.outbox.RelaySettings;

/**
 * Benchmark harness for contract-service: prints figures, asserts nothing. Not a test (no JUnit, not
 * run by surefire or failsafe). See docs/benchmarks.md for the command, the figures and how to read
 * them.
 *
 * <p>One PostgreSQL 17 (zonky binaries, durable settings, see {@link Pg}) and one in-JVM Kafka broker
 * ({@link EmbeddedKafkaBroker}) on free ports; every phase has a database of its own. Phases, in the
 * order given by {@code bench.phases}:
 *
 * <ol>
 *   <li>{@code norelay}: the service in-process with {@code naravard.outbox.relay.enabled=false};
 *       warm-up, then N creates from C client threads (outbox rows are written, not published).
 *   <li>{@code relay}: the service as in production (relay on); warm-up, N creates while a Kafka
 *       consumer times create → record on {@code contract.events}; the same at fixed lighter rates;
 *       then a mixed run of create → activate → complete (status changes with If-Match).
 *   <li>{@code outbox}: M outbox rows written with {@link OutboxStore#append} while no relay runs,
 *       then drained by an {@link OutboxRelay} per batch size, each on a copy of the same database;
 *       plus one drain with an extra index that production does not have (a what-if).
 *   <li>{@code notify}: plain-JDBC writers appending one outbox row per transaction, with the
 *       outbox's NOTIFY trigger enabled and disabled.
 * </ol>
 *
 * <p>Every phase prints where the time went: CPU of this JVM by thread kind and of the PostgreSQL
 * processes (from /proc), write transactions and WAL from PostgreSQL, GC.
 *
 * <p>System properties ({@code -Dbench.x=...}): {@code n} (20000), {@code clients} (32), {@code warmup}
 * (2000), {@code mixed} (n/4 chains of three writes), {@code pool} (Hikari, 32), {@code pacedRates}
 * (50,half: creates/s; "half" is half the rate just measured), {@code pacedSeconds} (10), {@code
 * outboxRows} (100000), {@code outboxPatients} (10000), {@code outboxBatches} (100,500,2000), {@code
 * whatIf} (true), {@code notifySeconds} (5), {@code phases} (norelay,relay,outbox,notify), {@code pause}
 * (2000 ms between phases), {@code postgres} (durable, or infra for the ITs' non-durable settings),
 * {@code pgss} (false; true loads pg_stat_statements and prints the top statements of the relay run),
 * {@code jfr} (a file: JFR recording of the relay run).
 */
public final class ContractBenchmark {

    /** The test personnummer the ITs use (DOMAIN.md §6: test people only). */
    static final List<String> PATIENTS =
            List.of("19121212-1212", "19571230-2842", "19810107-9294", "19900602-2397", "20000102-2391");

    static final String OUTBOX_TOPIC = "bench.outbox";

    private final int n = Integer.getInteger("bench.n", 20_000);
    private final int clients = Integer.getInteger("bench.clients", 32);
    private final int warmup = Integer.getInteger("bench.warmup", 2_000);
    private final int mixed = Integer.getInteger("bench.mixed", n / 4);
    private final int pool = Integer.getInteger("bench.pool", 32);
    private final int outboxRows = Integer.getInteger("bench.outboxRows", 100_000);
    private final int outboxPatients = Integer.getInteger("bench.outboxPatients", 10_000);
    private final List<Integer> outboxBatches = Arrays.stream(
                    System.getProperty("bench.outboxBatches", "100,500,2000").split(","))
            .map(String::trim)
            .map(Integer::parseInt)
            .toList();
    private final List<String> phases =
            List.of(System.getProperty("bench.phases", "norelay,relay,outbox").split(","));
    private final long pauseMillis = Long.getLong("bench.pause", 2_000);
    private final boolean durable = !"infra".equals(System.getProperty("bench.postgres", "durable"));
    private final String pacedRate = System.getProperty("bench.pacedRates", "50,half");
    private final int pacedSeconds = Integer.getInteger("bench.pacedSeconds", 10);
    private final String jfr = System.getProperty("bench.jfr");
    private final boolean pgss = Boolean.getBoolean("bench.pgss");
    private final int notifySeconds = Integer.getInteger("bench.notifySeconds", 5);
    private final boolean whatIf = Boolean.getBoolean("bench.whatIf");

    private Pg postgres;
    private EmbeddedKafkaBroker kafka;
    private Connection admin;
    private long postmasterPid;

    /** Figures for the summary at the end. */
    private final Map<String, String> summary = new LinkedHashMap<>();

    private byte[] samplePayload;
    private String sampleSubject;

    public static void main(String[] args) {
        int exit = 0;
        try {
            new ContractBenchmark().run();
        } catch (Throwable t) {
            t.printStackTrace();
            exit = 1;
        }
        System.out.flush();
        // The in-JVM broker, Netty and the HTTP client leave non-daemon threads; exec:java would wait.
        System.exit(exit);
    }

    void run() throws Exception {
        long started = System.nanoTime();
        section("Machine");
        printMachine();
        postgres = Pg.start(durable, pgss);
        kafka = new EmbeddedKafkaBroker();
        kafka.start();
        try {
            admin = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
            admin.setAutoCommit(true);
            postgres.admin = admin;
            postmasterPid = postmasterPid();
            kafka.createTopics(3, Topics.CONTRACT_EVENTS, OUTBOX_TOPIC);
            printSettings();

            for (String phase : phases) {
                switch (phase.trim()) {
                    case "norelay" -> writePhase(false);
                    case "relay" -> writePhase(true);
                    case "outbox" -> outboxPhase();
                    case "notify" -> notifyPhase();
                    default -> throw new IllegalArgumentException("unknown phase " + phase);
                }
                pause();
            }
            section("Summary (targets from the issue)");
            summary.forEach((k, v) -> System.out.printf("  %-58s %s%n", k, v));
            System.out.printf("  load average at end: %s%n", loadAverage());
            System.out.printf("  total benchmark time: %.0f s%n", (System.nanoTime() - started) / 1e9);
        } finally {
            if (admin != null) {
                admin.close();
            }
            kafka.close();
            postgres.close();
        }
    }

    // ---------------------------------------------------------------- write phases (REST API)

    private void writePhase(boolean relayEnabled) throws Exception {
        String label = relayEnabled ? "relay" : "norelay";
        section("Writes through the REST API, outbox relay " + (relayEnabled ? "ENABLED" : "DISABLED"));
        String db = postgres.createDatabase("bench_" + label);
        Map<String, Object> props = new HashMap<>();
        props.put("datasources.default.url", postgres.jdbcUrl(db));
        props.put("datasources.default.username", postgres.user());
        props.put("datasources.default.password", postgres.password());
        props.put("datasources.default.maximum-pool-size", pool);
        props.put("naravard.kafka.bootstrap-servers", kafka.bootstrapServers());
        props.put("naravard.outbox.relay.enabled", String.valueOf(relayEnabled));
        props.put("naravard.patient-key.secret", "benchmark-only-patient-key-secret");
        props.put("micronaut.server.port", -1);
        long t0 = System.nanoTime();
        try (ApplicationContext ctx = Micronaut.build(new String[0])
                .mainClass(Application.class)
                .banner(false)
                .properties(props)
                .start()) {
            EmbeddedServer server = ctx.getBean(EmbeddedServer.class);
            System.out.printf(
                    "  service started in %d ms on port %d, database %s, pool %d, relay %s%n",
                    (System.nanoTime() - t0) / 1_000_000, server.getPort(), db, pool, relayEnabled ? "on" : "off");
            printSessionSettings(db);
            OutboxRelay relay = relayEnabled ? ctx.getBean(OutboxRelay.class) : null;
            Load load = new Load(URI.create("http://localhost:" + server.getPort()), clients);
            try {
                Recorder wu = new Recorder("create (warm-up)", warmup);
                load.run(warmup, i -> load.create(i, wu, null));
                System.out.printf("  warm-up: %s%n", wu.brief());
                if (relay != null) {
                    awaitBacklogZero(relay, Duration.ofSeconds(60));
                }
                pause();

                EventWatcher watcher = relayEnabled ? new EventWatcher(kafka.bootstrapServers()) : null;
                Map<String, Long> sentAt = relayEnabled ? new ConcurrentHashMap<>() : null;
                Recorder creates = new Recorder("POST /contracts", n);
                jdk.jfr.Recording recording = null;
                if (jfr != null && relayEnabled) {
                    recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                    recording.start();
                }
                if (pgss && relayEnabled) {
                    statements(db, true);
                }
                Snapshot before = snapshot(db);
                long wall = load.run(n, i -> load.create(i, creates, sentAt));
                Snapshot after = snapshot(db);
                if (pgss && relayEnabled) {
                    statements(db, false);
                }
                if (recording != null) {
                    recording.stop();
                    recording.dump(Path.of(jfr));
                    recording.close();
                    System.out.println("  JFR recording of this run written to " + jfr);
                }
                double rate = creates.ok() / (wall / 1e9);
                System.out.printf(
                        "  %d creates from %d client threads in %.2f s: %.0f writes/s (successful)%n",
                        n, clients, wall / 1e9, creates.ok() / (wall / 1e9));
                creates.print();
                if (relay != null) {
                    System.out.printf(
                            "  outbox backlog when the last response arrived: %d%n",
                            relay.backlog().pending());
                }
                after.minus(before).print(creates.ok(), "HTTP write");
                summary.put(
                        "create writes/s, relay " + (relayEnabled ? "on" : "off") + " (target >= 1,000)",
                        String.format(Locale.ROOT, "%.0f  %s", rate, rate >= 1000 ? "MET" : "NOT MET"));
                summary.put(
                        "create latency p50/p99 ms, relay " + (relayEnabled ? "on" : "off"),
                        String.format(Locale.ROOT, "%.1f / %.1f", creates.percentile(50), creates.percentile(99)));

                if (watcher != null) {
                    createToKafka(watcher, sentAt, relay, "at full load (" + clients + " client threads)", true);
                    watcher.close();
                    samplePayload(db);
                    pause();
                    for (String paced : pacedRate.split(",")) {
                        pause();
                        pacedRun(load, db, relay, paced.trim(), rate);
                    }
                }

                if (relayEnabled && mixed > 0) {
                    pause();
                    mixedRun(load, db, relay);
                }
                if (relayEnabled) {
                    try (HikariDataSource ds = dataSource(db, 2);
                            Connection c = ds.getConnection();
                            Statement s = c.createStatement();
                            ResultSet rs = s.executeQuery("select count(*) filter (where sent_at is not null),"
                                    + " count(*) filter (where sent_at is null) from naravard_platform.outbox_event")) {
                        rs.next();
                        System.out.printf(
                                "%n  live outbox after the runs: %,d sent rows kept (retention %s), %,d unsent%n",
                                rs.getLong(1), RelaySettings.defaults().retention(), rs.getLong(2));
                        explain(ds, RelaySettings.defaults().batchSize(), "the relay's query on it", PENDING_AS_IS);
                    }
                }
            } finally {
                load.close();
            }
        }
    }

    /** Creates at a fixed rate well below saturation: the latency of the pipeline when CPU is not the queue. */
    private void pacedRun(Load load, String db, OutboxRelay relay, String pacedRate, double saturatedRate)
            throws Exception {
        double rate = "half".equals(pacedRate)
                ? Math.max(50, Math.round(saturatedRate / 2 / 10) * 10)
                : Double.parseDouble(pacedRate);
        int count = (int) (rate * pacedSeconds);
        awaitBacklogZero(relay, Duration.ofSeconds(60));
        EventWatcher watcher = new EventWatcher(kafka.bootstrapServers());
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Recorder creates = new Recorder("POST /contracts (paced)", count);
        Snapshot before = snapshot(db);
        long start = System.nanoTime() + 50_000_000L;
        long wall = load.run(count, i -> {
            long due = start + (long) (i * 1e9 / rate);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            load.create(i, creates, sentAt);
        });
        Snapshot after = snapshot(db);
        System.out.printf(
                "%n  paced run: %d creates at a fixed %.0f/s (%s), achieved %.0f/s%n",
                count,
                rate,
                "half".equals(pacedRate) ? "about half the saturated rate" : "a light load",
                creates.ok() / (wall / 1e9));
        creates.print();
        after.minus(before).print(creates.ok(), "HTTP write");
        createToKafka(watcher, sentAt, relay, String.format(Locale.ROOT, "at %.0f creates/s", rate), false);
        watcher.close();
        summary.put(
                String.format(Locale.ROOT, "create latency p50/p99 ms at %.0f/s", rate),
                String.format(Locale.ROOT, "%.1f / %.1f", creates.percentile(50), creates.percentile(99)));
    }

    private void createToKafka(
            EventWatcher watcher, Map<String, Long> sentAt, OutboxRelay relay, String label, boolean full)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !watcher.seenAll(sentAt.keySet())) {
            Thread.sleep(50);
        }
        long[] lat = new long[sentAt.size()];
        int k = 0;
        int missing = 0;
        for (Map.Entry<String, Long> e : sentAt.entrySet()) {
            Long seen = watcher.firstSeen.get(e.getKey());
            if (seen == null) {
                missing++;
            } else {
                lat[k++] = seen - e.getValue();
            }
        }
        long[] got = Arrays.copyOf(lat, k);
        Arrays.sort(got);
        System.out.printf(
                "  create -> Kafka %s (consumer on %s received the contract-created record, minus the moment"
                        + " the POST was sent; includes HTTP, the transaction, the relay wake-up and the broker"
                        + " round trip):%n",
                label, Topics.CONTRACT_EVENTS);
        System.out.printf(
                "    %d matched, %d missing after 60 s; p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                k, missing, pct(got, 50), pct(got, 90), pct(got, 99), k == 0 ? Double.NaN : got[k - 1] / 1e6);
        System.out.printf(
                "    relay: %d events published, %d failed batches; records seen by the consumer: %d%n",
                relay.publishedCount(), relay.failedBatchCount(), watcher.records.get());
        double p99 = pct(got, 99);
        summary.put(
                "create -> Kafka p50/p99 ms " + (full ? "at full load" : label) + " (target p99 <= 100)",
                String.format(
                        Locale.ROOT,
                        "%.1f / %.1f  %s%s",
                        pct(got, 50),
                        p99,
                        p99 <= 100 && missing == 0 ? "MET" : "NOT MET",
                        missing == 0 ? "" : " (" + missing + " missing)"));
    }

    private void mixedRun(Load load, String db, OutboxRelay relay) throws Exception {
        Recorder creates = new Recorder("POST /contracts", mixed);
        Recorder activate = new Recorder("POST /contracts/{id}/status active", mixed);
        Recorder complete = new Recorder("POST /contracts/{id}/status completed", mixed);
        String active = ContractJson.status("active", "Överens med patienten");
        String completed = ContractJson.status("completed", "Klart");
        Snapshot before = snapshot(db);
        long wall = load.run(mixed, i -> {
            String id = load.create(i, creates, null);
            if (id != null
                    && load.call(activate, "POST", "/contracts/" + id + "/status", active, 200, "If-Match", "\"1\"")
                            != null) {
                load.call(complete, "POST", "/contracts/" + id + "/status", completed, 200, "If-Match", "\"2\"");
            }
        });
        Snapshot after = snapshot(db);
        long ok = creates.ok() + activate.ok() + complete.ok();
        double rate = ok / (wall / 1e9);
        System.out.printf(
                "%n  mixed run: %d chains of create -> activate -> complete (If-Match), %d client threads, %.2f s:"
                        + " %.0f writes/s%n",
                mixed, clients, wall / 1e9, rate);
        creates.print();
        activate.print();
        complete.print();
        System.out.printf(
                "  outbox backlog when the last response arrived: %d%n",
                relay.backlog().pending());
        awaitBacklogZero(relay, Duration.ofSeconds(60));
        after.minus(before).print(ok, "HTTP write");
        summary.put(
                "mixed writes/s (1/3 create, 2/3 status change; target >= 1,000)",
                String.format(Locale.ROOT, "%.0f  %s", rate, rate >= 1000 ? "MET" : "NOT MET"));
        summary.put(
                "status change latency p50/p99 ms (activate)",
                String.format(Locale.ROOT, "%.1f / %.1f", activate.percentile(50), activate.percentile(99)));
    }

    private void samplePayload(String db) throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(db), postgres.user(), postgres.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select data, subject,"
                        + " (select avg(octet_length(data))::int from naravard_platform.outbox_event),"
                        + " (select pg_column_size(data) from naravard_platform.outbox_event order by seq desc limit 1)"
                        + " from naravard_platform.outbox_event order by seq desc limit 1")) {
            if (rs.next()) {
                samplePayload = rs.getBytes(1);
                sampleSubject = rs.getString(2);
                System.out.printf(
                        "  contract-created payload: %d bytes on average (%d bytes stored after PostgreSQL"
                                + " compression)%n",
                        rs.getInt(3), rs.getInt(4));
            }
        }
    }

    /** pg_stat_statements (only with -Dbench.pgss=true): reset before the run, top statements after it. */
    private void statements(String db, boolean reset) throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(db), postgres.user(), postgres.password());
                Statement s = c.createStatement()) {
            if (reset) {
                s.execute("create extension if not exists pg_stat_statements");
                s.execute("select pg_stat_statements_reset()");
                return;
            }
            System.out.println("  pg_stat_statements, this database, by total execution time:");
            try (ResultSet rs = s.executeQuery("select calls, round(total_exec_time::numeric, 0),"
                    + " round(mean_exec_time::numeric, 3), rows, regexp_replace(query, '\\s+', ' ', 'g')"
                    + " from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())"
                    + " order by total_exec_time desc limit 14")) {
                while (rs.next()) {
                    String q = rs.getString(5);
                    System.out.printf(
                            "    calls %7d  total %6d ms  mean %7.3f ms  rows %7d  %s%n",
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getDouble(3),
                            rs.getLong(4),
                            q.length() > 150 ? q.substring(0, 150) + "…" : q);
                }
            }
        }
    }

    // ---------------------------------------------------------------- NOTIFY at commit

    /**
     * What the outbox trigger's NOTIFY costs writers: C plain-JDBC threads each appending one outbox row
     * per transaction, with the trigger as shipped and then with it disabled. No HTTP, no service.
     */
    private void notifyPhase() throws Exception {
        section("Cost of the outbox NOTIFY at commit (plain JDBC, one outbox row per transaction)");
        String db = postgres.createDatabase("bench_notify");
        String payload = new String(samplePayload == null ? syntheticPayload() : samplePayload, StandardCharsets.UTF_8);
        OutboxStore store = new OutboxStore(RelaySettings.defaults().lanes());
        int notifyRun = 0;
        ExecutorService ex = Executors.newFixedThreadPool(clients, r -> new Thread(r, "bench-notify-writer"));
        try (HikariDataSource ds = dataSource(db, clients)) {
            PlatformSchema.migrate(ds);
            // The platform dropped its NOTIFY trigger after this phase measured it (V2 migration);
            // the experiment installs the same trigger in its own scratch database.
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement()) {
                s.execute(
                        "create function naravard_platform.outbox_event_notify() returns trigger"
                                + " language plpgsql as $$ begin perform pg_notify('naravard_outbox', ''); return null; end $$");
                s.execute("create trigger outbox_event_inserted after insert on naravard_platform.outbox_event"
                        + " for each statement execute function naravard_platform.outbox_event_notify()");
            }
            for (boolean trigger : new boolean[] {true, false, true}) {
                try (Connection c = ds.getConnection();
                        Statement s = c.createStatement()) {
                    s.execute("alter table naravard_platform.outbox_event " + (trigger ? "enable" : "disable")
                            + " trigger outbox_event_inserted");
                }
                AtomicLong commits = new AtomicLong();
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(notifySeconds);
                Snapshot before = snapshot(db);
                long t0 = System.nanoTime();
                CountDownLatch done = new CountDownLatch(clients);
                for (int t = 0; t < clients; t++) {
                    int thread = t;
                    ex.execute(() -> {
                        try (Connection c = ds.getConnection()) {
                            c.setAutoCommit(false);
                            int i = 0;
                            while (System.nanoTime() < end) {
                                store.append(
                                        c,
                                        OUTBOX_TOPIC,
                                        new EventEnvelope(
                                                UUID.randomUUID(),
                                                "/naravard/contract-service",
                                                "se.naravard.contract.contract-created.v1",
                                                UUID.randomUUID().toString(),
                                                OffsetDateTime.now(ZoneOffset.UTC),
                                                "patient-" + thread + "-" + (i++ % 100),
                                                "0680",
                                                1,
                                                payload.getBytes(StandardCharsets.UTF_8)));
                                c.commit();
                                commits.incrementAndGet();
                            }
                        } catch (SQLException e) {
                            System.out.println("  writer failed: " + e);
                        } finally {
                            done.countDown();
                        }
                    });
                }
                done.await();
                long wall = System.nanoTime() - t0;
                Snapshot after = snapshot(db);
                System.out.printf(
                        "%n  trigger %s: %,d commits from %d threads in %.1f s = %,.0f commits/s%n",
                        trigger ? "ENABLED (as shipped)" : "DISABLED (no NOTIFY)",
                        commits.get(),
                        clients,
                        wall / 1e9,
                        commits.get() / (wall / 1e9));
                after.minus(before).print(commits.get(), "commit");
                summary.put(
                        "plain-JDBC outbox commits/s, NOTIFY trigger " + (trigger ? "on" : "off") + " (run "
                                + (++notifyRun) + ")",
                        String.format(Locale.ROOT, "%,.0f", commits.get() / (wall / 1e9)));
            }
        } finally {
            ex.shutdown();
        }
    }

    // ---------------------------------------------------------------- outbox relay throughput

    private void outboxPhase() throws Exception {
        section("Outbox relay throughput (OutboxRelay driven directly, backlog written while no relay ran)");
        if (samplePayload == null) {
            samplePayload = syntheticPayload();
            sampleSubject = "00000000-0000-0000-0000-000000000000";
            System.out.printf("  payload: synthetic JSON of %d bytes%n", samplePayload.length);
        } else {
            System.out.printf(
                    "  payload: a real contract-created payload of %d bytes (from the relay phase), subject"
                            + " replaced per row%n",
                    samplePayload.length);
        }
        String template = postgres.createDatabase("bench_outbox_template");
        try (HikariDataSource ds = dataSource(template, 4)) {
            PlatformSchema.migrate(ds);
            long t0 = System.nanoTime();
            fill(ds, outboxRows);
            long t = System.nanoTime() - t0;
            System.out.printf(
                    "  filled %,d rows (keys over %,d patients, %d lanes) in %.1f s (%.0f rows/s, 2 writers,"
                            + " 1,000 rows per commit)%n",
                    outboxRows, outboxPatients, RelaySettings.defaults().lanes(), t / 1e9, outboxRows / (t / 1e9));
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement()) {
                // autovacuum analyzes a table after this many inserts anyway; without statistics the
                // planner's choice for the relay's query would be an accident of defaults.
                s.execute("analyze naravard_platform.outbox_event");
            }
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "select pg_size_pretty(pg_total_relation_size('naravard_platform.outbox_event'))")) {
                rs.next();
                System.out.printf("  outbox table with indexes and TOAST: %s (analyzed)%n", rs.getString(1));
            }
        }
        RelaySettings d = RelaySettings.defaults();
        boolean explained = false;
        for (int batch : outboxBatches) {
            pause();
            String db = "bench_outbox_b" + batch + "_" + Long.toString(System.nanoTime() % 1_000_000, 36);
            try (Statement s = admin.createStatement()) {
                s.execute("create database " + db + " template " + template + " strategy file_copy");
            }
            RelaySettings settings = new RelaySettings(
                    batch, d.pollInterval(), d.initialBackoff(), d.maxBackoff(), d.retention(), d.lanes());
            try (HikariDataSource ds = dataSource(db, 4)) {
                if (!explained) {
                    explainPending(ds, batch);
                    explained = true;
                }
                long offsetsBefore = endOffsets(OUTBOX_TOPIC);
                Snapshot before = snapshot(db);
                OutboxRelay relay = new OutboxRelay(
                        ds,
                        () -> KafkaProducers.idempotent(kafka.bootstrapServers(), "bench-outbox-relay", Map.of()),
                        settings,
                        Clock.systemUTC());
                long t0 = System.nanoTime();
                relay.start("bench-b" + batch);
                long deadline = t0 + TimeUnit.SECONDS.toNanos(Long.getLong("bench.outboxTimeout", 120));
                while (relay.publishedCount() < outboxRows && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                long t = System.nanoTime() - t0;
                Snapshot after = snapshot(db);
                relay.close();
                long published = relay.publishedCount();
                long pending = relay.backlog().pending();
                long inKafka = endOffsets(OUTBOX_TOPIC) - offsetsBefore;
                double rate = published / (t / 1e9);
                System.out.printf(
                        "%n  batch %d: %,d events in %.2f s = %,.0f events/s; backlog after %d, failed batches %d,"
                                + " records added to Kafka %,d%s%n",
                        batch,
                        published,
                        t / 1e9,
                        rate,
                        pending,
                        relay.failedBatchCount(),
                        inKafka,
                        published < outboxRows ? "  (TIMED OUT before the backlog was empty)" : "");
                after.minus(before).print(published, "event");
                summary.put(
                        "relay events/s, batch " + batch + (batch == d.batchSize() ? " (default)" : "")
                                + " (target >= 5,000)",
                        String.format(
                                Locale.ROOT,
                                "%,.0f  %s%s",
                                rate,
                                rate >= 5000 && pending == 0 ? "MET" : "NOT MET",
                                pending == 0 ? "" : " (" + pending + " left)"));
            }
        }
        if (whatIf) {
            pause();
            drainWhatIf(template, d);
        }
    }

    /**
     * Not production code: the same drain with one extra index, {@code (seq) where sent_at is null}, so
     * that "oldest unsent rows in seq order" is an ordered index scan instead of a scan and sort of
     * the whole backlog for every batch.
     */
    private void drainWhatIf(String template, RelaySettings settings) throws Exception {
        String db = "bench_outbox_whatif_" + Long.toString(System.nanoTime() % 1_000_000, 36);
        try (Statement s = admin.createStatement()) {
            s.execute("create database " + db + " template " + template + " strategy file_copy");
        }
        try (HikariDataSource ds = dataSource(db, 4)) {
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("create index outbox_event_pending_seq on naravard_platform.outbox_event (seq)"
                        + " where sent_at is null");
            }
            System.out.printf(
                    "%n  WHAT-IF (not in production code): extra index outbox_event (seq) where sent_at is null%n");
            explain(ds, settings.batchSize(), "the unchanged pending-rows query with that index", PENDING_AS_IS);
            Snapshot before = snapshot(db);
            OutboxRelay relay = new OutboxRelay(
                    ds,
                    () -> KafkaProducers.idempotent(kafka.bootstrapServers(), "bench-outbox-relay", Map.of()),
                    settings,
                    Clock.systemUTC());
            long t0 = System.nanoTime();
            relay.start("bench-whatif");
            long deadline = t0 + TimeUnit.SECONDS.toNanos(Long.getLong("bench.outboxTimeout", 120));
            while (relay.publishedCount() < outboxRows && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            long t = System.nanoTime() - t0;
            Snapshot after = snapshot(db);
            relay.close();
            double rate = relay.publishedCount() / (t / 1e9);
            System.out.printf(
                    "  what-if batch %d: %,d events in %.2f s = %,.0f events/s; backlog after %d%n",
                    settings.batchSize(),
                    relay.publishedCount(),
                    t / 1e9,
                    rate,
                    relay.backlog().pending());
            after.minus(before).print(relay.publishedCount(), "event");
            summary.put(
                    "WHAT-IF relay events/s, batch " + settings.batchSize() + ", extra index (seq) where unsent",
                    String.format(Locale.ROOT, "%,.0f", rate));
        }
    }

    private void fill(HikariDataSource ds, int rows) throws Exception {
        String[] keys = new String[outboxPatients];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256")
                                    .digest(("patient-" + i).getBytes(StandardCharsets.UTF_8)),
                            0,
                            16);
        }
        String payload = new String(samplePayload, StandardCharsets.UTF_8);
        OutboxStore store = new OutboxStore(RelaySettings.defaults().lanes());
        int writers = 2;
        ExecutorService ex = Executors.newFixedThreadPool(writers);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int from = w * rows / writers;
            int to = (w + 1) * rows / writers;
            done.add(ex.submit(() -> {
                try (Connection c = ds.getConnection()) {
                    c.setAutoCommit(false);
                    for (int i = from; i < to; i++) {
                        String subject = UUID.randomUUID().toString();
                        store.append(
                                c,
                                OUTBOX_TOPIC,
                                new EventEnvelope(
                                        UUID.randomUUID(),
                                        "/naravard/contract-service",
                                        "se.naravard.contract.contract-created.v1",
                                        subject,
                                        OffsetDateTime.now(ZoneOffset.UTC),
                                        keys[i % keys.length],
                                        "0680",
                                        1,
                                        payload.replace(sampleSubject, subject).getBytes(StandardCharsets.UTF_8)));
                        if ((i - from + 1) % 1000 == 0) {
                            c.commit();
                        }
                    }
                    c.commit();
                }
                return null;
            }));
        }
        for (var f : done) {
            f.get();
        }
        ex.shutdown();
    }

    static final String COLUMNS = "seq, topic, event_id, source, event_type, subject, event_time, record_key, kommun,"
            + " aggregate_version, data, created_at";

    /** OutboxStore.pending's query as it is. */
    static final String PENDING_AS_IS = "select " + COLUMNS + " from naravard_platform.outbox_event"
            + " where sent_at is null and lane = any(?) order by seq limit ?";

    private void explainPending(HikariDataSource ds, int batch) throws SQLException {
        explain(ds, batch, "the relay's pending-rows query (OutboxStore.pending) with the full backlog", PENDING_AS_IS);
    }

    private void explain(HikariDataSource ds, int batch, String title, String sql) throws SQLException {
        System.out.printf("  plan of %s, batch %d:%n", title, batch);
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("explain (analyze, buffers, costs off) " + sql)) {
            ps.setArray(
                    1,
                    c.createArrayOf(
                            "int4",
                            java.util.stream.IntStream.range(
                                            0, RelaySettings.defaults().lanes())
                                    .boxed()
                                    .toArray()));
            ps.setInt(2, batch);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    System.out.println("    | " + rs.getString(1));
                }
            }
        }
    }

    private static byte[] syntheticPayload() {
        StringBuilder b = new StringBuilder("{\"event\":\"contract-created\",\"contract\":{\"id\":\"")
                .append("00000000-0000-0000-0000-000000000000")
                .append("\",\"parts\":[");
        while (b.length() < 2000) {
            b.append("{\"id\":\"")
                    .append(UUID.randomUUID())
                    .append("\",\"text\":\"Uppföljande besök på vårdcentralen\"},");
        }
        b.setLength(b.length() - 1);
        return b.append("]}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private long endOffsets(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(pi -> new TopicPartition(topic, pi.partition()))
                    .toList();
            return c.endOffsets(parts).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }

    // ---------------------------------------------------------------- load generation

    /** C client threads sharing one HTTP/1.1 client; each takes the next task index until all are done. */
    static final class Load implements AutoCloseable {
        private final HttpClient http;
        private final URI base;
        private final int clients;
        private final String[] bodies;
        /** Lives as long as the Load, so that snapshots still see the client threads' CPU time. */
        private final ExecutorService threads;

        Load(URI base, int clients) {
            this.base = base;
            this.clients = clients;
            this.http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            this.bodies = PATIENTS.stream().map(ContractJson::create).toArray(String[]::new);
            AtomicInteger threadNo = new AtomicInteger();
            this.threads = Executors.newFixedThreadPool(clients, r -> {
                Thread t = new Thread(r, "bench-client-" + threadNo.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }

        interface Task {
            void run(int i) throws Exception;
        }

        /** Runs tasks 0..total-1 on the client threads; returns the wall time in nanoseconds. */
        long run(int total, Task task) throws InterruptedException {
            AtomicInteger next = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(clients);
            ExecutorService ex = threads;
            long t0 = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                ex.execute(() -> {
                    try {
                        int i;
                        while ((i = next.getAndIncrement()) < total) {
                            try {
                                task.run(i);
                            } catch (Exception e) {
                                System.out.println("  client error: " + e);
                            }
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
            return System.nanoTime() - t0;
        }

        /** POST /contracts; returns the new id, or null when it failed. */
        String create(int i, Recorder r, Map<String, Long> sentAt) {
            long sent = System.nanoTime();
            HttpResponse<String> resp = call(r, "POST", "/contracts", bodies[i % bodies.length], 201);
            if (resp == null) {
                return null;
            }
            String location = resp.headers().firstValue("Location").orElse("");
            String id = location.substring(location.lastIndexOf('/') + 1);
            if (sentAt != null) {
                sentAt.put(id, sent);
            }
            return id;
        }

        /** One request, timed; returns the response when its status is the expected one, else null. */
        HttpResponse<String> call(
                Recorder r, String method, String path, String body, int expected, String... headers) {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json");
            for (int h = 0; h < headers.length; h += 2) {
                b.header(headers[h], headers[h + 1]);
            }
            HttpRequest request = b.build();
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> resp = http.send(request, HttpResponse.BodyHandlers.ofString());
                r.record(System.nanoTime() - t0, resp.statusCode(), resp.statusCode() == expected ? null : resp.body());
                return resp.statusCode() == expected ? resp : null;
            } catch (Exception e) {
                r.record(System.nanoTime() - t0, -1, e.toString());
                return null;
            }
        }

        @Override
        public void close() {
            // java.net.http.HttpClient has no close() before JDK 21; its threads are daemons.
            threads.shutdown();
        }
    }

    /** Latencies and statuses of one kind of request. */
    static final class Recorder {
        final String name;
        private final long[] nanos;
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicInteger failures = new AtomicInteger();
        private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        private final ConcurrentLinkedQueue<String> failureSamples = new ConcurrentLinkedQueue<>();
        private long[] sorted;

        Recorder(String name, int capacity) {
            this.name = name;
            this.nanos = new long[capacity];
        }

        void record(long elapsed, int status, String failure) {
            int i = count.getAndIncrement();
            if (i < nanos.length) {
                nanos[i] = elapsed;
            }
            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            if (failure != null) {
                failures.incrementAndGet();
                if (failureSamples.size() < 5) {
                    failureSamples.add(
                            status + " " + (failure.length() > 300 ? failure.substring(0, 300) + "…" : failure));
                }
            }
        }

        long ok() {
            return (long) Math.min(count.get(), nanos.length) - failures.get();
        }

        private long[] sorted() {
            if (sorted == null) {
                sorted = Arrays.copyOf(nanos, Math.min(count.get(), nanos.length));
                Arrays.sort(sorted);
            }
            return sorted;
        }

        double percentile(double p) {
            return pct(sorted(), p);
        }

        String brief() {
            long[] s = sorted();
            return String.format(
                    Locale.ROOT,
                    "%d requests, %d failed, p50 %.1f ms, p99 %.1f ms",
                    s.length,
                    failures.get(),
                    pct(s, 50),
                    pct(s, 99));
        }

        void print() {
            long[] s = sorted();
            System.out.printf(
                    "    %-40s n=%-6d failed=%-4d p50 %6.1f  p90 %6.1f  p99 %6.1f  max %7.1f ms   statuses %s%n",
                    name,
                    s.length,
                    failures.get(),
                    pct(s, 50),
                    pct(s, 90),
                    pct(s, 99),
                    s.length == 0 ? Double.NaN : s[s.length - 1] / 1e6,
                    new java.util.TreeMap<>(statuses));
            for (String f : failureSamples) {
                System.out.println("      failure: " + f);
            }
        }
    }

    static double pct(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int idx = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(idx, sortedNanos.length - 1))] / 1e6;
    }

    /** Reads contract.events from its current end and notes when each subject's first record arrived. */
    static final class EventWatcher implements AutoCloseable {
        final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
        final AtomicLong records = new AtomicLong();
        private final KafkaConsumer<String, byte[]> consumer;
        private final Thread thread;
        private volatile boolean running = true;

        EventWatcher(String bootstrap) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-latency");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
            consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> parts = consumer.partitionsFor(Topics.CONTRACT_EVENTS).stream()
                    .map(pi -> new TopicPartition(pi.topic(), pi.partition()))
                    .toList();
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position);
            thread = new Thread(this::loop, "bench-latency-consumer");
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            try {
                while (running) {
                    var batch = consumer.poll(Duration.ofMillis(200));
                    long now = System.nanoTime();
                    for (ConsumerRecord<String, byte[]> rec : batch) {
                        records.incrementAndGet();
                        Header h = rec.headers().lastHeader("ce_subject");
                        if (h != null) {
                            firstSeen.putIfAbsent(new String(h.value(), StandardCharsets.UTF_8), now);
                        }
                    }
                }
            } catch (WakeupException e) {
                // closing
            } finally {
                consumer.close();
            }
        }

        boolean seenAll(java.util.Set<String> ids) {
            return firstSeen.keySet().containsAll(ids);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            consumer.wakeup();
            thread.join(5000);
        }
    }

    // ---------------------------------------------------------------- where the time goes

    /** CPU, PostgreSQL and GC counters at one moment. */
    record Snapshot(
            long wallNanos,
            long processCpuNanos,
            Map<String, Long> postgresTicks,
            long[] machine,
            Map<Long, ThreadCpu> threads,
            long xid,
            long walBytes,
            long walSync,
            long walWrite,
            long xactCommit,
            long checkpoints,
            long gcMillis,
            long gcCount) {

        Delta minus(Snapshot b) {
            return new Delta(this, b);
        }
    }

    record ThreadCpu(String name, long cpuNanos) {}

    /** The difference of two snapshots, printed as "where the time goes". */
    static final class Delta {
        final Snapshot a;
        final Snapshot b;

        Delta(Snapshot after, Snapshot before) {
            this.a = after;
            this.b = before;
        }

        void print(long operations, String unit) {
            double wall = (a.wallNanos - b.wallNanos) / 1e9;
            double jvm = (a.processCpuNanos - b.processCpuNanos) / 1e9;
            double pg = (a.postgresTicks.getOrDefault("total", 0L) - b.postgresTicks.getOrDefault("total", 0L)) / 100.0;
            long[] m = new long[a.machine.length];
            long total = 0;
            for (int i = 0; i < m.length; i++) {
                m[i] = a.machine[i] - b.machine[i];
                total += m[i];
            }
            // /proc/stat cpu: user nice system idle iowait irq softirq steal
            double idle = pctOf(m[3], total);
            double iowait = pctOf(m[4], total);
            double steal = m.length > 7 ? pctOf(m[7], total) : 0;
            double sys = pctOf(m[2] + m[5] + m[6], total);
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf(
                    "  where the time goes (%.1f s wall, %d cores = %.1f core-seconds):%n", wall, cores, wall * cores);
            System.out.printf(
                    "    machine: %.0f%% busy (of which kernel %.0f%%), %.0f%% idle, %.0f%% iowait, %.0f%% steal%n",
                    100 - idle - iowait - steal, sys, idle, iowait, steal);
            double busy = 100 - idle - iowait - steal;
            System.out.printf(
                    "    CPU: this JVM %.1f s (%.0f%% of the machine), PostgreSQL processes %.1f s (%.0f%%), anything"
                            + " else on the machine ~%.0f%%%n",
                    jvm,
                    100 * jvm / (wall * cores),
                    pg,
                    100 * pg / (wall * cores),
                    Math.max(0, busy - 100 * (jvm + pg) / (wall * cores)));
            Map<String, Long> categories = new LinkedHashMap<>();
            Map<String, Long> groups = new HashMap<>();
            long liveThreads = 0;
            for (Map.Entry<Long, ThreadCpu> e : a.threads.entrySet()) {
                ThreadCpu before = b.threads.get(e.getKey());
                long d = e.getValue().cpuNanos - (before == null ? 0 : before.cpuNanos);
                if (d <= 0) {
                    continue;
                }
                liveThreads += d;
                String name = e.getValue().name;
                categories.merge(category(name), d, Long::sum);
                groups.merge(name.replaceAll("\\d+", "#"), d, Long::sum);
            }
            categories.put(
                    "threads that ended during the phase",
                    Math.max(0, a.processCpuNanos - b.processCpuNanos - liveThreads));
            System.out.printf("    JVM CPU by part (per %s: %d %ss):%n", unit, operations, unit);
            categories.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> System.out.printf(
                            "      %-44s %6.1f s  %5.0f µs/%s%n",
                            e.getKey(), e.getValue() / 1e9, e.getValue() / 1e3 / Math.max(1, operations), unit));
            System.out.printf(
                    "      %-44s %6.1f s  %5.0f µs/%s%n",
                    "PostgreSQL (all its processes)", pg, pg * 1e6 / Math.max(1, operations), unit);
            System.out.println("      PostgreSQL by process: "
                    + a.postgresTicks.keySet().stream()
                            .filter(k -> !k.equals("total"))
                            .map(k -> Map.entry(k, a.postgresTicks.get(k) - b.postgresTicks.getOrDefault(k, 0L)))
                            .filter(e -> e.getValue() > 0)
                            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                            .map(e -> String.format(Locale.ROOT, "%s %.1fs", e.getKey(), e.getValue() / 100.0))
                            .collect(Collectors.joining(", ")));
            System.out.println("    busiest JVM thread groups: "
                    + groups.entrySet().stream()
                            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                            .limit(8)
                            .map(e -> String.format(Locale.ROOT, "%s %.1fs", e.getKey(), e.getValue() / 1e9))
                            .collect(Collectors.joining(", ")));
            long xacts = a.xid - b.xid - 1;
            System.out.printf(
                    "    PostgreSQL: %d write transactions (xid delta) = %.0f/s, %.2f per %s; WAL %.1f MB = %.1f kB"
                            + " per %s; ~%d WAL fsyncs (%.1f commits each); %d checkpoints; xact_commit %d (stats,"
                            + " may trail by ~1 s)%n",
                    xacts,
                    xacts / wall,
                    xacts / (double) Math.max(1, operations),
                    unit,
                    (a.walBytes - b.walBytes) / 1e6,
                    (a.walBytes - b.walBytes) / 1e3 / Math.max(1, operations),
                    unit,
                    a.walSync - b.walSync,
                    xacts / (double) Math.max(1, a.walSync - b.walSync),
                    a.checkpoints - b.checkpoints,
                    a.xactCommit - b.xactCommit);
            System.out.printf(
                    "    GC: %d collections, %d ms pause/collection time%n",
                    a.gcCount - b.gcCount, a.gcMillis - b.gcMillis);
        }

        /** By the thread's Linux name (the Java name cut to 15 characters). */
        private static String category(String name) {
            if (name.startsWith("bench-client") || name.startsWith("HttpClient")) {
                return "load generator (HTTP client threads)";
            }
            if (name.startsWith("bench-notify")) {
                return "plain-JDBC writers (bench)";
            }
            if (name.startsWith("bench-latency")) {
                return "latency consumer (Kafka)";
            }
            if (name.startsWith("outbox-relay") || name.startsWith("kafka-producer")) {
                return "outbox relay (+ its Kafka producer thread)";
            }
            if (name.startsWith("default-")
                    || name.startsWith("io-executor")
                    || name.startsWith("Hikari")
                    || name.startsWith("scheduled-exec")) {
                return "contract-service (Netty, io-executor, Hikari)";
            }
            if (name.contains("CompilerThre") || name.startsWith("Sweeper")) {
                return "JIT compiler threads";
            }
            if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM ")) {
                return "GC and VM threads";
            }
            return "Kafka broker and other threads";
        }

        private static double pctOf(long part, long total) {
            return total == 0 ? 0 : 100.0 * part / total;
        }
    }

    private Snapshot snapshot(String db) throws Exception {
        long wall = System.nanoTime();
        // /proc rather than ThreadMXBean: it also shows GC and JIT threads. Ticks are 10 ms.
        long[] self = procStat(ProcessHandle.current().pid());
        long processCpu = self == null ? 0 : (self[1] + self[2]) * 10_000_000L;
        Map<Long, ThreadCpu> threads = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    String name = Files.readString(task.resolve("comm")).trim();
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    threads.put(
                            Long.parseLong(task.getFileName().toString()), new ThreadCpu(name, ticks * 10_000_000L));
                } catch (Exception e) {
                    // the thread ended meanwhile
                }
            }
        }
        long gcMillis = 0;
        long gcCount = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += Math.max(0, gc.getCollectionTime());
            gcCount += Math.max(0, gc.getCollectionCount());
        }
        long xid;
        long wal;
        long walSync;
        long walWrite;
        long commits;
        long checkpoints;
        try (Statement s = admin.createStatement();
                ResultSet rs = s.executeQuery("select pg_current_xact_id()::text::bigint,"
                        + " pg_current_wal_lsn() - '0/0'::pg_lsn,"
                        + " (select wal_sync from pg_stat_wal), (select wal_write from pg_stat_wal),"
                        + " (select xact_commit from pg_stat_database where datname = '" + db + "'),"
                        + " (select num_timed + num_requested from pg_stat_checkpointer)")) {
            rs.next();
            xid = rs.getLong(1);
            wal = rs.getLong(2);
            walSync = rs.getLong(3);
            walWrite = rs.getLong(4);
            commits = rs.getLong(5);
            checkpoints = rs.getLong(6);
        }
        return new Snapshot(
                wall,
                processCpu,
                postgresTicks(),
                machineTicks(),
                threads,
                xid,
                wal,
                walSync,
                walWrite,
                commits,
                checkpoints,
                gcMillis,
                gcCount);
    }

    /** The postmaster is the parent of any backend; zonky's pg_ctl detaches it from this JVM. */
    private long postmasterPid() throws Exception {
        try (Statement s = admin.createStatement();
                ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return procStat(rs.getLong(1))[0];
        }
    }

    /** utime+stime of the postmaster and its children, plus what it reaped (cutime+cstime), in ticks. */
    /**
     * CPU ticks of the postmaster and its children by process kind; what exited children used is in
     * the postmaster's cutime+cstime ("exited": autovacuum workers, short-lived connections).
     */
    private Map<String, Long> postgresTicks() {
        Map<String, Long> ticks = new HashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path p : dirs.toList()) {
                String f = p.getFileName().toString();
                if (!f.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(f);
                long[] st = procStat(pid);
                if (st == null) {
                    continue;
                }
                if (pid == postmasterPid) {
                    ticks.merge("postmaster", st[1] + st[2], Long::sum);
                    ticks.merge("exited (autovacuum workers, short connections)", st[3] + st[4], Long::sum);
                } else if (st[0] == postmasterPid) {
                    ticks.merge(postgresKind(pid), st[1] + st[2], Long::sum);
                }
            }
        } catch (Exception e) {
            return Map.of();
        }
        ticks.put("total", ticks.values().stream().mapToLong(Long::longValue).sum());
        return ticks;
    }

    private static String postgresKind(long pid) {
        String cmd;
        try {
            cmd = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8);
        } catch (Exception e) {
            return "other";
        }
        if (cmd.contains("autovacuum")) {
            return "autovacuum";
        }
        if (cmd.contains("walwriter")) {
            return "wal writer";
        }
        if (cmd.contains("checkpointer") || cmd.contains("background writer")) {
            return "checkpointer, bgwriter";
        }
        if (cmd.startsWith("postgres: postgres ")) {
            return "backends (SQL)";
        }
        return "other";
    }

    /** ppid, utime, stime, cutime, cstime from /proc/pid/stat; null when the process is gone. */
    private static long[] procStat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            // f[0]=state, f[1]=ppid, f[11]=utime, f[12]=stime, f[13]=cutime, f[14]=cstime
            return new long[] {
                Long.parseLong(f[1]),
                Long.parseLong(f[11]),
                Long.parseLong(f[12]),
                Long.parseLong(f[13]),
                Long.parseLong(f[14])
            };
        } catch (Exception e) {
            return null;
        }
    }

    private static long[] machineTicks() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            long[] v = new long[Math.min(8, f.length - 1)];
            for (int i = 0; i < v.length; i++) {
                v[i] = Long.parseLong(f[i + 1]);
            }
            return v;
        } catch (Exception e) {
            return new long[8];
        }
    }

    // ---------------------------------------------------------------- set-up and printing

    /**
     * The PostgreSQL server. {@code durable} (the default): the zonky binaries that {@link
     * EmbeddedPostgresServer} uses, started with PostgreSQL's own defaults for durability ({@code
     * fsync=on}, {@code synchronous_commit=on}); zonky otherwise passes {@code -F} (fsync off) and
     * {@code synchronous_commit=off}, which no production install runs with and which would flatter
     * every commit. {@code -Dbench.postgres=infra} uses {@link EmbeddedPostgresServer} exactly as the
     * ITs do, to show the difference.
     */
    static final class Pg implements AutoCloseable {
        private final EmbeddedPostgres zonky;
        private final EmbeddedPostgresServer infra;
        private final AtomicInteger databases = new AtomicInteger();
        Connection admin;

        private Pg(EmbeddedPostgres zonky, EmbeddedPostgresServer infra) {
            this.zonky = zonky;
            this.infra = infra;
        }

        static Pg start(boolean durable, boolean statements) throws java.io.IOException {
            if (!durable) {
                return new Pg(null, EmbeddedPostgresServer.startEphemeral());
            }
            // Options after zonky's -F win: postgres applies its command line in order.
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on");
            if (statements) {
                b.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            return new Pg(b.start(), null);
        }

        int port() {
            return infra != null ? infra.port() : zonky.getPort();
        }

        String jdbcUrl(String db) {
            return "jdbc:postgresql://localhost:" + port() + "/" + db;
        }

        String user() {
            return "postgres";
        }

        String password() {
            return "postgres";
        }

        String createDatabase(String prefix) throws SQLException {
            String name = prefix + "_" + databases.incrementAndGet();
            try (Statement s = admin.createStatement()) {
                s.execute("create database " + name);
            }
            return name;
        }

        @Override
        public void close() throws java.io.IOException {
            if (infra != null) {
                infra.close();
            } else {
                zonky.close();
            }
        }
    }

    private HikariDataSource dataSource(String db, int size) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(postgres.jdbcUrl(db));
        c.setUsername(postgres.user());
        c.setPassword(postgres.password());
        c.setMaximumPoolSize(size);
        c.setPoolName("bench-" + db);
        return new HikariDataSource(c);
    }

    private static void awaitBacklogZero(OutboxRelay relay, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (relay.backlog().pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private void pause() throws InterruptedException {
        Thread.sleep(pauseMillis);
    }

    private void printMachine() {
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
                "  cores (availableProcessors) %d, RAM %s, JVM max heap %d MiB%n",
                rt.availableProcessors(), memTotal(), rt.maxMemory() >> 20);
        System.out.printf(
                "  JVM %s %s (%s), GC %s%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"),
                System.getProperty("java.vendor"),
                ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName)
                        .collect(Collectors.joining(", ")));
        System.out.printf(
                "  OS %s %s %s; load average at start: %s%n",
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("os.arch"),
                loadAverage());
    }

    private void printSettings() throws SQLException {
        section("Settings");
        System.out.printf(
                "  load: N=%,d creates, warm-up %,d, mixed %,d chains (create+activate+complete), %d client threads,"
                        + " java.net.http HTTP/1.1 keep-alive%n",
                n, warmup, mixed, clients);
        System.out.printf(
                "  service: in-process Micronaut (contract-service main code), random HTTP port, Hikari pool %d,"
                        + " relay defaults %s%n",
                pool, RelaySettings.defaults());
        System.out.printf(
                "  outbox phase: M=%,d rows, keys over %,d patients, relay batch sizes %s, other relay settings as"
                        + " defaults%n",
                outboxRows, outboxPatients, outboxBatches);
        System.out.printf(
                "  Kafka: embedded KRaft broker (%s), in this JVM, 3 partitions, replication 1; producer from"
                        + " KafkaProducers.idempotent (acks=all, idempotent, linger 2 ms, lz4)%n",
                kafka.bootstrapServers());
        System.out.printf(
                "  PostgreSQL 17 (zonky binaries) on port %d, postmaster pid %d, same machine: %s%n",
                postgres.port(),
                postmasterPid,
                durable
                        ? "durable (fsync=on, synchronous_commit=on: PostgreSQL's defaults), all else default"
                        : "as the ITs run it (EmbeddedPostgresServer: fsync off via -F, synchronous_commit=off),"
                                + " NOT durable");
    }

    private void printSessionSettings(String db) throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(db), postgres.user(), postgres.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select name, setting, unit from pg_settings where name in"
                        + " ('server_version', 'synchronous_commit', 'fsync', 'full_page_writes', 'wal_level',"
                        + " 'shared_buffers', 'max_wal_size', 'checkpoint_timeout', 'max_connections',"
                        + " 'wal_compression', 'effective_io_concurrency', 'work_mem') order by name")) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1) + "=" + rs.getString(2) + (rs.getString(3) == null ? "" : rs.getString(3)));
            }
            System.out.println("  PostgreSQL session settings: " + String.join(", ", out));
        }
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal"))
                    .map(l -> String.format(
                            Locale.ROOT, "%.1f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                    .findFirst()
                    .orElse("?");
        } catch (Exception e) {
            return "?";
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }

    private static void section(String title) {
        System.out.println();
        System.out.println("== " + title);
    }
}
