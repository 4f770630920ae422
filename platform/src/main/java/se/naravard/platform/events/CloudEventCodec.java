package se.naravard.platform.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import se.naravard.platform.observability.TraceParent;

/**
 * Maps an {@link EventEnvelope} to and from a Kafka record in the CloudEvents Kafka protocol binding,
 * binary mode: the context attributes travel as {@code ce_*} headers, the payload as the record value
 * and {@code content-type} as a header. The CloudEvents SDK writes and reads the headers.
 */
public final class CloudEventCodec {

    public static final String EXT_PATIENT_KEY = "patientkey";
    public static final String EXT_KOMMUN = "kommun";
    public static final String EXT_AGGREGATE_VERSION = "aggregateversion";

    private CloudEventCodec() {}

    public static ProducerRecord<String, byte[]> toRecord(String topic, EventEnvelope envelope) {
        return toRecord(topic, envelope, null);
    }

    /**
     * The record of {@code envelope}, carrying {@code trace} (when not null) as the CloudEvents
     * Distributed Tracing extension: attributes {@code traceparent} and {@code tracestate}, i.e. Kafka
     * headers {@code ce_traceparent} and {@code ce_tracestate}. A consumer continues that trace.
     */
    public static ProducerRecord<String, byte[]> toRecord(String topic, EventEnvelope envelope, TraceParent trace) {
        CloudEvent event = toCloudEvent(envelope);
        if (trace != null) {
            CloudEventBuilder traced =
                    CloudEventBuilder.from(event).withExtension(TraceParent.TRACEPARENT, trace.traceparent());
            if (trace.tracestate() != null) {
                traced.withExtension(TraceParent.TRACESTATE, trace.tracestate());
            }
            event = traced.build();
        }
        return KafkaMessageFactory.createWriter(topic, envelope.patientKey()).writeBinary(event);
    }

    /**
     * The trace context a record carries (headers {@code ce_traceparent}, {@code ce_tracestate}), as a
     * parent context; {@link io.opentelemetry.context.Context#root()} when it carries none.
     */
    public static io.opentelemetry.context.Context traceOf(ConsumerRecord<String, byte[]> record) {
        return TraceParent.extract(name -> {
            org.apache.kafka.common.header.Header h = record.headers().lastHeader("ce_" + name);
            return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
        });
    }

    public static CloudEvent toCloudEvent(EventEnvelope e) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(e.id().toString())
                .withSource(URI.create(e.source()))
                .withType(e.type())
                .withSubject(e.subject())
                .withTime(e.time())
                .withDataContentType(EventEnvelope.DATA_CONTENT_TYPE)
                .withExtension(EXT_PATIENT_KEY, e.patientKey())
                .withExtension(EXT_AGGREGATE_VERSION, e.aggregateVersion())
                .withData(e.data());
        if (e.kommun() != null) {
            builder.withExtension(EXT_KOMMUN, e.kommun());
        }
        return builder.build();
    }

    /**
     * Reads a record written by {@link #toRecord}.
     *
     * @throws IllegalArgumentException when the record is not a CloudEvent of our shape (a poison
     *     record: send it to the dead-letter topic, do not retry)
     */
    public static EventEnvelope fromRecord(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a CloudEvent in Kafka binary mode: " + e.getMessage(), e);
        }
        return fromCloudEvent(event);
    }

    public static EventEnvelope fromCloudEvent(CloudEvent event) {
        Object version = event.getExtension(EXT_AGGREGATE_VERSION);
        Object patientKey = event.getExtension(EXT_PATIENT_KEY);
        Object kommun = event.getExtension(EXT_KOMMUN);
        if (patientKey == null || version == null || event.getSubject() == null || event.getTime() == null) {
            throw new IllegalArgumentException(
                    "CloudEvent lacks subject, time, patientkey or aggregateversion: " + event.getId());
        }
        try {
            return new EventEnvelope(
                    UUID.fromString(event.getId()),
                    event.getSource().toString(),
                    event.getType(),
                    event.getSubject(),
                    event.getTime().withOffsetSameInstant(ZoneOffset.UTC),
                    patientKey.toString(),
                    kommun == null ? null : kommun.toString(),
                    Long.parseLong(version.toString()),
                    event.getData() == null ? new byte[0] : event.getData().toBytes());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed CloudEvent " + event.getId() + ": " + e.getMessage(), e);
        }
    }
}
