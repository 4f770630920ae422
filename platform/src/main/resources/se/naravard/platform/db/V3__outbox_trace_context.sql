-- The trace context of the transaction that appended the event (W3C traceparent/tracestate; null when
-- no trace was current). The relay sends it as the CloudEvents Distributed Tracing extension
-- (ce_traceparent, ce_tracestate), so a consumer continues the trace of the request that caused the
-- event. Nullable: rows appended before this migration, or by a writer without a trace, have none.
alter table outbox_event add column trace_parent text, add column trace_state text;
