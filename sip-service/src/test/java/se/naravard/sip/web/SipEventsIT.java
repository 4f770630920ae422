package se.naravard.sip.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import se.naravard.infra.TopicReader;
import se.naravard.platform.events.CloudEventCodec;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.events.PatientKeys;
import se.naravard.platform.events.Topics;
import se.naravard.sip.events.SipEventPayload;

/**
 * Changes made over HTTP reach {@code sip.events} as CloudEvents keyed by the patient key. The outbox
 * poll is 60 s here (harness), so every event seen went out through the after-commit wake-up.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SipEventsIT extends SipServiceHarness {

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    PatientKeys patientKeys;

    @Override
    protected URI baseUri() {
        return server.getURI();
    }

    @Test
    void a_sip_drafted_over_http_reaches_kafka_as_a_cloudevent_keyed_by_patient() throws Exception {
        String id = idOf(post("/sips", SipJson.draft(SipJson.TOLVAN)).body());
        accepted("POST", "/sips/" + id + "/participants", SipJson.participant(SipJson.regionUnit()), 1);

        List<ConsumerRecord<String, byte[]>> records = readUntil(r -> id.equals(header(r, "ce_subject")), 2);

        assertThat(records).hasSize(2);
        ConsumerRecord<String, byte[]> first = records.get(0);
        String key = patientKeys.keyFor("http://electronichealth.se/identifier/personnummer", "191212121212");
        assertThat(first.key()).isEqualTo(key).doesNotContain("121212");
        assertThat(header(first, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(first, "ce_type")).isEqualTo("se.naravard.sip.sip-drafted.v1");
        assertThat(header(first, "ce_source")).isEqualTo("/naravard/sip-service");
        assertThat(header(first, "ce_patientkey")).isEqualTo(key);
        assertThat(header(first, "ce_kommun")).isEqualTo("0680");
        assertThat(header(first, "ce_aggregateversion")).isEqualTo("1");
        assertThat(header(first, "content-type")).isEqualTo("application/json");
        UUID.fromString(header(first, "ce_id"));
        SipEventPayload drafted = json.readValue(first.value(), SipEventPayload.class);
        assertThat(drafted.type()).isEqualTo("sip-drafted");
        assertThat(drafted.change().kommun()).isEqualTo("0680");

        EventEnvelope second = CloudEventCodec.fromRecord(records.get(1));
        assertThat(second.type()).isEqualTo("se.naravard.sip.sip-changed.v1");
        assertThat(second.aggregateVersion()).isEqualTo(2);
        SipEventPayload payload = json.readValue(second.data(), SipEventPayload.class);
        assertThat(payload.type()).isEqualTo("sip-changed");
        assertThat(payload.sip().id()).isEqualTo(id);
        assertThat(payload.sip().version()).isEqualTo(2);
        assertThat(payload.sip().person().value()).isEqualTo("191212121212");
        assertThat(payload.sip().participants()).extracting(p -> p.id()).containsExactly("person", "vc");
        assertThat(payload.change().part()).isEqualTo("participants");
        assertThat(payload.change().actor().unit()).isEqualTo(SipJson.REGION_UNIT);
        assertThat(payload.change().reason()).isEqualTo("SIP-möte");
    }

    @Test
    void revoking_consent_emits_its_own_event_that_subscribers_can_act_on() throws Exception {
        String id = readyToActivate("19900602-2397");
        accepted("POST", "/sips/" + id + "/status", SipJson.status("active", null), 7);
        accepted("POST", "/sips/" + id + "/consents/revocation", SipJson.revocation(), 8);

        List<ConsumerRecord<String, byte[]>> records = readUntil(r -> id.equals(header(r, "ce_subject")), 9);

        assertThat(records)
                .extracting(r -> header(r, "ce_type"))
                .containsExactly(
                        "se.naravard.sip.sip-drafted.v1",
                        "se.naravard.sip.sip-changed.v1",
                        "se.naravard.sip.sip-changed.v1",
                        "se.naravard.sip.consent-given.v1",
                        "se.naravard.sip.sip-changed.v1",
                        "se.naravard.sip.sip-changed.v1",
                        "se.naravard.sip.sip-changed.v1",
                        "se.naravard.sip.sip-activated.v1",
                        "se.naravard.sip.consent-revoked.v1");
        SipEventPayload given = json.readValue(records.get(3).value(), SipEventPayload.class);
        assertThat(given.change().scope().participants()).containsExactly("hemtjanst", "vc");
        assertThat(given.change().byRepresentative()).isFalse();
        EventEnvelope revoked = CloudEventCodec.fromRecord(records.get(8));
        assertThat(revoked.aggregateVersion()).isEqualTo(9);
        SipEventPayload payload = json.readValue(revoked.data(), SipEventPayload.class);
        assertThat(payload.type()).isEqualTo("consent-revoked");
        assertThat(payload.change().revokedAt()).isEqualTo(payload.change().at());
        assertThat(payload.change().byRepresentative()).isFalse();
        assertThat(payload.sip().status().code()).isEqualTo("active");
        assertThat(payload.sip().consents().get(0).revocation()).isNotNull();
    }

    private List<ConsumerRecord<String, byte[]>> readUntil(Predicate<ConsumerRecord<String, byte[]>> mine, int n) {
        return TopicReader.readUntil(INFRA.kafka(), Topics.SIP_EVENTS, mine, n, Duration.ofSeconds(30));
    }

    static String header(ConsumerRecord<String, byte[]> r, String name) {
        return TopicReader.header(r, name);
    }
}
