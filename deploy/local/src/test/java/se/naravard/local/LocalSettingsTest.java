package se.naravard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSettingsTest {

    @TempDir
    Path repository;

    private final Properties properties = new Properties();

    @BeforeEach
    void repositoryLayout() throws IOException {
        Files.createDirectories(repository.resolve("deploy/local"));
        Files.writeString(repository.resolve("pom.xml"), "<project/>");
        Files.writeString(repository.resolve("deploy/local/pom.xml"), "<project/>");
        properties.setProperty(
                "naravard.root", repository.resolve("deploy/local").toString());
    }

    @Test
    void defaultsToTheDocumentedPortsAndDataUnderTheRepositoryRoot() {
        LocalSettings settings = LocalSettings.resolve(Map.of(), properties);

        assertThat(settings.root()).isEqualTo(repository.toAbsolutePath());
        assertThat(settings.postgresPort()).isEqualTo(15432);
        assertThat(settings.kafkaPort()).isEqualTo(19092);
        assertThat(settings.contractPort()).isEqualTo(8081);
        assertThat(settings.sipPort()).isEqualTo(8082);
        assertThat(settings.transitionPort()).isEqualTo(8083);
        assertThat(settings.fixedPorts())
                .extracting(LocalSettings.FixedPort::port)
                .containsExactly(15432, 19092, 8081, 8082, 8083, 8080, 8090);
        assertThat(settings.postgresDirectory()).isEqualTo(repository.resolve(".local-data/postgres"));
        assertThat(settings.kafkaDirectory()).isEqualTo(repository.resolve(".local-data/kafka"));
        assertThat(settings.demoData()).isTrue();
        assertThat(settings.durablePostgres()).isFalse();
        assertThat(settings.gatewayHeap()).isEqualTo("-Xmx512m");
    }

    @Test
    void theGatewayHeapCanBeSetForMemoryRunsButOnlyToASize() {
        assertThat(LocalSettings.resolve(Map.of("NARAVARD_GATEWAY_HEAP", "384m"), properties)
                        .gatewayHeap())
                .isEqualTo("-Xmx384m");
        assertThatThrownBy(() -> LocalSettings.resolve(Map.of("NARAVARD_GATEWAY_HEAP", "384m -XX:+Foo"), properties))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("NARAVARD_GATEWAY_HEAP must be a heap size");
    }

    @Test
    void theBenchmarkTurnsDemoDataOffAndDurabilityOn() {
        LocalSettings settings =
                LocalSettings.resolve(Map.of("NARAVARD_DEMO", "false", "NARAVARD_PG_DURABLE", "TRUE"), properties);

        assertThat(settings.demoData()).isFalse();
        assertThat(settings.durablePostgres()).isTrue();
        assertThatThrownBy(() -> LocalSettings.resolve(Map.of("NARAVARD_DEMO", "nej"), properties))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("NARAVARD_DEMO must be true or false");
    }

    @Test
    void environmentOverridesAndSystemPropertiesWin() {
        properties.setProperty("naravard.kafka.port", "29092");
        properties.setProperty("transition.service.port", "28083");
        LocalSettings settings = LocalSettings.resolve(
                Map.of(
                        "NARAVARD_PG_PORT", "25432",
                        "NARAVARD_KAFKA_PORT", "39092",
                        "CONTRACT_SERVICE_PORT", "18081",
                        "SIP_SERVICE_PORT", "18082",
                        "TRANSITION_SERVICE_PORT", "18083",
                        "NARAVARD_DATA_DIR", "other-data"),
                properties);

        assertThat(settings.postgresPort()).isEqualTo(25432);
        assertThat(settings.kafkaPort()).isEqualTo(29092);
        assertThat(settings.contractPort()).isEqualTo(18081);
        assertThat(settings.sipPort()).isEqualTo(18082);
        assertThat(settings.transitionPort()).isEqualTo(28083);
        assertThat(settings.dataDirectory()).isEqualTo(repository.resolve("other-data"));
    }

    @Test
    void theUsageNamesEveryPortSetting() {
        assertThat(LocalSettings.usage())
                .contains("CONTRACT_SERVICE_PORT", "SIP_SERVICE_PORT", "sip.service.port", "(8082)")
                .contains("TRANSITION_SERVICE_PORT", "transition.service.port", "(8083)");
    }

    @Test
    void refusesAPortThatIsNotANumber() {
        assertThatThrownBy(() -> LocalSettings.resolve(Map.of("NARAVARD_PG_PORT", "70000"), properties))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("NARAVARD_PG_PORT must be a port number");
    }

    @Test
    void namesTheSettingWhenAPortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThat(Ports.isFree(port)).isFalse();
            assertThatThrownBy(() -> Ports.requireFree(port, "Kafka", "NARAVARD_KAFKA_PORT", null))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("Port " + port + " (Kafka) is already in use")
                    .hasMessageContaining("NARAVARD_KAFKA_PORT=<port>");
        }
    }
}
