package se.naravard.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class CloudEventCodecTest {

    @Test
    void envelope_round_trips_through_a_kafka_record_in_binary_mode() {
        EventEnvelope sent = TestEvents.anEvent("k1", 7);

        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord("test.events", sent);
        EventEnvelope received = CloudEventCodec.fromRecord(asConsumed(record));

        assertThat(received).isEqualTo(sent);
        assertThat(record.key()).isEqualTo("k1");
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_id")).isEqualTo(sent.id().toString());
        assertThat(header(record, "ce_type")).isEqualTo("se.naravard.test.thing-happened.v1");
        assertThat(header(record, "ce_patientkey")).isEqualTo("k1");
        assertThat(header(record, "ce_kommun")).isEqualTo("0680");
        assertThat(header(record, "ce_aggregateversion")).isEqualTo("7");
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"version\":7}");
    }

    @Test
    void a_trace_context_travels_as_the_distributed_tracing_extension_and_a_consumer_reads_it() {
        EventEnvelope sent = TestEvents.anEvent("k1", 7);
        String parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(
                "test.events", sent, new se.naravard.platform.observability.TraceParent(parent, "naravard=1"));
        ConsumerRecord<String, byte[]> consumed = asConsumed(record);

        assertThat(header(record, "ce_traceparent")).isEqualTo(parent);
        assertThat(header(record, "ce_tracestate")).isEqualTo("naravard=1");
        assertThat(CloudEventCodec.fromRecord(consumed)).isEqualTo(sent);
        var context = io.opentelemetry.api.trace.Span.fromContext(CloudEventCodec.traceOf(consumed))
                .getSpanContext();
        assertThat(context.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(context.getSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(context.isRemote()).isTrue();
    }

    @Test
    void an_event_without_a_trace_carries_no_trace_headers() {
        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord("test.events", TestEvents.anEvent("k1", 1));

        assertThat(record.headers().lastHeader("ce_traceparent")).isNull();
        assertThat(io.opentelemetry.api.trace.Span.fromContext(CloudEventCodec.traceOf(asConsumed(record)))
                        .getSpanContext()
                        .isValid())
                .isFalse();
    }

    @Test
    void a_record_without_cloudevent_headers_is_refused_as_poison() {
        ConsumerRecord<String, byte[]> junk =
                new ConsumerRecord<>("t", 0, 0, "k", "not an event".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> CloudEventCodec.fromRecord(junk)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void event_types_follow_the_naming_rule() {
        assertThat(EventType.of("contract", "contract-activated", 1))
                .isEqualTo("se.naravard.contract.contract-activated.v1");
        assertThat(EventType.isValid("se.naravard.contract.ContractActivated.v1"))
                .isFalse();
        assertThat(EventType.isValid("se.naravard.contract.contract-activated")).isFalse();
    }

    @Test
    void patient_keys_are_stable_per_identifier_and_reveal_nothing() {
        PatientKeys keys = new PatientKeys("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8));
        String system = "http://electronichealth.se/identifier/personnummer";

        String a = keys.keyFor(system, "191212121212");

        assertThat(a).hasSize(32).isEqualTo(keys.keyFor(system, "191212121212")).doesNotContain("121212");
        assertThat(a).isNotEqualTo(keys.keyFor(system, "199006022397"));
        assertThat(a)
                .isNotEqualTo(new PatientKeys("another-secret-of-enough-length".getBytes(StandardCharsets.UTF_8))
                        .keyFor(system, "191212121212"));
    }

    static ConsumerRecord<String, byte[]> asConsumed(ProducerRecord<String, byte[]> r) {
        ConsumerRecord<String, byte[]> c = new ConsumerRecord<>(r.topic(), 0, 0L, r.key(), r.value());
        for (Header h : r.headers()) {
            c.headers().add(h);
        }
        return c;
    }

    private static String header(ProducerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
