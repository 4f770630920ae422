package se.naravard.contract.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import se.naravard.contract.Application;
import se.naravard.platform.outbox.OutboxRelay;
import se.naravard.platform.outbox.RelaySettings;

/**
 * Writes through the REST API of contract-service started in-process, with the outbox relay disabled
 * ({@code norelay}) or as in production ({@code relay}): warm-up, then N creates from C client
 * threads. With the relay on, also create → Kafka latency, the {@link PacedRun}s, the {@link MixedRun}
 * and the state of the live outbox afterwards.
 */
final class WritePhase {
    private final BenchContext ctx;
    private final BenchSettings settings;
    private final boolean relayEnabled;
    private final String onOff;
    private LiveService service;

    WritePhase(BenchContext ctx, boolean relayEnabled) {
        this.ctx = ctx;
        this.settings = ctx.settings();
        this.relayEnabled = relayEnabled;
        this.onOff = relayEnabled ? "on" : "off";
    }

    /** Returns the newest contract-created payload of the relay run, for the later phases. */
    Optional<SamplePayload> run() throws Exception {
        ContractBenchmark.section(
                "Writes through the REST API, outbox relay " + (relayEnabled ? "ENABLED" : "DISABLED"));
        String db = ctx.postgres().createDatabase("bench_" + (relayEnabled ? "relay" : "norelay"));
        long t0 = System.nanoTime();
        try (ApplicationContext app = startService(db)) {
            EmbeddedServer server = app.getBean(EmbeddedServer.class);
            System.out.printf(
                    "  service started in %d ms on port %d, database %s, pool %d, relay %s%n",
                    (System.nanoTime() - t0) / 1_000_000, server.getPort(), db, settings.pool(), onOff);
            PgDiagnostics.printSessionSettings(ctx.postgres(), db);
            OutboxRelay relay = relayEnabled ? app.getBean(OutboxRelay.class) : null;
            HttpLoad load = new HttpLoad(URI.create("http://localhost:" + server.getPort()), settings.clients());
            try {
                service = new LiveService(ctx, db, relay, load);
                return measure();
            } finally {
                load.close();
            }
        }
    }

    private ApplicationContext startService(String db) {
        Map<String, Object> props = new HashMap<>();
        props.put("datasources.default.url", ctx.postgres().jdbcUrl(db));
        props.put("datasources.default.username", ctx.postgres().user());
        props.put("datasources.default.password", ctx.postgres().password());
        props.put("datasources.default.maximum-pool-size", settings.pool());
        props.put("naravard.kafka.bootstrap-servers", ctx.kafka().bootstrapServers());
        props.put("naravard.outbox.relay.enabled", String.valueOf(relayEnabled));
        props.put("naravard.patient-key.secret", "benchmark-only-patient-key-secret");
        props.put("micronaut.server.port", -1);
        // Measured with the service-credential check on, as in production.
        props.putAll(se.naravard.infra.TestIdentity.serviceAuthProperties());
        return Micronaut.build(new String[0])
                .mainClass(Application.class)
                .banner(false)
                .properties(props)
                .start();
    }

    private Optional<SamplePayload> measure() throws Exception {
        warmUp();
        CreateToKafkaWatcher watcher =
                relayEnabled ? new CreateToKafkaWatcher(ctx.kafka().bootstrapServers()) : null;
        double rate = fullLoad(watcher);
        SamplePayload sample = null;
        if (watcher != null) {
            String label = "at full load (" + settings.clients() + " client threads)";
            watcher.report(ctx, service.relay(), label, true);
            watcher.close();
            sample = SamplePayload.latest(ctx.postgres(), service.db());
            ctx.pause();
            for (String paced : settings.pacedRates().split(",")) {
                ctx.pause();
                new PacedRun(service).run(paced.trim(), rate);
            }
        }
        if (relayEnabled && settings.mixed() > 0) {
            ctx.pause();
            new MixedRun(service).run();
        }
        if (relayEnabled) {
            printLiveOutbox();
        }
        return Optional.ofNullable(sample);
    }

    private void warmUp() throws Exception {
        LatencyRecorder wu = new LatencyRecorder("create (warm-up)", settings.warmup());
        service.load().run(settings.warmup(), i -> service.load().create(i, wu, null));
        System.out.printf("  warm-up: %s%n", wu.brief());
        if (service.relay() != null) {
            service.awaitBacklogZero(Duration.ofSeconds(60));
        }
        ctx.pause();
    }

    /** N creates as fast as C client threads go; returns the rate of successful creates per second. */
    private double fullLoad(CreateToKafkaWatcher watcher) throws Exception {
        LatencyRecorder creates = new LatencyRecorder("POST /contracts", settings.n());
        Map<String, Long> sentAt = watcher == null ? null : watcher.sentAt();
        Recording recording = startRecording();
        boolean statements = settings.pgss() && relayEnabled;
        if (statements) {
            PgDiagnostics.resetStatements(ctx.postgres(), service.db());
        }
        Snapshot before = ctx.snapshot(service.db());
        long wall = service.load().run(settings.n(), i -> service.load().create(i, creates, sentAt));
        Snapshot after = ctx.snapshot(service.db());
        if (statements) {
            PgDiagnostics.printStatements(ctx.postgres(), service.db());
        }
        stopRecording(recording);
        double rate = creates.ok() / (wall / 1e9);
        System.out.printf(
                "  %d creates from %d client threads in %.2f s: %.0f writes/s (successful)%n",
                settings.n(), settings.clients(), wall / 1e9, rate);
        creates.print();
        if (service.relay() != null) {
            service.printBacklog();
        }
        after.minus(before).print(creates.ok(), "HTTP write");
        summarize(rate, creates);
        return rate;
    }

    private void summarize(double rate, LatencyRecorder creates) {
        ctx.summarize(
                "create writes/s, relay " + onOff + " (target >= 1,000)",
                String.format(Locale.ROOT, "%.0f  %s", rate, rate >= 1000 ? "MET" : "NOT MET"));
        ctx.summarize(
                "create latency p50/p99 ms, relay " + onOff,
                String.format(Locale.ROOT, "%.1f / %.1f", creates.percentile(50), creates.percentile(99)));
    }

    /** A JFR recording of the relay run, with -Dbench.jfr=file only; else null. */
    private Recording startRecording() throws IOException, ParseException {
        if (settings.jfr() == null || !relayEnabled) {
            return null;
        }
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.start();
        return recording;
    }

    private void stopRecording(Recording recording) throws IOException {
        if (recording == null) {
            return;
        }
        recording.stop();
        recording.dump(Path.of(settings.jfr()));
        recording.close();
        System.out.println("  JFR recording of this run written to " + settings.jfr());
    }

    /** What the runs left in the outbox, and the relay's query plan on it. */
    private void printLiveOutbox() throws SQLException {
        try (HikariDataSource ds = ctx.postgres().dataSource(service.db(), 2);
                Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) filter (where sent_at is not null),"
                        + " count(*) filter (where sent_at is null) from naravard_platform.outbox_event")) {
            rs.next();
            System.out.printf(
                    "%n  live outbox after the runs: %,d sent rows kept (retention %s), %,d unsent%n",
                    rs.getLong(1), RelaySettings.defaults().retention(), rs.getLong(2));
            PgDiagnostics.explain(
                    ds, RelaySettings.defaults().batchSize(), "the relay's query on it", PgDiagnostics.PENDING_AS_IS);
        }
    }
}
