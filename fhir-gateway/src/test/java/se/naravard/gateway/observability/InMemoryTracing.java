package se.naravard.gateway.observability;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.inject.Singleton;

/** Every span of the gateway in memory, for a gateway started with {@code test.tracing=in-memory}. */
@Factory
@Requires(property = "test.tracing", value = "in-memory")
public class InMemoryTracing {

    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
