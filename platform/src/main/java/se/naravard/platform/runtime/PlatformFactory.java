package se.naravard.platform.runtime;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import se.naravard.platform.events.PatientKeys;
import se.naravard.platform.outbox.KafkaProducers;
import se.naravard.platform.outbox.OutboxRelay;
import se.naravard.platform.security.ServiceCredentials;
import se.naravard.platform.security.ServiceTokenFile;
import se.naravard.platform.security.ServiceTokenVerifier;

/** Wires the framework-free platform pieces into a Micronaut service. */
@Factory
public class PlatformFactory {

    @Singleton
    PatientKeys patientKeys(PlatformSettings settings) {
        return new PatientKeys(settings.patientKeySecret());
    }

    @Singleton
    @Requires(missingBeans = Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The check of the internal API's service credentials ({@code ServiceAuthFilter}), made when the
     * context starts, so that a JWK set that cannot be read stops the start. Token times are checked
     * against the system clock, whatever clock a service's rules run on.
     */
    @Context
    @Requires(property = "naravard.service-auth.enabled", notEquals = "false")
    ServiceTokenVerifier serviceTokenVerifier(ServiceAuthSettings settings) {
        return ServiceTokenVerifier.of(
                settings.jwks(), settings.issuer(), settings.audience(), settings.allowedClients(), Clock.systemUTC());
    }

    /**
     * This service's own credentials for calling another service's internal API: the token in {@code
     * naravard.service-token.file} ({@code SERVICE_TOKEN_FILE}), kept renewed by the platform. Made only
     * for a service that calls another (the gateway); without the file it does not start.
     */
    @Singleton
    ServiceCredentials serviceCredentials(@Value("${naravard.service-token.file:}") String file) {
        if (file.isBlank()) {
            throw new IllegalStateException("set SERVICE_TOKEN_FILE: the file holding this service's token for the"
                    + " other services' internal APIs (docs/operations.md \"Service credentials\")");
        }
        return ServiceTokenFile.open(Path.of(file.trim()));
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(beans = DataSource.class)
    @Requires(property = "naravard.kafka.bootstrap-servers")
    @Requires(property = "naravard.outbox.relay.enabled", notEquals = "false")
    OutboxRelay outboxRelay(DataSource dataSource, PlatformSettings settings, Clock clock) {
        // The injected DataSource is Micronaut's contextual proxy, which only hands out the connection of
        // a current transaction; the relay manages its own connections and transactions.
        return new OutboxRelay(
                DelegatingDataSource.unwrapDataSource(dataSource),
                () -> KafkaProducers.idempotent(
                        settings.bootstrapServers(), settings.serviceName() + "-outbox-relay", Map.of()),
                settings.relay(),
                clock);
    }
}
