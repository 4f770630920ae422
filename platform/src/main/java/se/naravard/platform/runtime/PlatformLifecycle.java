package se.naravard.platform.runtime;

import io.micronaut.context.BeanContext;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import javax.sql.DataSource;
import se.naravard.platform.outbox.OutboxRelay;
import se.naravard.platform.outbox.PlatformSchema;

/**
 * Migrates the platform's schema as soon as a DataSource exists (before any use case can append to
 * the outbox) and starts the relay once the application has started.
 */
public final class PlatformLifecycle {

    private PlatformLifecycle() {}

    @Singleton
    public static class SchemaMigration implements BeanCreatedEventListener<DataSource> {
        @Override
        public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
            PlatformSchema.migrate(DelegatingDataSource.unwrapDataSource(event.getBean()));
            return event.getBean();
        }
    }

    @Singleton
    public static class RelayStart {
        private final BeanContext context;
        private final PlatformSettings settings;

        public RelayStart(BeanContext context, PlatformSettings settings) {
            this.context = context;
            this.settings = settings;
        }

        @EventListener
        void onStartup(StartupEvent event) {
            context.findBean(OutboxRelay.class).ifPresent(relay -> relay.start(settings.serviceName()));
        }
    }
}
