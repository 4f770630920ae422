package se.naravard.contract.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The difference of two snapshots, printed as "where the time goes". */
final class Delta {
    private final Snapshot a;
    private final Snapshot b;
    private final double wall;
    private final int cores = Runtime.getRuntime().availableProcessors();

    Delta(Snapshot after, Snapshot before) {
        this.a = after;
        this.b = before;
        this.wall = (a.wallNanos() - b.wallNanos()) / 1e9;
    }

    /** Prints the delta per operation, e.g. {@code print(20000, "HTTP write")}. */
    void print(long operations, String unit) {
        double jvm = (a.processCpuNanos() - b.processCpuNanos()) / 1e9;
        double pg =
                (a.postgresTicks().getOrDefault("total", 0L) - b.postgresTicks().getOrDefault("total", 0L)) / 100.0;
        System.out.printf(
                "  where the time goes (%.1f s wall, %d cores = %.1f core-seconds):%n", wall, cores, wall * cores);
        printMachine(jvm, pg);
        printJvmParts(operations, unit, pg);
        printPostgres(operations, unit);
        System.out.printf(
                "    GC: %d collections, %d ms pause/collection time%n",
                a.gcCount() - b.gcCount(), a.gcMillis() - b.gcMillis());
    }

    private void printMachine(double jvm, double pg) {
        long[] m = new long[a.machine().length];
        long total = 0;
        for (int i = 0; i < m.length; i++) {
            m[i] = a.machine()[i] - b.machine()[i];
            total += m[i];
        }
        // /proc/stat cpu: user nice system idle iowait irq softirq steal
        double idle = pctOf(m[3], total);
        double iowait = pctOf(m[4], total);
        double steal = m.length > 7 ? pctOf(m[7], total) : 0;
        double sys = pctOf(m[2] + m[5] + m[6], total);
        double busy = 100 - idle - iowait - steal;
        System.out.printf(
                "    machine: %.0f%% busy (of which kernel %.0f%%), %.0f%% idle, %.0f%% iowait, %.0f%% steal%n",
                busy, sys, idle, iowait, steal);
        System.out.printf(
                "    CPU: this JVM %.1f s (%.0f%% of the machine), PostgreSQL processes %.1f s (%.0f%%), anything"
                        + " else on the machine ~%.0f%%%n",
                jvm,
                100 * jvm / (wall * cores),
                pg,
                100 * pg / (wall * cores),
                Math.max(0, busy - 100 * (jvm + pg) / (wall * cores)));
    }

    private void printJvmParts(long operations, String unit, double pg) {
        List<Snapshot.ThreadCpu> used = threadCpuUsed();
        Map<String, Long> categories = new LinkedHashMap<>();
        long liveThreads = 0;
        for (Snapshot.ThreadCpu t : used) {
            liveThreads += t.cpuNanos();
            categories.merge(category(t.name()), t.cpuNanos(), Long::sum);
        }
        categories.put(
                "threads that ended during the phase",
                Math.max(0, a.processCpuNanos() - b.processCpuNanos() - liveThreads));
        System.out.printf("    JVM CPU by part (per %s: %d %ss):%n", unit, operations, unit);
        categories.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.out.printf(
                        "      %-44s %6.1f s  %5.0f µs/%s%n",
                        e.getKey(), e.getValue() / 1e9, e.getValue() / 1e3 / Math.max(1, operations), unit));
        System.out.printf(
                "      %-44s %6.1f s  %5.0f µs/%s%n",
                "PostgreSQL (all its processes)", pg, pg * 1e6 / Math.max(1, operations), unit);
        printPostgresProcesses();
        printThreadGroups(used);
    }

    /** The CPU each live thread used between the snapshots, for those that used any. */
    private List<Snapshot.ThreadCpu> threadCpuUsed() {
        List<Snapshot.ThreadCpu> used = new ArrayList<>();
        for (Map.Entry<Long, Snapshot.ThreadCpu> e : a.threads().entrySet()) {
            Snapshot.ThreadCpu before = b.threads().get(e.getKey());
            long d = e.getValue().cpuNanos() - (before == null ? 0 : before.cpuNanos());
            if (d > 0) {
                used.add(new Snapshot.ThreadCpu(e.getValue().name(), d));
            }
        }
        return used;
    }

    private void printPostgresProcesses() {
        System.out.println("      PostgreSQL by process: "
                + a.postgresTicks().keySet().stream()
                        .filter(k -> !k.equals("total"))
                        .map(k -> Map.entry(
                                k, a.postgresTicks().get(k) - b.postgresTicks().getOrDefault(k, 0L)))
                        .filter(e -> e.getValue() > 0)
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .map(e -> String.format(Locale.ROOT, "%s %.1fs", e.getKey(), e.getValue() / 100.0))
                        .collect(Collectors.joining(", ")));
    }

    private static void printThreadGroups(List<Snapshot.ThreadCpu> used) {
        Map<String, Long> groups = new HashMap<>();
        for (Snapshot.ThreadCpu t : used) {
            groups.merge(t.name().replaceAll("\\d+", "#"), t.cpuNanos(), Long::sum);
        }
        System.out.println("    busiest JVM thread groups: "
                + groups.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .limit(8)
                        .map(e -> String.format(Locale.ROOT, "%s %.1fs", e.getKey(), e.getValue() / 1e9))
                        .collect(Collectors.joining(", ")));
    }

    private void printPostgres(long operations, String unit) {
        Snapshot.PgCounters p = a.pg();
        Snapshot.PgCounters q = b.pg();
        long xacts = p.xid() - q.xid() - 1;
        System.out.printf(
                "    PostgreSQL: %d write transactions (xid delta) = %.0f/s, %.2f per %s; WAL %.1f MB = %.1f kB"
                        + " per %s; ~%d WAL fsyncs (%.1f commits each); %d checkpoints; xact_commit %d (stats,"
                        + " may trail by ~1 s)%n",
                xacts,
                xacts / wall,
                xacts / (double) Math.max(1, operations),
                unit,
                (p.walBytes() - q.walBytes()) / 1e6,
                (p.walBytes() - q.walBytes()) / 1e3 / Math.max(1, operations),
                unit,
                p.walSync() - q.walSync(),
                xacts / (double) Math.max(1, p.walSync() - q.walSync()),
                p.checkpoints() - q.checkpoints(),
                p.xactCommit() - q.xactCommit());
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
