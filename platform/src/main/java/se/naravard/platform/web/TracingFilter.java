package se.naravard.platform.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import se.naravard.platform.observability.TraceParent;
import se.naravard.platform.observability.TraceScope;

/**
 * A server span per HTTP request, continuing the caller's W3C trace ({@code traceparent}: the gateway's
 * request), current (with its ids in the logs' MDC) on whichever thread handles the request, so the
 * outbox rows a use case appends carry the trace on to Kafka. Named and tagged by the route template
 * ({@code POST /contracts/{id}/versions}), never the path: paths hold identifiers. Probes and scrapes
 * ({@code /health}, {@code /prometheus}) are not traced.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class TracingFilter implements Ordered {

    private static final String SPAN = "naravard.trace.span";

    private final Tracer tracer;

    public TracingFilter(OpenTelemetry telemetry) {
        this.tracer = telemetry.getTracer("se.naravard.platform.web");
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.TRACING.order();
    }

    @RequestFilter
    public void start(HttpRequest<?> request, MutablePropagatedContext propagated) {
        String path = request.getPath();
        if (path.startsWith("/health") || path.startsWith("/prometheus")) {
            return;
        }
        Context parent = TraceParent.extract(name -> request.getHeaders().get(name));
        String route = BasicHttpAttributes.getUriTemplate(request).orElse(null);
        String method = request.getMethodName();
        Span span = tracer.spanBuilder(route == null ? method : method + " " + route)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", method)
                .setAttribute("http.route", route == null ? "" : route)
                .startSpan();
        request.setAttribute(SPAN, span);
        propagated.add(new Current(parent.with(span)));
    }

    @ResponseFilter
    public void end(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(SPAN, Span.class).ifPresent(span -> {
            int status = response.code();
            span.setAttribute("http.response.status_code", status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        });
    }

    /** The request's trace, made current on every thread that works on the request. */
    private record Current(Context context) implements ThreadPropagatedContextElement<TraceScope> {
        @Override
        public TraceScope updateThreadContext() {
            return TraceScope.activate(context);
        }

        @Override
        public void restoreThreadContext(TraceScope previous) {
            previous.close();
        }
    }
}
