package se.naravard.contract.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The {@code bench.*} system properties, read once at start. The class comment of {@link
 * ContractBenchmark} lists them with their defaults.
 */
record BenchSettings(
        int n,
        int clients,
        int warmup,
        int mixed,
        int pool,
        int outboxRows,
        int outboxPatients,
        List<Integer> outboxBatches,
        long outboxTimeoutSeconds,
        List<String> phases,
        long pauseMillis,
        boolean durable,
        String pacedRates,
        int pacedSeconds,
        String jfr,
        boolean pgss,
        int notifySeconds,
        boolean whatIf) {

    static BenchSettings fromSystemProperties() {
        int n = Integer.getInteger("bench.n", 20_000);
        return new BenchSettings(
                n,
                Integer.getInteger("bench.clients", 32),
                Integer.getInteger("bench.warmup", 2_000),
                Integer.getInteger("bench.mixed", n / 4),
                Integer.getInteger("bench.pool", 32),
                Integer.getInteger("bench.outboxRows", 100_000),
                Integer.getInteger("bench.outboxPatients", 10_000),
                Arrays.stream(System.getProperty("bench.outboxBatches", "100,500,2000")
                                .split(","))
                        .map(String::trim)
                        .map(Integer::parseInt)
                        .toList(),
                Long.getLong("bench.outboxTimeout", 120),
                List.of(System.getProperty("bench.phases", "norelay,relay,outbox")
                        .split(",")),
                Long.getLong("bench.pause", 2_000),
                !"infra".equals(System.getProperty("bench.postgres", "durable")),
                System.getProperty("bench.pacedRates", "50,half"),
                Integer.getInteger("bench.pacedSeconds", 10),
                System.getProperty("bench.jfr"),
                Boolean.getBoolean("bench.pgss"),
                Integer.getInteger("bench.notifySeconds", 5),
                Boolean.getBoolean("bench.whatIf"));
    }
}
