package se.naravard.platform.runtime;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's OpenTelemetry SDK (docs/operations.md "Observability"). Traces are exported over OTLP
 * (HTTP/protobuf, {@code <endpoint>/v1/traces}) when {@code naravard.tracing.otlp-endpoint} ({@code
 * OTEL_EXPORTER_OTLP_ENDPOINT}) names a collector; with {@code none} (the default) nothing is sampled
 * or exported, but every request and event still gets a trace id, passed on to the next service and
 * Kafka and written in the logs. Not registered as the global instance: several application contexts
 * share a test JVM.
 *
 * <p>Any other {@link SpanExporter} bean (a test's in-memory exporter) receives every span at once.
 */
@Factory
public class TracingFactory {

    public static final String NONE = "none";
    private static final Logger LOG = LoggerFactory.getLogger(TracingFactory.class);

    @Singleton
    @Bean(preDestroy = "close")
    OpenTelemetrySdk openTelemetry(
            PlatformSettings settings,
            @Value("${naravard.tracing.otlp-endpoint:" + NONE + "}") String endpoint,
            List<SpanExporter> exporters) {
        SdkTracerProviderBuilder tracing = SdkTracerProvider.builder()
                .setResource(Resource.getDefault()
                        .merge(Resource.create(
                                Attributes.of(AttributeKey.stringKey("service.name"), settings.serviceName()))));
        String otlp = endpoint.trim();
        boolean export = !otlp.isEmpty() && !NONE.equals(otlp);
        if (export) {
            String url = otlp.endsWith("/") ? otlp + "v1/traces" : otlp + "/v1/traces";
            tracing.addSpanProcessor(BatchSpanProcessor.builder(
                            OtlpHttpSpanExporter.builder().setEndpoint(url).build())
                    .build());
            LOG.info("traces exported over OTLP to {}", url);
        }
        exporters.forEach(e -> tracing.addSpanProcessor(SimpleSpanProcessor.create(e)));
        // Without an exporter nothing is recorded (no cost but the ids), yet ids still flow to the logs.
        tracing.setSampler(
                export || !exporters.isEmpty() ? Sampler.parentBased(Sampler.alwaysOn()) : Sampler.alwaysOff());
        return OpenTelemetrySdk.builder()
                .setTracerProvider(tracing.build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }
}
