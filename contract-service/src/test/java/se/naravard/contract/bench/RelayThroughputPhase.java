package se.naravard.contract.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import se.naravard.platform.outbox.KafkaProducers;
import se.naravard.platform.outbox.OutboxRelay;
import se.naravard.platform.outbox.RelaySettings;

/**
 * Outbox relay throughput: a backlog of M rows ({@link OutboxBacklog}) drained by a new {@link
 * OutboxRelay} per batch size, each on its own copy of the same database; optionally ({@code
 * bench.whatIf}) one more drain with an index that production does not have.
 */
final class RelayThroughputPhase {
    private final BenchContext ctx;
    private final BenchSettings settings;
    private final DurablePostgres postgres;

    /** One drain: what the relay published, in how long, and what it left. */
    private record Drain(long published, long wallNanos, long pending, long failedBatches, Delta delta) {

        double rate() {
            return published / (wallNanos / 1e9);
        }
    }

    RelayThroughputPhase(BenchContext ctx) {
        this.ctx = ctx;
        this.settings = ctx.settings();
        this.postgres = ctx.postgres();
    }

    /** Returns the payload it wrote: {@code sample}, or a synthetic one when there was none. */
    SamplePayload run(SamplePayload sample) throws Exception {
        ContractBenchmark.section(
                "Outbox relay throughput (OutboxRelay driven directly, backlog written while no relay ran)");
        SamplePayload payload = choosePayload(sample);
        String template = postgres.createDatabase("bench_outbox_template");
        new OutboxBacklog(settings, payload).writeInto(postgres, template);
        boolean first = true;
        for (int batch : settings.outboxBatches()) {
            ctx.pause();
            measureBatch(template, batch, first);
            first = false;
        }
        if (settings.whatIf()) {
            ctx.pause();
            drainWhatIf(template, RelaySettings.defaults());
        }
        return payload;
    }

    private static SamplePayload choosePayload(SamplePayload sample) {
        if (sample == null) {
            SamplePayload synthetic = SamplePayload.synthetic();
            System.out.printf("  payload: synthetic JSON of %d bytes%n", synthetic.data().length);
            return synthetic;
        }
        System.out.printf(
                "  payload: a real contract-created payload of %d bytes (from the relay phase), subject"
                        + " replaced per row%n",
                sample.data().length);
        return sample;
    }

    /** One batch size on a fresh copy of the backlog; the first also prints the relay query's plan. */
    private void measureBatch(String template, int batch, boolean explain) throws Exception {
        String db = postgres.copyDatabase(template, "bench_outbox_b" + batch + "_");
        RelaySettings d = RelaySettings.defaults();
        RelaySettings relaySettings = new RelaySettings(
                batch, d.pollInterval(), d.initialBackoff(), d.maxBackoff(), d.retention(), d.lanes());
        try (HikariDataSource ds = postgres.dataSource(db, 4)) {
            if (explain) {
                PgDiagnostics.explain(
                        ds,
                        batch,
                        "the relay's pending-rows query (OutboxStore.pending) with the full backlog",
                        PgDiagnostics.PENDING_AS_IS);
            }
            long offsetsBefore = endOffsets(ContractBenchmark.OUTBOX_TOPIC);
            Drain drain = drain(ds, db, relaySettings, "bench-b" + batch);
            long inKafka = endOffsets(ContractBenchmark.OUTBOX_TOPIC) - offsetsBefore;
            report(batch, drain, inKafka);
        }
    }

    private void report(int batch, Drain drain, long inKafka) {
        System.out.printf(
                "%n  batch %d: %,d events in %.2f s = %,.0f events/s; backlog after %d, failed batches %d,"
                        + " records added to Kafka %,d%s%n",
                batch,
                drain.published(),
                drain.wallNanos() / 1e9,
                drain.rate(),
                drain.pending(),
                drain.failedBatches(),
                inKafka,
                drain.published() < settings.outboxRows() ? "  (TIMED OUT before the backlog was empty)" : "");
        drain.delta().print(drain.published(), "event");
        summarize(batch, drain);
    }

    private void summarize(int batch, Drain drain) {
        double rate = drain.rate();
        long pending = drain.pending();
        ctx.summarize(
                "relay events/s, batch " + batch
                        + (batch == RelaySettings.defaults().batchSize() ? " (default)" : "") + " (target >= 5,000)",
                String.format(
                        Locale.ROOT,
                        "%,.0f  %s%s",
                        rate,
                        rate >= 5000 && pending == 0 ? "MET" : "NOT MET",
                        pending == 0 ? "" : " (" + pending + " left)"));
    }

    /**
     * Not production code: the same drain with one extra index, {@code (seq) where sent_at is null}, so
     * that "oldest unsent rows in seq order" is an ordered index scan instead of a scan and sort of
     * the whole backlog for every batch.
     */
    private void drainWhatIf(String template, RelaySettings relaySettings) throws Exception {
        String db = postgres.copyDatabase(template, "bench_outbox_whatif_");
        try (HikariDataSource ds = postgres.dataSource(db, 4)) {
            createPendingSeqIndex(ds);
            System.out.printf(
                    "%n  WHAT-IF (not in production code): extra index outbox_event (seq) where sent_at is null%n");
            PgDiagnostics.explain(
                    ds,
                    relaySettings.batchSize(),
                    "the unchanged pending-rows query with that index",
                    PgDiagnostics.PENDING_AS_IS);
            Drain drain = drain(ds, db, relaySettings, "bench-whatif");
            System.out.printf(
                    "  what-if batch %d: %,d events in %.2f s = %,.0f events/s; backlog after %d%n",
                    relaySettings.batchSize(),
                    drain.published(),
                    drain.wallNanos() / 1e9,
                    drain.rate(),
                    drain.pending());
            drain.delta().print(drain.published(), "event");
            ctx.summarize(
                    "WHAT-IF relay events/s, batch " + relaySettings.batchSize() + ", extra index (seq) where unsent",
                    String.format(Locale.ROOT, "%,.0f", drain.rate()));
        }
    }

    private static void createPendingSeqIndex(HikariDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("create index outbox_event_pending_seq on naravard_platform.outbox_event (seq)"
                    + " where sent_at is null");
        }
    }

    /** A new relay on {@code ds}, timed from start until it published M events or timed out. */
    private Drain drain(HikariDataSource ds, String db, RelaySettings relaySettings, String name) throws Exception {
        Snapshot before = ctx.snapshot(db);
        OutboxRelay relay = new OutboxRelay(
                ds,
                () -> KafkaProducers.idempotent(ctx.kafka().bootstrapServers(), "bench-outbox-relay", Map.of()),
                relaySettings,
                Clock.systemUTC());
        long t0 = System.nanoTime();
        relay.start(name);
        long deadline = t0 + TimeUnit.SECONDS.toNanos(settings.outboxTimeoutSeconds());
        while (relay.publishedCount() < settings.outboxRows() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long t = System.nanoTime() - t0;
        Snapshot after = ctx.snapshot(db);
        relay.close();
        return new Drain(
                relay.publishedCount(), t, relay.backlog().pending(), relay.failedBatchCount(), after.minus(before));
    }

    /** The sum of the end offsets of all partitions of {@code topic}: records ever written to it. */
    private long endOffsets(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ctx.kafka().bootstrapServers());
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
}
