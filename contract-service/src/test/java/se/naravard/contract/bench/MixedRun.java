package se.naravard.contract.bench;

import java.time.Duration;
import java.util.Locale;
import se.naravard.contract.web.ContractJson;

/** Chains of create → activate → complete: the status changes carry If-Match with the version just written. */
final class MixedRun {
    private static final String ACTIVE = ContractJson.status("active", "Överens med patienten");
    private static final String COMPLETED = ContractJson.status("completed", "Klart");

    private final LiveService service;
    private final BenchContext ctx;
    private final int mixed;
    private final LatencyRecorder creates;
    private final LatencyRecorder activate;
    private final LatencyRecorder complete;

    MixedRun(LiveService service) {
        this.service = service;
        this.ctx = service.ctx();
        this.mixed = ctx.settings().mixed();
        this.creates = new LatencyRecorder("POST /contracts", mixed);
        this.activate = new LatencyRecorder("POST /contracts/{id}/status active", mixed);
        this.complete = new LatencyRecorder("POST /contracts/{id}/status completed", mixed);
    }

    void run() throws Exception {
        HttpLoad load = service.load();
        Snapshot before = ctx.snapshot(service.db());
        long wall = load.run(mixed, i -> {
            String id = load.create(i, creates, null);
            if (id != null && load.changeStatus(activate, id, ACTIVE, 1)) {
                load.changeStatus(complete, id, COMPLETED, 2);
            }
        });
        Snapshot after = ctx.snapshot(service.db());
        long ok = creates.ok() + activate.ok() + complete.ok();
        double rate = ok / (wall / 1e9);
        System.out.printf(
                "%n  mixed run: %d chains of create -> activate -> complete (If-Match), %d client threads, %.2f s:"
                        + " %.0f writes/s%n",
                mixed, ctx.settings().clients(), wall / 1e9, rate);
        creates.print();
        activate.print();
        complete.print();
        service.printBacklog();
        service.awaitBacklogZero(Duration.ofSeconds(60));
        after.minus(before).print(ok, "HTTP write");
        summarize(rate);
    }

    private void summarize(double rate) {
        ctx.summarize(
                "mixed writes/s (1/3 create, 2/3 status change; target >= 1,000)",
                String.format(Locale.ROOT, "%.0f  %s", rate, rate >= 1000 ? "MET" : "NOT MET"));
        ctx.summarize(
                "status change latency p50/p99 ms (activate)",
                String.format(Locale.ROOT, "%.1f / %.1f", activate.percentile(50), activate.percentile(99)));
    }
}
