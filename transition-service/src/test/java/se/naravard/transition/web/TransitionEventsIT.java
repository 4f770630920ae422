package se.naravard.transition.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.transition.web.EpisodeJson.MUNICIPAL_UNIT;
import static se.naravard.transition.web.EpisodeJson.TOLVAN;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import se.naravard.platform.events.CloudEventCodec;
import se.naravard.platform.events.PatientKeys;
import se.naravard.transition.events.TransitionEventPayload;

/** Messages, receipts and clocks reach {@code transition.events} as CloudEvents (issue 4 "Tests"). */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransitionEventsIT extends TransitionServiceHarness {

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
    void messages_and_receipts_are_published_with_cloudevent_headers_keyed_by_patient() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String id = admit(EpisodeJson.admit(TOLVAN, now.minusSeconds(7200), now.minusSeconds(3600), true));
        UUID notice = UUID.randomUUID();
        assertThat(post(
                                "/episodes/" + id + "/messages",
                                EpisodeJson.message(notice, "inskrivningsmeddelande", now.minusSeconds(60), null))
                        .statusCode())
                .isEqualTo(201);
        assertThat(post(
                                "/episodes/" + id + "/messages/" + notice + "/receipts",
                                EpisodeJson.receipt(MUNICIPAL_UNIT, "ok", now.minusSeconds(30), null))
                        .statusCode())
                .isEqualTo(200);

        // patient-admitted; message-sent + deadline-met (admission notice); receipt-recorded + deadline-met (receipt)
        List<ConsumerRecord<String, byte[]>> records = readUntil(subject(id), 5);

        assertThat(records)
                .extracting(r -> header(r, "ce_type"))
                .containsExactly(
                        "se.naravard.transition.patient-admitted.v1",
                        "se.naravard.transition.message-sent.v1",
                        "se.naravard.transition.deadline-met.v1",
                        "se.naravard.transition.receipt-recorded.v1",
                        "se.naravard.transition.deadline-met.v1");
        var first = records.get(0);
        String key = patientKeys.keyFor("http://electronichealth.se/identifier/personnummer", "191212121212");
        assertThat(first.key()).isEqualTo(key).doesNotContain("121212");
        assertThat(header(first, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(first, "ce_source")).isEqualTo("/naravard/transition-service");
        assertThat(header(first, "ce_patientkey")).isEqualTo(key);
        assertThat(header(first, "ce_kommun")).isEqualTo("0680");
        assertThat(header(first, "ce_aggregateversion")).isEqualTo("1");
        assertThat(header(first, "content-type")).isEqualTo("application/json");
        assertThat(records).extracting(r -> header(r, "ce_aggregateversion")).containsExactly("1", "2", "2", "3", "3");

        var sent = payload(records.get(1));
        assertThat(sent.type()).isEqualTo("message-sent");
        assertThat(sent.message().id()).isEqualTo(notice.toString());
        assertThat(sent.message().type()).isEqualTo("inskrivningsmeddelande");
        assertThat(sent.message().addressees()).extracting(a -> a.unit()).contains(MUNICIPAL_UNIT);
        assertThat(sent.episode().patient().value()).isEqualTo("191212121212");
        assertThat(sent.change().actor().person()).isEqualTo(EpisodeJson.NURSE);
        var met = payload(records.get(2));
        assertThat(met.task().kind()).isEqualTo("admission-notice");
        assertThat(met.task().state()).isEqualTo("met");
        assertThat(met.task().fulfilledBy()).isEqualTo(notice.toString());
        var receipt = payload(records.get(3));
        assertThat(receipt.receipt().status()).isEqualTo("ok");
        assertThat(receipt.receipt().addressee()).isEqualTo(MUNICIPAL_UNIT);
        assertThat(payload(records.get(4)).task().kind()).isEqualTo("receipt");
    }

    @Test
    void a_missed_deadline_is_published_by_the_clock_without_any_request() throws Exception {
        // The admission notice is due 24 hours after the assessment: here, in about two seconds.
        Instant assessed = Instant.now().minus(Duration.ofHours(24)).plusSeconds(2);
        String id = admit(EpisodeJson.admit("19900602-2397", assessed, assessed, false));

        List<ConsumerRecord<String, byte[]>> missed =
                readUntil(subject(id).and(r -> header(r, "ce_type").endsWith("deadline-missed.v1")), 1);

        assertThat(missed).hasSize(1);
        var payload = payload(missed.get(0));
        assertThat(payload.change().by()).isEqualTo("deadline-clock");
        assertThat(payload.change().actor()).isNull();
        assertThat(payload.task().kind()).isEqualTo("admission-notice");
        assertThat(payload.task().state()).isEqualTo("missed");
        assertThat(payload.episode().version()).isEqualTo(2);
        @SuppressWarnings("unchecked")
        var versions = (List<Map<String, Object>>)
                json.readValue(get("/episodes/" + id + "/versions").body(), Map.class)
                        .get("versions");
        assertThat(versions.get(1)).containsEntry("events", List.of("deadline-missed"));
        assertThat(String.valueOf(versions.get(1).get("changedBy"))).contains("deadline-clock");
    }

    @Test
    void the_admission_kind_is_carried_by_every_event_of_the_episode_and_absent_when_unknown() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String unplanned =
                admit(EpisodeJson.admit(TOLVAN, now.minusSeconds(7200), now.minusSeconds(7000), false, "unplanned"));
        assertThat(post("/episodes/" + unplanned + "/discharge", EpisodeJson.discharge(now.minusSeconds(60)))
                        .statusCode())
                .isEqualTo(200);
        String unknown = admit(EpisodeJson.admit(TOLVAN, now.minusSeconds(3600), now.minusSeconds(3500), false));

        // patient-admitted, then patient-discharged: both carry the episode with its admission kind
        List<ConsumerRecord<String, byte[]>> records = readUntil(subject(unplanned), 2);
        assertThat(records)
                .extracting(r -> header(r, "ce_type"))
                .containsExactly(
                        "se.naravard.transition.patient-admitted.v1", "se.naravard.transition.patient-discharged.v1");
        for (var r : records) {
            assertThat(payload(r).episode().admissionKind()).isEqualTo("unplanned");
            assertThat(new String(CloudEventCodec.fromRecord(r).data(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("\"admissionKind\":\"unplanned\"");
        }
        var admitted = readUntil(subject(unknown), 1).get(0);
        assertThat(payload(admitted).episode().admissionKind()).isNull();
        assertThat(new String(CloudEventCodec.fromRecord(admitted).data(), java.nio.charset.StandardCharsets.UTF_8))
                .as("unknown is left out, not null")
                .doesNotContain("admissionKind");
    }

    private String admit(String body) throws Exception {
        var created = post("/episodes", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return (String) json.readValue(created.body(), Map.class).get("id");
    }

    private TransitionEventPayload payload(ConsumerRecord<String, byte[]> r) throws Exception {
        return json.readValue(CloudEventCodec.fromRecord(r).data(), TransitionEventPayload.class);
    }
}
