package se.naravard.contract.observability;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.inject.Singleton;

/** Every span of the service in memory, for the tests that set {@code test.tracing=in-memory}. */
@Factory
@Requires(property = "test.tracing", value = "in-memory")
public class InMemoryTracing {

    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
