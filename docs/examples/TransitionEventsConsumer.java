import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A municipal system reading transition.events directly (docs/events.md "Consuming transition.events
 * directly"): only its kommun's events, each applied once (deduplicated on ce_id, in a file standing in
 * for the system's own database), offsets committed after the effect. Plain kafka-clients, nothing of
 * this project's code. Run against the local system (./deploy/local/run.sh):
 *
 * <pre>
 * mvn -q -o -pl platform dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp "$(cat /tmp/cp.txt)" docs/examples/TransitionEventsConsumer.java localhost:19092 0680
 * </pre>
 */
public class TransitionEventsConsumer {

    public static void main(String[] args) throws IOException {
        String brokers = args.length > 0 ? args[0] : "localhost:19092";
        String kommun = args.length > 1 ? args[1] : "0680";
        Path processed = Path.of(args.length > 2 ? args[2] : "processed-event-ids.txt");
        Set<String> seen = new HashSet<>(Files.exists(processed) ? Files.readAllLines(processed) : List.of());

        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "example-municipal-system-" + kommun); // yours: a stable name
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"); // commit after the effect, never before
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("transition.events"));
            Runtime.getRuntime().addShutdownHook(new Thread(consumer::wakeup));
            while (true) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofSeconds(1));
                for (ConsumerRecord<String, byte[]> r : records) {
                    String id = header(r, "ce_id");
                    if (id == null || seen.contains(id)) {
                        continue; // not a CloudEvent, or a redelivery: already applied
                    }
                    if (kommun.equals(header(r, "ce_kommun"))) {
                        apply(r);
                    }
                    // Your effect and the id belong in one database transaction; a file stands in here.
                    Files.writeString(
                            processed, id + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    seen.add(id);
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // Ctrl-C
        }
    }

    private static void apply(ConsumerRecord<String, byte[]> r) {
        // Key = the pseudonymous patient key: one patient's events come in order on one partition.
        System.out.printf(
                "%s %s episode %s v%s patient %s (%d bytes of JSON: the episode after the change)%n",
                header(r, "ce_time"),
                header(r, "ce_type"),
                header(r, "ce_subject"),
                header(r, "ce_aggregateversion"),
                r.key(),
                r.value().length);
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
