package se.naravard.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local run's mode: fixed ports and data directories that outlive the process. */
class PersistentRestartIT {

    @TempDir
    Path directory;

    @Test
    void postgresKeepsItsDataDirectoryAcrossRestarts() throws SQLException {
        int port = FreePorts.find();
        Path data = directory.resolve("postgres");

        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startPersistent(port, data);
                Connection connection = connect(postgres);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (id int)");
            statement.execute("INSERT INTO kept VALUES (42)");
        }
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startPersistent(port, data);
                Connection connection = connect(postgres);
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("SELECT id FROM kept")) {
            assertThat(postgres.port()).isEqualTo(port);
            assertThat(resultSet.next()).isTrue();
            assertThat(resultSet.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void kafkaKeepsItsLogDirectoryAcrossBrokerInstances() throws Exception {
        int[] ports = FreePorts.find(2);
        Path logs = directory.resolve("kafka");
        String topic = "kept-" + UUID.randomUUID();

        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(ports[0], ports[1], logs)) {
            broker.start();
            try (KafkaProducer<String, String> producer = Clients.producer(broker.bootstrapServers(), Map.of())) {
                producer.send(new ProducerRecord<>(topic, "k", "kept")).get(10, TimeUnit.SECONDS);
            }
        }
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(ports[0], ports[1], logs)) {
            broker.start();
            assertThat(broker.bootstrapServers()).isEqualTo("localhost:" + ports[0]);
            try (KafkaConsumer<String, String> consumer =
                    Clients.consumer(broker.bootstrapServers(), "kept-" + UUID.randomUUID())) {
                consumer.subscribe(List.of(topic));
                assertThat(Clients.pollAndCommit(consumer, 1, Duration.ofSeconds(15)))
                        .extracting(ConsumerRecord::value)
                        .containsExactly("kept");
            }
        }
        assertThat(logs)
                .isDirectoryContaining(path -> path.getFileName().toString().equals("meta.properties"));
    }

    private static Connection connect(EmbeddedPostgresServer postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
    }
}
