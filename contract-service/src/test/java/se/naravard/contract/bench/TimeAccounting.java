package se.naravard.contract.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Takes the {@link Snapshot}s whose difference ({@link Delta}) each run prints as "where the time
 * goes": CPU from /proc ({@link ProcFs}), transactions, WAL and checkpoints from PostgreSQL, GC from
 * the JVM.
 */
final class TimeAccounting {
    private final Connection admin;
    private final long postmasterPid;

    TimeAccounting(Connection admin) throws SQLException {
        this.admin = admin;
        this.postmasterPid = postmasterPid(admin);
    }

    long postmasterPid() {
        return postmasterPid;
    }

    Snapshot snapshot(String db) throws Exception {
        long wall = System.nanoTime();
        long processCpu = ProcFs.processCpuNanos();
        Map<Long, Snapshot.ThreadCpu> threads = ProcFs.threadCpu();
        long gcMillis = 0;
        long gcCount = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += Math.max(0, gc.getCollectionTime());
            gcCount += Math.max(0, gc.getCollectionCount());
        }
        Snapshot.PgCounters pg = pgCounters(db);
        return new Snapshot(
                wall,
                processCpu,
                ProcFs.postgresTicks(postmasterPid),
                ProcFs.machineTicks(),
                threads,
                pg,
                gcMillis,
                gcCount);
    }

    private Snapshot.PgCounters pgCounters(String db) throws SQLException {
        try (Statement s = admin.createStatement();
                ResultSet rs = s.executeQuery("select pg_current_xact_id()::text::bigint,"
                        + " pg_current_wal_lsn() - '0/0'::pg_lsn,"
                        + " (select wal_sync from pg_stat_wal), (select wal_write from pg_stat_wal),"
                        + " (select xact_commit from pg_stat_database where datname = '" + db + "'),"
                        + " (select num_timed + num_requested from pg_stat_checkpointer)")) {
            rs.next();
            return new Snapshot.PgCounters(
                    rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
        }
    }

    /** The postmaster is the parent of any backend; zonky's pg_ctl detaches it from this JVM. */
    private static long postmasterPid(Connection admin) throws SQLException {
        try (Statement s = admin.createStatement();
                ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return ProcFs.procStat(rs.getLong(1))[0];
        }
    }
}
