package se.naravard.platform.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.slf4j.MDC;

/**
 * Makes a trace context current on this thread and puts its ids into the logging MDC ({@value
 * #TRACE_ID}, {@value #SPAN_ID}; the JSON log format writes them with every line), and restores both
 * on {@link #close()}. Use in try-with-resources on the thread that opened it.
 */
public final class TraceScope implements AutoCloseable {

    public static final String TRACE_ID = "trace_id";
    public static final String SPAN_ID = "span_id";

    private final Scope scope;
    private final String previousTrace;
    private final String previousSpan;

    // The scope is closed by close(): this object is the resource its callers manage.
    @SuppressWarnings("MustBeClosedChecker")
    private TraceScope(Context context) {
        this.previousTrace = MDC.get(TRACE_ID);
        this.previousSpan = MDC.get(SPAN_ID);
        this.scope = context.makeCurrent();
        SpanContext span = Span.fromContext(context).getSpanContext();
        if (span.isValid()) {
            MDC.put(TRACE_ID, span.getTraceId());
            MDC.put(SPAN_ID, span.getSpanId());
        } else {
            MDC.remove(TRACE_ID);
            MDC.remove(SPAN_ID);
        }
    }

    public static TraceScope activate(Context context) {
        return new TraceScope(context);
    }

    /** Makes {@code span} (in the current context) current. */
    public static TraceScope activate(Span span) {
        return new TraceScope(Context.current().with(span));
    }

    @Override
    public void close() {
        scope.close();
        restore(TRACE_ID, previousTrace);
        restore(SPAN_ID, previousSpan);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
