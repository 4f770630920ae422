package se.naravard.platform.runtime;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's OpenTelemetry SDK (docs/operations.md "Observability"). Traces are exported over OTLP
 * (HTTP/protobuf, {@code <endpoint>/v1/traces}) when {@code naravard.tracing.otlp-endpoint} ({@code
 * OTEL_EXPORTER_OTLP_ENDPOINT}) names a collector; with {@code none} (the default) nothing is sampled
 * or exported, but every request and event still gets a trace and span id, passed on to the next service and
 * Kafka and written in the logs. Not registered as the global instance: several application contexts
 * share a test JVM.
 *
 * <p>Any other {@link SpanExporter} bean (a test's in-memory exporter) receives every span at once.
 */
@Factory
public class TracingFactory {

    public static final String NONE = "none";

    /** A processor that does nothing: its presence makes the SDK create spans, and so ids. */
    static final SpanProcessor IDS_ONLY = new SpanProcessor() {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {}

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {}

        @Override
        public boolean isEndRequired() {
            return false;
        }
    };

    /** Ids and a span object for every trace, never exported (the trace flags say not sampled). */
    static final Sampler RECORD_ONLY = new Sampler() {
        @Override
        public SamplingResult shouldSample(
                Context parentContext,
                String traceId,
                String name,
                SpanKind spanKind,
                Attributes attributes,
                List<LinkData> parentLinks) {
            return SamplingResult.recordOnly();
        }

        @Override
        public String getDescription() {
            return "RecordOnly";
        }
    };

    private static final Logger LOG = LoggerFactory.getLogger(TracingFactory.class);

    @Singleton
    @Bean(preDestroy = "close")
    public OpenTelemetrySdk openTelemetry(
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
        if (!export && exporters.isEmpty()) {
            // The SDK makes no span at all (it hands back the caller's) while no processor is registered.
            tracing.addSpanProcessor(IDS_ONLY);
        }
        // Without an exporter spans live only long enough to give ids to the logs and the next hop (not
        // sampled: nothing is exported). A dropping sampler would not do: the SDK then hands back the
        // caller's span, or none at all, so a request without a traceparent would get no trace id.
        // With one, every trace is kept whatever the caller sampled: a service does not drop its part of
        // a trace that another service exports.
        tracing.setSampler(export || !exporters.isEmpty() ? Sampler.alwaysOn() : RECORD_ONLY);
        return OpenTelemetrySdk.builder()
                .setTracerProvider(tracing.build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }
}
