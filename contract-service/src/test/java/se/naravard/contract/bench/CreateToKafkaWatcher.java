package se.naravard.contract.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import se.naravard.platform.events.Topics;
import se.naravard.platform.outbox.OutboxRelay;

/**
 * Create → Kafka latency. Reads contract.events from its current end and notes when each subject's
 * first record arrived; {@link HttpLoad#create} notes in {@link #sentAt()} when each POST was sent.
 * Both use this JVM's nanosecond clock.
 */
final class CreateToKafkaWatcher implements AutoCloseable {
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    private final AtomicLong records = new AtomicLong();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    /** Latencies in nanoseconds, sorted, of the creates whose record arrived. */
    private record Matched(long[] sorted, int missing) {}

    CreateToKafkaWatcher(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-latency");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = consumer.partitionsFor(Topics.CONTRACT_EVENTS).stream()
                .map(pi -> new TopicPartition(pi.topic(), pi.partition()))
                .toList();
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position);
        thread = new Thread(this::loop, "bench-latency-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Contract id → System.nanoTime() just before its POST was sent. */
    Map<String, Long> sentAt() {
        return sentAt;
    }

    private void loop() {
        try {
            while (running) {
                var batch = consumer.poll(Duration.ofMillis(200));
                long now = System.nanoTime();
                for (ConsumerRecord<String, byte[]> rec : batch) {
                    records.incrementAndGet();
                    Header h = rec.headers().lastHeader("ce_subject");
                    if (h != null) {
                        firstSeen.putIfAbsent(new String(h.value(), StandardCharsets.UTF_8), now);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /**
     * Waits up to 60 s for the records of all creates, prints the latencies and adds p50/p99 to the
     * summary; {@code full} names the summary row "at full load" rather than by {@code label}.
     */
    void report(BenchContext ctx, OutboxRelay relay, String label, boolean full) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !firstSeen.keySet().containsAll(sentAt.keySet())) {
            Thread.sleep(50);
        }
        Matched m = match();
        long[] got = m.sorted();
        int k = got.length;
        System.out.printf(
                "  create -> Kafka %s (consumer on %s received the contract-created record, minus the moment"
                        + " the POST was sent; includes HTTP, the transaction, the relay wake-up and the broker"
                        + " round trip):%n",
                label, Topics.CONTRACT_EVENTS);
        System.out.printf(
                "    %d matched, %d missing after 60 s; p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                k, m.missing(), pct(got, 50), pct(got, 90), pct(got, 99), k == 0 ? Double.NaN : got[k - 1] / 1e6);
        System.out.printf(
                "    relay: %d events published, %d failed batches; records seen by the consumer: %d%n",
                relay.publishedCount(), relay.failedBatchCount(), records.get());
        summarize(ctx, m, full ? "at full load" : label);
    }

    private Matched match() {
        long[] lat = new long[sentAt.size()];
        int k = 0;
        int missing = 0;
        for (Map.Entry<String, Long> e : sentAt.entrySet()) {
            Long seen = firstSeen.get(e.getKey());
            if (seen == null) {
                missing++;
            } else {
                lat[k++] = seen - e.getValue();
            }
        }
        long[] got = Arrays.copyOf(lat, k);
        Arrays.sort(got);
        return new Matched(got, missing);
    }

    private static void summarize(BenchContext ctx, Matched m, String at) {
        double p99 = pct(m.sorted(), 99);
        int missing = m.missing();
        ctx.summarize(
                "create -> Kafka p50/p99 ms " + at + " (target p99 <= 100)",
                String.format(
                        Locale.ROOT,
                        "%.1f / %.1f  %s%s",
                        pct(m.sorted(), 50),
                        p99,
                        p99 <= 100 && missing == 0 ? "MET" : "NOT MET",
                        missing == 0 ? "" : " (" + missing + " missing)"));
    }

    private static double pct(long[] sortedNanos, double p) {
        return LatencyRecorder.pct(sortedNanos, p);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5000);
    }
}
