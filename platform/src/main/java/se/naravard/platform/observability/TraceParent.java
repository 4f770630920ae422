package se.naravard.platform.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A W3C trace context as it is stored and carried: {@code traceparent} ({@code 00-<trace id>-<span
 * id>-<flags>}) and the optional vendor {@code tracestate}. The CloudEvents Distributed Tracing
 * extension carries the same two as event attributes (Kafka headers {@code ce_traceparent}, {@code
 * ce_tracestate}).
 */
public record TraceParent(String traceparent, String tracestate) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    public TraceParent {
        java.util.Objects.requireNonNull(traceparent, TRACEPARENT);
        tracestate = tracestate == null || tracestate.isEmpty() ? null : tracestate;
    }

    /** The context of the span current on this thread, or null when there is none (no trace started). */
    public static TraceParent current() {
        return of(Context.current());
    }

    /** The trace context of {@code context}'s span, or null when it has no valid one. */
    public static TraceParent of(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(context, carrier, Map::put);
        String parent = carrier.get(TRACEPARENT);
        return parent == null ? null : new TraceParent(parent, carrier.get(TRACESTATE));
    }

    /**
     * The remote parent a carrier names ({@code header} reads a header or attribute by name), as a context
     * to start a child span in; {@link Context#root()} when the carrier has none or a malformed one.
     */
    public static Context extract(Function<String, String> header) {
        return W3C.extract(Context.root(), header, new TextMapGetter<Function<String, String>>() {
            @Override
            public Iterable<String> keys(Function<String, String> carrier) {
                return List.of(TRACEPARENT, TRACESTATE);
            }

            @Override
            public String get(Function<String, String> carrier, String key) {
                return carrier == null ? null : carrier.apply(key);
            }
        });
    }

    /** This trace context as a parent context (for a span continuing it). */
    public Context asContext() {
        return extract(name -> TRACEPARENT.equals(name) ? traceparent : TRACESTATE.equals(name) ? tracestate : null);
    }

    /** The trace id (32 hex digits), or null when {@code traceparent} is malformed. */
    public String traceId() {
        SpanContext c = Span.fromContext(asContext()).getSpanContext();
        return c.isValid() ? c.getTraceId() : null;
    }

    /** Writes the headers of the current span's context through {@code header} (name, value). */
    public static void injectCurrent(java.util.function.BiConsumer<String, String> header) {
        W3C.inject(Context.current(), header, java.util.function.BiConsumer::accept);
    }
}
