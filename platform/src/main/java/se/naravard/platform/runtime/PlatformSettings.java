package se.naravard.platform.runtime;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.naravard.platform.outbox.RelaySettings;

/**
 * The platform's configuration, read once. Keys (all under {@code naravard.}): {@code service-name},
 * {@code kafka.bootstrap-servers}, {@code patient-key.secret}, {@code outbox.batch-size},
 * {@code outbox.poll-interval}, {@code outbox.max-backoff}, {@code outbox.retention},
 * {@code outbox.lanes}. See docs/operations.md.
 */
@Singleton
public class PlatformSettings {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformSettings.class);
    static final String DEV_SECRET = "local-development-only-patient-key-secret";

    private final String serviceName;
    private final String bootstrapServers;
    private final byte[] patientKeySecret;
    private final RelaySettings relay;

    public PlatformSettings(
            @Value("${naravard.service-name:}") String serviceName,
            @Value("${micronaut.application.name:unnamed}") String applicationName,
            @Value("${naravard.kafka.bootstrap-servers:}") String bootstrapServers,
            @Value("${naravard.patient-key.secret:" + DEV_SECRET + "}") String patientKeySecret,
            @Value("${naravard.outbox.batch-size:500}") int batchSize,
            @Value("${naravard.outbox.poll-interval:500ms}") Duration pollInterval,
            @Value("${naravard.outbox.max-backoff:5s}") Duration maxBackoff,
            @Value("${naravard.outbox.retention:1h}") Duration retention,
            @Value("${naravard.outbox.lanes:16}") int lanes) {
        // Two plain placeholders: a nested default (${a:${b}}) leaves a stray brace in the value.
        this.serviceName = serviceName.isBlank() ? applicationName : serviceName;
        this.bootstrapServers = bootstrapServers;
        this.patientKeySecret = patientKeySecret.getBytes(StandardCharsets.UTF_8);
        this.relay = new RelaySettings(batchSize, pollInterval, Duration.ofMillis(100), maxBackoff, retention, lanes);
        if (DEV_SECRET.equals(patientKeySecret)) {
            LOG.warn("naravard.patient-key.secret is the development default: set it in production");
        }
    }

    public String serviceName() {
        return serviceName;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public byte[] patientKeySecret() {
        return patientKeySecret.clone();
    }

    public RelaySettings relay() {
        return relay;
    }
}
