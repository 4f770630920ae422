package se.naravard.gateway.server;

import ca.uhn.fhir.context.FhirContext;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.naravard.gateway.followup.ExportJobs;
import se.naravard.gateway.followup.FollowUpConsumer;
import se.naravard.gateway.followup.FollowUpReports;
import se.naravard.gateway.followup.FollowUpStore;
import se.naravard.gateway.followup.Indicators;
import se.naravard.platform.runtime.EventConsumers;

/**
 * The follow-up store, its reports and export jobs in the gateway's own database, and the consumer that
 * feeds the store from the events (off without Kafka brokers, or with {@code gateway.followup.enabled}
 * false: the reports then count what is stored).
 */
@Factory
public class FollowUpWiring {

    private static final Logger LOG = LoggerFactory.getLogger(FollowUpWiring.class);

    @Singleton
    FollowUpStore followUpStore(DataSource dataSource) {
        return new FollowUpStore(DelegatingDataSource.unwrapDataSource(dataSource));
    }

    @Singleton
    FollowUpReports followUpReports(
            FollowUpStore store,
            @Value("${gateway.followup.sip-held-target-days:" + Indicators.SIP_HELD_TARGET_DAYS + "}")
                    int sipHeldTargetDays) {
        return new FollowUpReports(store, Clock.systemUTC(), Indicators.catalogue(sipHeldTargetDays));
    }

    @Singleton
    @Bean(preDestroy = "close")
    ExportJobs exportJobs(DataSource dataSource, FollowUpReports reports, FhirContext fhir) {
        return new ExportJobs(DelegatingDataSource.unwrapDataSource(dataSource), reports, fhir, Clock.systemUTC());
    }

    /** Starts the consumer and resumes unfinished export jobs once the gateway has started. */
    @Singleton
    static class Start {
        private final BeanProvider<EventConsumers> consumers;
        private final ExportJobs jobs;
        private final boolean enabled;
        private final String group;
        private final String bootstrapServers;

        Start(
                BeanProvider<EventConsumers> consumers,
                ExportJobs jobs,
                @Value("${gateway.followup.enabled:true}") boolean enabled,
                @Value("${gateway.followup.consumer-group:" + FollowUpConsumer.GROUP + "}") String group,
                @Value("${naravard.kafka.bootstrap-servers:}") String bootstrapServers) {
            this.consumers = consumers;
            this.jobs = jobs;
            this.enabled = enabled;
            this.group = group;
            this.bootstrapServers = bootstrapServers;
        }

        @EventListener
        void onStartup(StartupEvent event) {
            jobs.resumeUnfinished();
            if (!enabled || bootstrapServers.isBlank()) {
                LOG.info(
                        "follow-up consumer off (gateway.followup.enabled={}, brokers {})",
                        enabled,
                        bootstrapServers.isBlank() ? "none" : bootstrapServers);
                return;
            }
            consumers.get().start(group, FollowUpConsumer.TOPICS, new FollowUpConsumer());
            LOG.info("follow-up store fed from {} as consumer group {}", FollowUpConsumer.TOPICS, group);
        }
    }
}
