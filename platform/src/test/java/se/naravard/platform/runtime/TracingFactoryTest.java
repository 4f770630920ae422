package se.naravard.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tracing without a collector still gives every request and event its own ids (docs/operations.md). */
class TracingFactoryTest {

    static final SpanContext CALLER = SpanContext.createFromRemoteParent(
            "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());

    @Test
    void without_an_exporter_a_span_has_its_own_ids_in_the_callers_trace_and_is_not_sampled() {
        try (OpenTelemetrySdk sdk = new TracingFactory().openTelemetry(settings(), TracingFactory.NONE, List.of())) {
            Span child = sdk.getTracer("t")
                    .spanBuilder("child")
                    .setParent(Context.root().with(Span.wrap(CALLER)))
                    .startSpan();
            Span root = sdk.getTracer("t").spanBuilder("root").startSpan();

            assertThat(child.getSpanContext().getTraceId()).isEqualTo(CALLER.getTraceId());
            assertThat(child.getSpanContext().getSpanId()).isNotEqualTo(CALLER.getSpanId());
            assertThat(child.getSpanContext().isSampled()).isFalse();
            assertThat(root.getSpanContext().isValid()).isTrue();
        }
    }

    @Test
    void with_an_exporter_every_span_is_exported() {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (OpenTelemetrySdk sdk =
                new TracingFactory().openTelemetry(settings(), TracingFactory.NONE, List.of(exporter))) {
            sdk.getTracer("t").spanBuilder("root").startSpan().end();

            // Before close: shutting the SDK down empties the in-memory exporter.
            assertThat(exporter.getFinishedSpanItems())
                    .extracting(s -> s.getName())
                    .containsExactly("root");
            assertThat(exporter.getFinishedSpanItems()
                            .get(0)
                            .getResource()
                            .getAttributes()
                            .asMap()
                            .values())
                    .contains("contract-service");
        }
    }

    private static PlatformSettings settings() {
        return new PlatformSettings(
                "contract-service",
                "contract-service",
                "",
                PlatformSettings.DEV_SECRET,
                500,
                Duration.ofMillis(500),
                Duration.ofSeconds(5),
                Duration.ofHours(1),
                16);
    }
}
