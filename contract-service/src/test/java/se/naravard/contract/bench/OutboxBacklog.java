package se.naravard.contract.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import se.naravard.platform.outbox.OutboxStore;
import se.naravard.platform.outbox.PlatformSchema;
import se.naravard.platform.outbox.RelaySettings;

/**
 * The backlog the relay-throughput phase drains: M outbox rows written with {@link OutboxStore#append}
 * while no relay runs, keyed over a number of patients, into a template database that each drain
 * copies.
 */
final class OutboxBacklog {
    private static final int WRITERS = 2;
    private static final int ROWS_PER_COMMIT = 1000;

    private final BenchSettings settings;
    private final SamplePayload sample;
    private final OutboxStore store = new OutboxStore(RelaySettings.defaults().lanes());

    OutboxBacklog(BenchSettings settings, SamplePayload sample) {
        this.settings = settings;
        this.sample = sample;
    }

    /** Migrates {@code template}, fills its outbox and analyzes it; prints the time and the size. */
    void writeInto(DurablePostgres postgres, String template) throws Exception {
        try (HikariDataSource ds = postgres.dataSource(template, 4)) {
            PlatformSchema.migrate(ds);
            long t0 = System.nanoTime();
            fill(ds, settings.outboxRows());
            long t = System.nanoTime() - t0;
            System.out.printf(
                    "  filled %,d rows (keys over %,d patients, %d lanes) in %.1f s (%.0f rows/s, 2 writers,"
                            + " 1,000 rows per commit)%n",
                    settings.outboxRows(),
                    settings.outboxPatients(),
                    RelaySettings.defaults().lanes(),
                    t / 1e9,
                    settings.outboxRows() / (t / 1e9));
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement()) {
                // autovacuum analyzes a table after this many inserts anyway; without statistics the
                // planner's choice for the relay's query would be an accident of defaults.
                s.execute("analyze naravard_platform.outbox_event");
            }
            printSize(ds);
        }
    }

    private static void printSize(HikariDataSource ds) throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select pg_size_pretty(pg_total_relation_size('naravard_platform.outbox_event'))")) {
            rs.next();
            System.out.printf("  outbox table with indexes and TOAST: %s (analyzed)%n", rs.getString(1));
        }
    }

    private void fill(HikariDataSource ds, int rows) throws Exception {
        String[] keys = recordKeys();
        ExecutorService ex = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int from = w * rows / WRITERS;
            int to = (w + 1) * rows / WRITERS;
            done.add(ex.submit(() -> {
                write(ds, keys, from, to);
                return null;
            }));
        }
        for (var f : done) {
            f.get();
        }
        ex.shutdown();
    }

    /** Rows from..to-1, each with a new contract id as subject, committed every 1,000 rows. */
    private void write(HikariDataSource ds, String[] keys, int from, int to) throws Exception {
        String payload = sample.text();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            for (int i = from; i < to; i++) {
                String subject = UUID.randomUUID().toString();
                byte[] data = payload.replace(sample.subject(), subject).getBytes(StandardCharsets.UTF_8);
                store.append(
                        c,
                        ContractBenchmark.OUTBOX_TOPIC,
                        SamplePayload.contractCreated(subject, keys[i % keys.length], data));
                if ((i - from + 1) % ROWS_PER_COMMIT == 0) {
                    c.commit();
                }
            }
            c.commit();
        }
    }

    /** {@code outboxPatients} distinct record keys: SHA-256 of "patient-i", first 16 bytes in hex. */
    private String[] recordKeys() throws NoSuchAlgorithmException {
        String[] keys = new String[settings.outboxPatients()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(("patient-" + i).getBytes(StandardCharsets.UTF_8)),
                            0,
                            16);
        }
        return keys;
    }
}
