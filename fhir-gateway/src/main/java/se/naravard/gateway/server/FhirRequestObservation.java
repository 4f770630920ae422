package se.naravard.gateway.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import se.naravard.platform.observability.TraceParent;
import se.naravard.platform.observability.TraceScope;

/**
 * Times and traces every request of the FHIR API (docs/operations.md "Observability"): a Jetty filter
 * around HAPI opens a server span continuing the client's W3C {@code traceparent} (current while HAPI and
 * the service clients work, so they pass it on) and records {@code naravard_fhir_requests_seconds} by
 * resource type, interaction and status when the answer is written. HAPI's part ({@link #classify}) names
 * the resource type and interaction as soon as it has parsed the request, before the token check, so a
 * refusal is counted under what was asked. Low cardinality: never an id, a parameter or a patient.
 */
public final class FhirRequestObservation implements Filter {

    private static final String RESOURCE = FhirRequestObservation.class.getName() + ".resource";
    private static final String INTERACTION = FhirRequestObservation.class.getName() + ".interaction";

    private final MeterRegistry registry;
    private final Tracer tracer;

    public FhirRequestObservation(MeterRegistry registry, OpenTelemetry telemetry) {
        this.registry = registry;
        this.tracer = telemetry.getTracer("se.naravard.gateway.fhir");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        Context parent = TraceParent.extract(http::getHeader);
        Span span = tracer.spanBuilder("FHIR " + http.getMethod())
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", http.getMethod())
                .startSpan();
        long start = System.nanoTime();
        try (TraceScope ignored = TraceScope.activate(parent.with(span))) {
            chain.doFilter(request, response);
        } finally {
            String resource = attribute(http, RESOURCE, "none");
            String interaction = attribute(http, INTERACTION, "unknown");
            int status = ((HttpServletResponse) response).getStatus();
            span.updateName("FHIR " + interaction + " " + resource);
            span.setAttribute("fhir.resource_type", resource);
            span.setAttribute("fhir.interaction", interaction);
            span.setAttribute("http.response.status_code", status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
            Timer.builder("naravard.fhir.requests")
                    .description("FHIR API requests by resource type, interaction and HTTP status")
                    .tags("resource", resource, "interaction", interaction, "status", String.valueOf(status))
                    .register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * HAPI's hook: the resource type and interaction of the request, once parsed. Registered first, so
     * it runs before the token check of the same pointcut.
     */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -1000)
    public boolean classify(RequestDetails details, ServletRequestDetails servlet) {
        HttpServletRequest request = servlet.getServletRequest();
        request.setAttribute(RESOURCE, details.getResourceName() == null ? "none" : details.getResourceName());
        if (details.getRestOperationType() != null) {
            request.setAttribute(INTERACTION, details.getRestOperationType().getCode());
        }
        return true;
    }

    private static String attribute(HttpServletRequest request, String name, String otherwise) {
        Object value = request.getAttribute(name);
        return value == null ? otherwise : value.toString();
    }
}
