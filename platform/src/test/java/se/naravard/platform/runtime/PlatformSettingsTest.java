package se.naravard.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlatformSettingsTest {

    @Test
    void the_service_name_falls_back_to_the_application_name() {
        assertThat(settings("", "contract-service").serviceName()).isEqualTo("contract-service");
        assertThat(settings("sip", "contract-service").serviceName()).isEqualTo("sip");
    }

    private static PlatformSettings settings(String serviceName, String applicationName) {
        return new PlatformSettings(
                serviceName,
                applicationName,
                "localhost:9092",
                "a-secret-of-at-least-sixteen-bytes",
                500,
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                Duration.ofHours(1),
                16);
    }
}
