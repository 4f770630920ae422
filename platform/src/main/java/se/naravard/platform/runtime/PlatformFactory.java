package se.naravard.platform.runtime;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import se.naravard.platform.events.PatientKeys;
import se.naravard.platform.outbox.KafkaProducers;
import se.naravard.platform.outbox.OutboxRelay;

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
