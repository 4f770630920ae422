package se.naravard.contract.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/** Creates at a fixed rate well below saturation: the latency of the pipeline when CPU is not the queue. */
final class PacedRun {
    private final LiveService service;
    private final BenchContext ctx;

    PacedRun(LiveService service) {
        this.service = service;
        this.ctx = service.ctx();
    }

    /**
     * @param pacedRate creates per second, or "half": half of {@code saturatedRate} (at least 50,
     *     rounded to tens)
     */
    void run(String pacedRate, double saturatedRate) throws Exception {
        boolean half = "half".equals(pacedRate);
        double rate = half ? Math.max(50, Math.round(saturatedRate / 2 / 10) * 10) : Double.parseDouble(pacedRate);
        int count = (int) (rate * ctx.settings().pacedSeconds());
        service.awaitBacklogZero(Duration.ofSeconds(60));
        CreateToKafkaWatcher watcher = new CreateToKafkaWatcher(ctx.kafka().bootstrapServers());
        LatencyRecorder creates = new LatencyRecorder("POST /contracts (paced)", count);
        Snapshot before = ctx.snapshot(service.db());
        long wall = paced(count, rate, creates, watcher);
        Snapshot after = ctx.snapshot(service.db());
        System.out.printf(
                "%n  paced run: %d creates at a fixed %.0f/s (%s), achieved %.0f/s%n",
                count, rate, half ? "about half the saturated rate" : "a light load", creates.ok() / (wall / 1e9));
        creates.print();
        after.minus(before).print(creates.ok(), "HTTP write");
        watcher.report(ctx, service.relay(), String.format(Locale.ROOT, "at %.0f creates/s", rate), false);
        watcher.close();
        ctx.summarize(
                String.format(Locale.ROOT, "create latency p50/p99 ms at %.0f/s", rate),
                String.format(Locale.ROOT, "%.1f / %.1f", creates.percentile(50), creates.percentile(99)));
    }

    /** Create i is due at start + i / rate; the client threads wait for that moment. */
    private long paced(int count, double rate, LatencyRecorder creates, CreateToKafkaWatcher watcher)
            throws InterruptedException {
        HttpLoad load = service.load();
        long start = System.nanoTime() + 50_000_000L;
        return load.run(count, i -> {
            long due = start + (long) (i * 1e9 / rate);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            load.create(i, creates, watcher.sentAt());
        });
    }
}
