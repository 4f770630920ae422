package se.naravard.contract.bench;

import java.util.Map;
import se.naravard.infra.EmbeddedKafkaBroker;

/**
 * What every phase shares: the settings, the one PostgreSQL server and Kafka broker, the "where the
 * time goes" accounting and the figures collected for the summary at the end.
 */
record BenchContext(
        BenchSettings settings,
        DurablePostgres postgres,
        EmbeddedKafkaBroker kafka,
        TimeAccounting accounting,
        Map<String, String> summary) {

    Snapshot snapshot(String db) throws Exception {
        return accounting.snapshot(db);
    }

    void summarize(String figure, String value) {
        summary.put(figure, value);
    }

    /** The pause between phases and between the runs of a phase ({@code bench.pause}). */
    void pause() throws InterruptedException {
        Thread.sleep(settings.pauseMillis());
    }
}
