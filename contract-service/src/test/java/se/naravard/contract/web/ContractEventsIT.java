package se.naravard.contract.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import se.naravard.contract.events.ContractEventPayload;
import se.naravard.infra.TopicReader;
import se.naravard.platform.events.CloudEventCodec;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.events.PatientKeys;
import se.naravard.platform.events.Topics;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractEventsIT extends ContractServiceHarness {

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
    void a_contract_written_over_http_reaches_kafka_as_a_cloudevent_keyed_by_patient() throws Exception {
        HttpResponse<String> created = post("/contracts", ContractJson.create(ContractJson.TOLVAN));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = (String) json.readValue(created.body(), Map.class).get("id");
        HttpResponse<String> agreed = post(
                "/contracts/" + id + "/status",
                ContractJson.status("active", "Överenskommet med patienten"),
                "If-Match",
                "\"1\"");
        assertThat(agreed.statusCode()).isEqualTo(200);

        List<ConsumerRecord<String, byte[]>> records = readUntil(r -> id.equals(header(r, "ce_subject")), 2);

        assertThat(records).hasSize(2);
        ConsumerRecord<String, byte[]> first = records.get(0);
        String key = patientKeys.keyFor("http://electronichealth.se/identifier/personnummer", "191212121212");
        assertThat(first.key()).isEqualTo(key).doesNotContain("121212");
        assertThat(header(first, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(first, "ce_type")).isEqualTo("se.naravard.contract.contract-drafted.v1");
        assertThat(header(first, "ce_source")).isEqualTo("/naravard/contract-service");
        assertThat(header(first, "ce_patientkey")).isEqualTo(key);
        assertThat(header(first, "ce_kommun")).isEqualTo("0680");
        assertThat(header(first, "ce_aggregateversion")).isEqualTo("1");
        assertThat(header(first, "content-type")).isEqualTo("application/json");
        UUID.fromString(header(first, "ce_id"));

        EventEnvelope second = CloudEventCodec.fromRecord(records.get(1));
        assertThat(second.type()).isEqualTo("se.naravard.contract.contract-activated.v1");
        assertThat(second.aggregateVersion()).isEqualTo(2);
        ContractEventPayload payload = json.readValue(second.data(), ContractEventPayload.class);
        assertThat(payload.event()).isEqualTo("contract-activated");
        assertThat(payload.contract().id()).isEqualTo(id);
        assertThat(payload.contract().version()).isEqualTo(2);
        assertThat(payload.contract().status().code()).isEqualTo("active");
        assertThat(payload.contract().patient().value()).isEqualTo("191212121212");
        assertThat(payload.contract().parts().fastVardkontakt().person().name()).isEqualTo("Sara Sjuksköterska");
        assertThat(payload.change().actor().unit()).isEqualTo(ContractJson.REGION_UNIT);
        assertThat(payload.change().reason()).isEqualTo("Överenskommet med patienten");
    }

    @Test
    void a_part_change_and_a_review_are_published_with_what_changed() throws Exception {
        String id = (String) json.readValue(
                        post("/contracts", ContractJson.create("19900602-2397")).body(), Map.class)
                .get("id");
        assertThat(put(
                                "/contracts/" + id + "/parts/nasta-steg",
                                ContractJson.putPart(ContractJson.nextSteps()),
                                "If-Match",
                                "\"1\"")
                        .statusCode())
                .isEqualTo(200);
        assertThat(post("/contracts/" + id + "/reviews", "{\"actor\":" + ContractJson.actor() + "}")
                        .statusCode())
                .isEqualTo(201);

        List<ConsumerRecord<String, byte[]>> records = readUntil(r -> id.equals(header(r, "ce_subject")), 3);

        ContractEventPayload changed =
                json.readValue(CloudEventCodec.fromRecord(records.get(1)).data(), ContractEventPayload.class);
        assertThat(changed.event()).isEqualTo("contract-part-changed");
        assertThat(changed.change().part()).isEqualTo("nasta-steg");
        assertThat(changed.change().removed()).isFalse();
        ContractEventPayload reviewed =
                json.readValue(CloudEventCodec.fromRecord(records.get(2)).data(), ContractEventPayload.class);
        assertThat(reviewed.event()).isEqualTo("contract-reviewed");
        assertThat(reviewed.change().reviewedVersion()).isEqualTo(2);
        assertThat(reviewed.change().failedChecks()).contains("AGREED_WITH_PATIENT");
    }

    private List<ConsumerRecord<String, byte[]>> readUntil(Predicate<ConsumerRecord<String, byte[]>> mine, int n) {
        return TopicReader.readUntil(INFRA.kafka(), Topics.CONTRACT_EVENTS, mine, n, Duration.ofSeconds(30));
    }

    static String header(ConsumerRecord<String, byte[]> r, String name) {
        return TopicReader.header(r, name);
    }
}
