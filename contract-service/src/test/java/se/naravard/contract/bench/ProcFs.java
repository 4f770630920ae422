package se.naravard.contract.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Readers of Linux's /proc: CPU ticks of this JVM's threads, of the PostgreSQL processes and of the
 * whole machine, memory and load average. Ticks are 10 ms.
 */
final class ProcFs {

    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcFs() {}

    /** utime+stime of this process, in nanoseconds; 0 when /proc cannot be read. */
    static long processCpuNanos() {
        long[] self = procStat(ProcessHandle.current().pid());
        return self == null ? 0 : (self[1] + self[2]) * NANOS_PER_TICK;
    }

    /**
     * CPU time of each live thread of this JVM, by Linux thread id. /proc rather than ThreadMXBean: it
     * also shows GC and JIT threads.
     */
    static Map<Long, Snapshot.ThreadCpu> threadCpu() throws IOException {
        Map<Long, Snapshot.ThreadCpu> threads = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    String name = Files.readString(task.resolve("comm")).trim();
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    threads.put(
                            Long.parseLong(task.getFileName().toString()),
                            new Snapshot.ThreadCpu(name, ticks * NANOS_PER_TICK));
                } catch (Exception e) {
                    // the thread ended meanwhile
                }
            }
        }
        return threads;
    }

    /**
     * CPU ticks of the postmaster and its children by process kind; what exited children used is in
     * the postmaster's cutime+cstime ("exited": autovacuum workers, short-lived connections).
     */
    static Map<String, Long> postgresTicks(long postmasterPid) {
        Map<String, Long> ticks = new HashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path p : dirs.toList()) {
                String f = p.getFileName().toString();
                if (f.chars().allMatch(Character::isDigit)) {
                    addPostgresTicks(ticks, Long.parseLong(f), postmasterPid);
                }
            }
        } catch (Exception e) {
            return Map.of();
        }
        ticks.put("total", ticks.values().stream().mapToLong(Long::longValue).sum());
        return ticks;
    }

    private static void addPostgresTicks(Map<String, Long> ticks, long pid, long postmasterPid) {
        long[] st = procStat(pid);
        if (st == null) {
            return;
        }
        if (pid == postmasterPid) {
            ticks.merge("postmaster", st[1] + st[2], Long::sum);
            ticks.merge("exited (autovacuum workers, short connections)", st[3] + st[4], Long::sum);
        } else if (st[0] == postmasterPid) {
            ticks.merge(postgresKind(pid), st[1] + st[2], Long::sum);
        }
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
    static long[] procStat(long pid) {
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

    /** The machine's "cpu" line of /proc/stat: user nice system idle iowait irq softirq steal. */
    static long[] machineTicks() {
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

    static String memTotal() {
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

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }
}
