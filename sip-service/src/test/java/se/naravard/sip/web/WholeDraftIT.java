package se.naravard.sip.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import se.naravard.infra.TopicReader;
import se.naravard.platform.events.PatientKeys;
import se.naravard.platform.events.Topics;
import se.naravard.sip.events.SipEventPayload;

/**
 * {@code POST /sips} with the whole draft (issue 6): one version and one {@code sip-drafted} event
 * carrying everything, or refused with every fault pointing into the body and nothing stored or sent.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WholeDraftIT extends SipServiceHarness {

    private static final String PNR_SYSTEM = "http://electronichealth.se/identifier/personnummer";

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
    void a_whole_draft_is_one_version_and_one_event() throws IOException {
        String before = footprint();

        HttpResponse<String> created = post("/sips", SipJson.wholeDraft("19460812-9815", SipJson.municipalUnit()));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");
        String id = idOf(created.body());
        Map<String, Object> sip = map(created.body());
        assertThat(sip.get("version")).isEqualTo(1);
        assertThat(list(sip, "participants"))
                .extracting(p -> p.get("id"))
                .containsExactly("person", "vc", "dotter", "hemtjanst");
        assertThat(list(sip, "goals")).hasSize(1);
        assertThat(list(sip, "interventions")).hasSize(1);
        assertThat(sip.get("overallResponsibility")).isEqualTo("MUNICIPALITY");
        assertThat(list(sip, "consents")).hasSize(1);
        assertThat(list(sip, "followUps")).extracting(f -> f.get("by")).containsExactly("vc");
        assertThat(list(map(get("/sips/" + id + "/versions").body()), "versions"))
                .extracting(v -> v.get("version") + " " + v.get("event"))
                .containsExactly("1 sip-drafted");
        assertThat(counts(footprint())).isEqualTo(plus(counts(before), 1, 1, 1, 1));

        // It is ready to activate as drawn up: the activation is version 2, and the second event.
        accepted("POST", "/sips/" + id + "/status", SipJson.status("active", "Överens på SIP-mötet"), 1);
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(
                INFRA.kafka(),
                Topics.SIP_EVENTS,
                r -> id.equals(TopicReader.header(r, "ce_subject")),
                2,
                Duration.ofSeconds(30));
        assertThat(records)
                .extracting(r -> TopicReader.header(r, "ce_type"), r -> TopicReader.header(r, "ce_aggregateversion"))
                .containsExactly(
                        tuple("se.naravard.sip.sip-drafted.v1", "1"), tuple("se.naravard.sip.sip-activated.v1", "2"));
        SipEventPayload drafted = json.readValue(records.get(0).value(), SipEventPayload.class);
        assertThat(drafted.change().kommun()).isEqualTo("0680");
        assertThat(drafted.sip().participants()).hasSize(4);
        assertThat(drafted.sip().consents()).hasSize(1);
        assertThat(drafted.sip().interventions()).hasSize(1);
        assertThat(drafted.sip().followUps()).hasSize(1);
    }

    @Test
    void a_draft_with_a_fault_in_its_third_participant_stores_nothing_and_emits_nothing() throws IOException {
        String person = "19520404-9810";
        String before = footprint();

        // A fault of form: the third participant's unit is no HSA-id, and so is the intervention's.
        HttpResponse<String> malformed = post(
                "/sips",
                SipJson.wholeDraft(person, SipJson.municipalUnit().replace(SipJson.MUNICIPAL_UNIT, "HT01"))
                        .replace("\"responsibleUnit\":\"" + SipJson.MUNICIPAL_UNIT, "\"responsibleUnit\":\"nej"));
        // A fault of the rules: the third participant has the first one's id, and a närstående follows up.
        HttpResponse<String> refused = post(
                "/sips",
                SipJson.wholeDraft(person, SipJson.municipalUnit().replace("\"hemtjanst\"", "\"vc\""))
                        .replace("\"by\":\"vc\"", "\"by\":\"dotter\""));

        assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(422);
        assertThat(errors(malformed))
                .extracting(e -> e.get("field"))
                .containsExactlyInAnyOrder("/participants/2/unit", "/interventions/0/responsibleUnit");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(errors(refused))
                .extracting(e -> e.get("code"), e -> e.get("field"))
                .containsExactlyInAnyOrder(
                        tuple("SIP-041", "/participants/2/id"),
                        tuple("SIP-042", "/consent/scope/participants"),
                        tuple("SIP-046", "/followUp/by"));
        assertThat(footprint()).isEqualTo(before);

        // Nothing went out either: the first event of this person is the SIP drawn up next.
        String id = idOf(post("/sips", SipJson.wholeDraft(person, SipJson.municipalUnit()))
                .body());
        String key = patientKeys.keyFor(PNR_SYSTEM, person.replace("-", ""));
        List<ConsumerRecord<String, byte[]>> first = TopicReader.readUntil(
                INFRA.kafka(), Topics.SIP_EVENTS, r -> key.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(first).extracting(r -> TopicReader.header(r, "ce_subject")).containsExactly(id);
    }

    @Test
    void a_draft_with_only_the_person_is_as_before() throws IOException {
        HttpResponse<String> created = post("/sips", SipJson.draft("19641120-9817"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Map<String, Object> sip = map(created.body());
        assertThat(list(sip, "participants")).extracting(p -> p.get("id")).containsExactly("person");
        assertThat(list(sip, "consents")).isEmpty();
        assertThat(sip.get("objectsToNarstaende")).isEqualTo(false);
    }

    @Test
    void parts_of_the_wrong_shape_are_refused_at_their_pointer() throws IOException {
        HttpResponse<String> r = post(
                "/sips",
                "{\"person\":\"19380915-9811\",\"kommun\":\"0680\",\"actor\":" + SipJson.actor()
                        + ",\"participants\":{\"id\":\"vc\"},\"goals\":[\"Bo kvar hemma\"],"
                        + "\"followUp\":{\"date\":\"2026-12-24\",\"vem\":\"vc\"}}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(errors(r))
                .extracting(e -> e.get("code"), e -> e.get("field"))
                .containsExactlyInAnyOrder(
                        tuple("SIP-075", "/participants"),
                        tuple("SIP-075", "/goals/0"),
                        tuple("SIP-075", "/followUp/vem"));
    }

    private List<Map<String, Object>> errors(HttpResponse<String> r) throws IOException {
        return list(map(r.body()), "errors");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(String body) throws IOException {
        return json.readValue(body, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        return (List<Map<String, Object>>) m.get(key);
    }

    private static long[] counts(String footprint) {
        String[] parts = java.util.regex.Pattern.compile("/").split(footprint);
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Long.parseLong(parts[i]);
        }
        return out;
    }

    private static long[] plus(long[] counts, long... more) {
        long[] out = counts.clone();
        for (int i = 0; i < more.length; i++) {
            out[i] += more[i];
        }
        return out;
    }
}
