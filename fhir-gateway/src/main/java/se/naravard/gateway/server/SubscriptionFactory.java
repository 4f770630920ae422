package se.naravard.gateway.server;

import ca.uhn.fhir.context.FhirContext;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import se.naravard.gateway.audit.AccessLog;
import se.naravard.gateway.block.CareBlocks;
import se.naravard.gateway.communication.CommunicationWrites;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.subscription.DeliveryReceipts;
import se.naravard.gateway.subscription.EndpointAllowList;
import se.naravard.gateway.subscription.EndpointPolicy;
import se.naravard.gateway.subscription.NotificationBundles;
import se.naravard.gateway.subscription.SubscriptionProvider;
import se.naravard.gateway.subscription.SubscriptionSettings;
import se.naravard.gateway.subscription.Subscriptions;
import se.naravard.gateway.transition.EpisodeReads;
import se.naravard.gateway.transition.TransitionClient;

/**
 * Wires the subscriptions (issue 8): their settings, the consumer and delivery workers, and the FHIR
 * provider. All their scheduling reads the {@link Clock} named {@value #CLOCK}, the system's UTC clock
 * unless one is registered under that name (the ITs' simulated clock).
 */
@Factory
public class SubscriptionFactory {

    public static final String CLOCK = "subscription-clock";

    /**
     * The name of an {@link EndpointPolicy} that replaces the allow-list of {@code
     * gateway.subscriptions.allowed-endpoints} when registered (an IT's, to change it while running).
     */
    public static final String ENDPOINT_POLICY = "subscription-endpoint-policy";

    @Singleton
    SubscriptionSettings subscriptionSettings(
            @Value("${naravard.kafka.bootstrap-servers:}") String bootstrapServers,
            @Value("${gateway.subscriptions.enabled:true}") boolean enabled,
            @Value("${gateway.subscriptions.consumer-group:fhir-gateway.subscriptions}") String consumerGroup,
            @Value("${gateway.subscriptions.workers:4}") int workers,
            @Value("${gateway.subscriptions.poll-interval:100ms}") Duration pollInterval,
            @Value("${gateway.subscriptions.connect-timeout:2s}") Duration connectTimeout,
            @Value("${gateway.subscriptions.request-timeout:10s}") Duration requestTimeout,
            @Value("${gateway.subscriptions.first-retry:1s}") Duration firstRetry,
            @Value("${gateway.subscriptions.max-retry:5m}") Duration maxRetry,
            @Value("${gateway.subscriptions.batch:100}") int batch,
            @Value("${gateway.subscriptions.retention:30d}") Duration retention,
            @Value("${gateway.subscriptions.allowed-endpoints:}") String allowedEndpoints,
            @Nullable @Named(ENDPOINT_POLICY) EndpointPolicy endpointPolicy) {
        return new SubscriptionSettings(
                enabled ? bootstrapServers : null,
                consumerGroup,
                workers,
                pollInterval,
                connectTimeout,
                requestTimeout,
                firstRetry,
                maxRetry,
                batch,
                retention,
                endpointPolicy != null
                        ? endpointPolicy
                        : EndpointAllowList.parse(allowedEndpoints, EndpointAllowList.SYSTEM));
    }

    @Singleton
    @Bean(preDestroy = "close")
    Subscriptions subscriptions(
            DataSource dataSource,
            FhirContext fhir,
            AccessLog accessLog,
            CareBlocks blocks,
            TransitionClient transition,
            PatientResolver patients,
            SubscriptionSettings settings,
            @Nullable @Named(CLOCK) Clock clock,
            @Value("${naravard.consumer.max-attempts:5}") int maxAttempts,
            @Value("${naravard.consumer.retry-backoff:200ms}") Duration retryBackoff) {
        return Subscriptions.start(
                DelegatingDataSource.unwrapDataSource(dataSource),
                fhir,
                accessLog,
                blocks::inForce,
                receipts(new CommunicationWrites(transition, new EpisodeReads(transition, patients), patients)),
                clock == null ? Clock.systemUTC() : clock,
                settings,
                maxAttempts,
                retryBackoff);
    }

    /** A delivery's kvittens, through the Communication kvittens' command to transition-service. */
    static DeliveryReceipts receipts(CommunicationWrites writes) {
        return (message, addressee, at) -> switch (writes.automaticReceipt(message, addressee, at)) {
            case RECORDED -> new DeliveryReceipts.Answer(DeliveryReceipts.Result.RECORDED, null);
            case ALREADY_RECORDED -> new DeliveryReceipts.Answer(DeliveryReceipts.Result.ALREADY_RECORDED, null);
            case REFUSED -> new DeliveryReceipts.Answer(
                    DeliveryReceipts.Result.REFUSED,
                    "transition-service refused it (the message is unknown, makulerad, or not addressed to the unit)");
        };
    }

    @Singleton
    SubscriptionProvider subscriptionProvider(
            Subscriptions subscriptions,
            FhirContext fhir,
            SubscriptionSettings settings,
            @Nullable @Named(CLOCK) Clock clock) {
        return new SubscriptionProvider(
                subscriptions.store(),
                new NotificationBundles(fhir),
                clock == null ? Clock.systemUTC() : clock,
                settings.endpoints());
    }
}
