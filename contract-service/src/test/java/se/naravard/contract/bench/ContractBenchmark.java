package se.naravard.contract.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import se.naravard.infra.EmbeddedKafkaBroker;
import se.naravard.platform.events.Topics;
import se.naravard.platform.outbox.OutboxRelay;
import se.naravard.platform.outbox.OutboxStore;
import se.naravard.platform.outbox.RelaySettings;

/**
 * Benchmark harness for contract-service: prints figures, asserts nothing. Not a test (no JUnit, not
 * run by surefire or failsafe). See docs/benchmarks.md for the command, the figures and how to read
 * them.
 *
 * <p>One PostgreSQL 17 (zonky binaries, durable settings, see {@link DurablePostgres}) and one in-JVM
 * Kafka broker ({@link EmbeddedKafkaBroker}) on free ports; every phase has a database of its own.
 * Phases, in the order given by {@code bench.phases}:
 *
 * <ol>
 *   <li>{@code norelay} ({@link WritePhase}): the service in-process with {@code
 *       naravard.outbox.relay.enabled=false}; warm-up, then N creates from C client threads (outbox
 *       rows are written, not published).
 *   <li>{@code relay} ({@link WritePhase}): the service as in production (relay on); warm-up, N
 *       creates while a Kafka consumer times create → record on {@code contract.events}; the same at
 *       fixed lighter rates ({@link PacedRun}); then a mixed run of create → activate → complete
 *       (status changes with If-Match, {@link MixedRun}).
 *   <li>{@code outbox} ({@link RelayThroughputPhase}): M outbox rows written with {@link
 *       OutboxStore#append} while no relay runs, then drained by an {@link OutboxRelay} per batch
 *       size, each on a copy of the same database; plus one drain with an extra index that production
 *       does not have (a what-if).
 *   <li>{@code notify} ({@link NotifyPhase}): plain-JDBC writers appending one outbox row per
 *       transaction, with the outbox's NOTIFY trigger enabled and disabled.
 * </ol>
 *
 * <p>Every phase prints where the time went ({@link TimeAccounting}, {@link Delta}): CPU of this JVM
 * by thread kind and of the PostgreSQL processes (from /proc), write transactions and WAL from
 * PostgreSQL, GC.
 *
 * <p>System properties ({@code -Dbench.x=...}, read by {@link BenchSettings}): {@code n} (20000),
 * {@code clients} (32), {@code warmup} (2000), {@code mixed} (n/4 chains of three writes; 0 skips the
 * mixed run), {@code pool} (Hikari, 32), {@code pacedRates} (50,half: creates/s; "half" is half the
 * rate just measured), {@code pacedSeconds} (10), {@code outboxRows} (100000), {@code outboxPatients}
 * (10000), {@code outboxBatches} (100,500,2000), {@code outboxTimeout} (120 s per drain), {@code
 * whatIf} (false), {@code notifySeconds} (5), {@code phases} (norelay,relay,outbox; add notify for
 * the NOTIFY experiment), {@code pause} (2000 ms between phases), {@code postgres} (durable, or infra
 * for the ITs' non-durable settings), {@code pgss} (false; true loads pg_stat_statements and prints
 * the top statements of the relay run), {@code jfr} (a file: JFR recording of the relay run).
 */
public final class ContractBenchmark {

    static final String OUTBOX_TOPIC = "bench.outbox";

    private final BenchSettings settings = BenchSettings.fromSystemProperties();

    /** Figures for the summary at the end. */
    private final Map<String, String> summary = new LinkedHashMap<>();

    /** A real contract-created payload once the relay phase has run; the later phases reuse it. */
    private SamplePayload sample;

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
        DurablePostgres postgres = DurablePostgres.start(settings.durable(), settings.pgss());
        EmbeddedKafkaBroker kafka = new EmbeddedKafkaBroker();
        kafka.start();
        try {
            postgres.openAdmin();
            TimeAccounting accounting = new TimeAccounting(postgres.admin());
            kafka.createTopics(3, Topics.CONTRACT_EVENTS, OUTBOX_TOPIC);
            BenchContext ctx = new BenchContext(settings, postgres, kafka, accounting, summary);
            printSettings(ctx);
            runPhases(ctx);
            printSummary(started);
        } finally {
            postgres.closeAdmin();
            kafka.close();
            postgres.close();
        }
    }

    private void runPhases(BenchContext ctx) throws Exception {
        for (String phase : settings.phases()) {
            switch (phase.trim()) {
                case "norelay" -> new WritePhase(ctx, false).run();
                case "relay" -> sample = new WritePhase(ctx, true).run().orElse(sample);
                case "outbox" -> sample = new RelayThroughputPhase(ctx).run(sample);
                case "notify" -> new NotifyPhase(ctx).run(sample);
                default -> throw new IllegalArgumentException("unknown phase " + phase);
            }
            ctx.pause();
        }
    }

    private void printSummary(long started) {
        section("Summary (targets from the issue)");
        summary.forEach((k, v) -> System.out.printf("  %-58s %s%n", k, v));
        System.out.printf("  load average at end: %s%n", ProcFs.loadAverage());
        System.out.printf("  total benchmark time: %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static void printMachine() {
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
                "  cores (availableProcessors) %d, RAM %s, JVM max heap %d MiB%n",
                rt.availableProcessors(), ProcFs.memTotal(), rt.maxMemory() >> 20);
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
                ProcFs.loadAverage());
    }

    private void printSettings(BenchContext ctx) {
        section("Settings");
        System.out.printf(
                "  load: N=%,d creates, warm-up %,d, mixed %,d chains (create+activate+complete), %d client threads,"
                        + " java.net.http HTTP/1.1 keep-alive%n",
                settings.n(), settings.warmup(), settings.mixed(), settings.clients());
        System.out.printf(
                "  service: in-process Micronaut (contract-service main code), random HTTP port, Hikari pool %d,"
                        + " relay defaults %s%n",
                settings.pool(), RelaySettings.defaults());
        System.out.printf(
                "  outbox phase: M=%,d rows, keys over %,d patients, relay batch sizes %s, other relay settings as"
                        + " defaults%n",
                settings.outboxRows(), settings.outboxPatients(), settings.outboxBatches());
        System.out.printf(
                "  Kafka: embedded KRaft broker (%s), in this JVM, 3 partitions, replication 1; producer from"
                        + " KafkaProducers.idempotent (acks=all, idempotent, linger 2 ms, lz4)%n",
                ctx.kafka().bootstrapServers());
        System.out.printf(
                "  PostgreSQL 17 (zonky binaries) on port %d, postmaster pid %d, same machine: %s%n",
                ctx.postgres().port(),
                ctx.accounting().postmasterPid(),
                settings.durable()
                        ? "durable (fsync=on, synchronous_commit=on: PostgreSQL's defaults), all else default"
                        : "as the ITs run it (EmbeddedPostgresServer: fsync off via -F, synchronous_commit=off),"
                                + " NOT durable");
    }

    static void section(String title) {
        System.out.println();
        System.out.println("== " + title);
    }
}
