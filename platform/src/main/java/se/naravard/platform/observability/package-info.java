/**
 * Traces and their ids in the logs, without a framework: the W3C trace context ({@code traceparent},
 * {@code tracestate}) read from and written to carriers (HTTP headers, outbox rows, CloudEvent
 * attributes), and a scope that makes a trace current on a thread together with its ids in the
 * logging MDC ({@code trace_id}, {@code span_id}). The Micronaut wiring (the SDK, its exporter, the HTTP
 * filter, the metrics) is in {@code se.naravard.platform.runtime}; docs/operations.md "Observability".
 *
 * <p>Span attributes never carry a personnummer or any other direct identifier: at most the
 * pseudonymous patient key, an event id, a route template or a resource type.
 */
package se.naravard.platform.observability;
