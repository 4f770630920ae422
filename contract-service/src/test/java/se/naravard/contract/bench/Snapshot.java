package se.naravard.contract.bench;

import java.util.Map;

/** CPU, PostgreSQL and GC counters at one moment; taken by {@link TimeAccounting#snapshot}. */
record Snapshot(
        long wallNanos,
        long processCpuNanos,
        Map<String, Long> postgresTicks,
        long[] machine,
        Map<Long, ThreadCpu> threads,
        PgCounters pg,
        long gcMillis,
        long gcCount) {

    /** One JVM thread by its Linux name (the Java name cut to 15 characters) and its CPU time so far. */
    record ThreadCpu(String name, long cpuNanos) {}

    /** Server-wide PostgreSQL counters, except {@code xactCommit}, which is the phase's database's. */
    record PgCounters(long xid, long walBytes, long walSync, long walWrite, long xactCommit, long checkpoints) {}

    Delta minus(Snapshot before) {
        return new Delta(this, before);
    }
}
