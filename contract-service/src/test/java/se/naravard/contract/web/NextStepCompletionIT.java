package se.naravard.contract.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import se.naravard.contract.document.Docs.ContractDocument;
import se.naravard.contract.document.Docs.NextStepDoc;
import se.naravard.contract.events.ContractEventPayload;
import se.naravard.infra.TopicReader;
import se.naravard.platform.events.CloudEventCodec;
import se.naravard.platform.events.Topics;

/**
 * A next step's completion time over the API (docs/contract-api.md "Next steps done"): recorded when
 * the step becomes done, kept on later versions, given by the caller within bounds, carried in the
 * stored versions and in the events on contract.events.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NextStepCompletionIT extends ContractServiceHarness {

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Override
    protected URI baseUri() {
        return server.getURI();
    }

    @Test
    void a_step_done_gets_the_commands_time_keeps_it_and_carries_it_in_its_event() throws Exception {
        String id = json.readValue(
                        post("/contracts", ContractJson.create("19900602-2397")).body(), ContractDocument.class)
                .id();
        String done = ContractJson.nextSteps().replace("\"status\":\"BOOKED\"", "\"status\":\"DONE\"");
        Instant before = Instant.now();

        HttpResponse<String> first =
                put("/contracts/" + id + "/parts/nasta-steg", ContractJson.putPart(done), "If-Match", "\"1\"");
        Instant after = Instant.now();
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String stamped = step(first).completedAt();
        assertThat(Instant.parse(stamped)).isBetween(before, after);

        // sent again without the time, with a second step: the first keeps its time
        String twoSteps = done.replace(
                "\"status\":\"DONE\"}]",
                "\"status\":\"DONE\"},{\"id\":\"s2\",\"what\":\"Hembesök\",\"date\":\"2026-12-10\",\"how\":\"VISIT\","
                        + "\"status\":\"PLANNED\"}]");
        HttpResponse<String> second =
                put("/contracts/" + id + "/parts/nasta-steg", ContractJson.putPart(twoSteps), "If-Match", "\"2\"");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(step(second).completedAt()).isEqualTo(stamped);
        ContractDocument v3 =
                json.readValue(get("/contracts/" + id + "/versions/3").body(), ContractDocument.class);
        assertThat(v3.parts().nextSteps().steps().get(0).completedAt()).isEqualTo(stamped);
        assertThat(v3.parts().nextSteps().steps().get(1).completedAt()).isNull();

        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(
                INFRA.kafka(),
                Topics.CONTRACT_EVENTS,
                r -> id.equals(TopicReader.header(r, "ce_subject")),
                3,
                Duration.ofSeconds(30));
        ContractEventPayload changed =
                json.readValue(CloudEventCodec.fromRecord(records.get(1)).data(), ContractEventPayload.class);
        assertThat(changed.contract().parts().nextSteps().steps().get(0).completedAt())
                .isEqualTo(stamped);
        assertThat(new String(records.get(0).value(), java.nio.charset.StandardCharsets.UTF_8))
                .as("a step not done carries no completion time")
                .doesNotContain("completedAt");
    }

    @Test
    void a_time_the_caller_gives_is_recorded() throws Exception {
        HttpResponse<String> created = post("/contracts", ContractJson.create(ContractJson.TOLVAN));
        ContractDocument c = json.readValue(created.body(), ContractDocument.class);
        Instant given = Instant.parse(c.created().at()).plusMillis(1);
        String done = ContractJson.nextSteps()
                .replace("\"status\":\"BOOKED\"", "\"status\":\"DONE\",\"completedAt\":\"" + given + "\"");

        HttpResponse<String> r =
                put("/contracts/" + c.id() + "/parts/nasta-steg", ContractJson.putPart(done), "If-Match", "\"1\"");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Instant.parse(step(r).completedAt())).isEqualTo(given);
        @SuppressWarnings("unchecked")
        Map<String, Object> current = json.readValue(get("/contracts/" + c.id()).body(), Map.class);
        assertThat(current.toString()).contains("completedAt=" + given);
    }

    private NextStepDoc step(HttpResponse<String> r) throws java.io.IOException {
        return json.readValue(r.body(), ContractDocument.class)
                .parts()
                .nextSteps()
                .steps()
                .get(0);
    }
}
