package se.naravard.contract.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Latencies and statuses of one kind of request. */
final class LatencyRecorder {
    final String name;
    private final long[] nanos;
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> failureSamples = new ConcurrentLinkedQueue<>();
    private long[] sorted;

    LatencyRecorder(String name, int capacity) {
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
                failureSamples.add(status + " " + (failure.length() > 300 ? failure.substring(0, 300) + "…" : failure));
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
                new TreeMap<>(statuses));
        for (String f : failureSamples) {
            System.out.println("      failure: " + f);
        }
    }

    /** The p-th percentile (nearest rank) of sorted nanoseconds, in milliseconds; NaN when empty. */
    static double pct(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int idx = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(idx, sortedNanos.length - 1))] / 1e6;
    }
}
