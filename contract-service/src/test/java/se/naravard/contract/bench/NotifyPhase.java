package se.naravard.contract.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import se.naravard.platform.outbox.OutboxStore;
import se.naravard.platform.outbox.PlatformSchema;
import se.naravard.platform.outbox.RelaySettings;

/**
 * What the outbox trigger's NOTIFY costs writers: C plain-JDBC threads each appending one outbox row
 * per transaction, with the trigger as shipped and then with it disabled. No HTTP, no service.
 */
final class NotifyPhase {
    private final BenchContext ctx;
    private final int clients;
    private final OutboxStore store = new OutboxStore(RelaySettings.defaults().lanes());
    private String db;
    private HikariDataSource ds;
    private String payload;

    NotifyPhase(BenchContext ctx) {
        this.ctx = ctx;
        this.clients = ctx.settings().clients();
    }

    /** {@code sample}: the payload to write, or null for a synthetic one. */
    void run(SamplePayload sample) throws Exception {
        ContractBenchmark.section("Cost of the outbox NOTIFY at commit (plain JDBC, one outbox row per transaction)");
        db = ctx.postgres().createDatabase("bench_notify");
        payload = (sample == null ? SamplePayload.synthetic() : sample).text();
        int notifyRun = 0;
        ExecutorService ex = Executors.newFixedThreadPool(clients, r -> new Thread(r, "bench-notify-writer"));
        try (HikariDataSource pool = ctx.postgres().dataSource(db, clients)) {
            ds = pool;
            PlatformSchema.migrate(ds);
            installTrigger();
            for (boolean trigger : new boolean[] {true, false, true}) {
                measure(ex, trigger, ++notifyRun);
            }
        } finally {
            ex.shutdown();
        }
    }

    /**
     * The platform dropped its NOTIFY trigger after this phase measured it (V2 migration); the
     * experiment installs the same trigger in its own scratch database.
     */
    private void installTrigger() throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("create function naravard_platform.outbox_event_notify() returns trigger"
                    + " language plpgsql as $$ begin perform pg_notify('naravard_outbox', ''); return null; end $$");
            s.execute("create trigger outbox_event_inserted after insert on naravard_platform.outbox_event"
                    + " for each statement execute function naravard_platform.outbox_event_notify()");
        }
    }

    private void measure(ExecutorService ex, boolean trigger, int run) throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("alter table naravard_platform.outbox_event " + (trigger ? "enable" : "disable")
                    + " trigger outbox_event_inserted");
        }
        AtomicLong commits = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(ctx.settings().notifySeconds());
        Snapshot before = ctx.snapshot(db);
        long t0 = System.nanoTime();
        CountDownLatch done = new CountDownLatch(clients);
        for (int t = 0; t < clients; t++) {
            int thread = t;
            ex.execute(() -> write(thread, end, commits, done));
        }
        done.await();
        long wall = System.nanoTime() - t0;
        Snapshot after = ctx.snapshot(db);
        report(trigger, commits.get(), wall, after.minus(before));
        ctx.summarize(
                "plain-JDBC outbox commits/s, NOTIFY trigger " + (trigger ? "on" : "off") + " (run " + run + ")",
                String.format(Locale.ROOT, "%,.0f", commits.get() / (wall / 1e9)));
    }

    private void report(boolean trigger, long commits, long wall, Delta delta) {
        System.out.printf(
                "%n  trigger %s: %,d commits from %d threads in %.1f s = %,.0f commits/s%n",
                trigger ? "ENABLED (as shipped)" : "DISABLED (no NOTIFY)",
                commits,
                clients,
                wall / 1e9,
                commits / (wall / 1e9));
        delta.print(commits, "commit");
    }

    /** One writer: a transaction of one outbox row after the other until {@code end}. */
    private void write(int thread, long end, AtomicLong commits, CountDownLatch done) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            int i = 0;
            while (System.nanoTime() < end) {
                store.append(
                        c,
                        ContractBenchmark.OUTBOX_TOPIC,
                        SamplePayload.contractCreated(
                                UUID.randomUUID().toString(),
                                "patient-" + thread + "-" + (i++ % 100),
                                payload.getBytes(StandardCharsets.UTF_8)));
                c.commit();
                commits.incrementAndGet();
            }
        } catch (SQLException e) {
            System.out.println("  writer failed: " + e);
        } finally {
            done.countDown();
        }
    }
}
