package se.naravard.contract.web;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import se.naravard.contract.listing.ListingEventPayload;
import se.naravard.infra.TopicReader;
import se.naravard.platform.events.CloudEventCodec;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.events.PatientKeys;
import se.naravard.platform.events.Topics;

/**
 * Listings over HTTP with a real PostgreSQL and Kafka: a listing, a re-listing to another unit and an
 * end, each stored and published as {@code listing-changed} keyed by the patient key; every refusal names
 * its field and stores nothing (the outbox included).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListingIT extends ContractServiceHarness {

    private static final String PNR_SYSTEM = "http://electronichealth.se/identifier/personnummer";
    private static final String VC1 = "SE2321000057-VC01";
    private static final String VC2 = "SE2321000057-VC02";

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

    private static String listing(String person, String unit, String kommun, String from, String groups) {
        return """
                {"person":"%s","unit":"%s","kommun":"%s","from":"%s","targetGroups":%s}"""
                .formatted(person, unit, kommun, from, groups);
    }

    @Test
    void listing_re_listing_and_ending_are_stored_and_each_published_keyed_by_the_patient() throws Exception {
        String key = patientKeys.keyFor(PNR_SYSTEM, "194501019980");

        HttpResponse<String> listed =
                post("/listings", listing("19450101-9980", VC1, "0680", "2026-01-01", "[\"frail-elderly\"]"));
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.headers().firstValue("ETag")).hasValue("\"1\"");
        Map<String, Object> first = map(listed.body());
        assertThat(first).containsEntry("patientKey", key).containsEntry("version", 1);
        assertThat(listed.body()).contains("\"county\":\"06\"");

        HttpResponse<String> relisted = post("/listings", listing("194501019980", VC2, "0687", "2026-03-16", "[]"));
        assertThat(relisted.statusCode()).as(relisted.body()).isEqualTo(200);
        assertThat(listings(relisted.body()))
                .extracting(l -> l.get("unit"), l -> l.get("from"), l -> l.get("to"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(VC1, "2026-01-01", "2026-03-15"),
                        org.assertj.core.groups.Tuple.tuple(VC2, "2026-03-16", null));

        HttpResponse<String> ended = post("/listings/end", "{\"person\":\"19450101-9980\",\"to\":\"2026-05-31\"}");
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
        assertThat(ended.headers().firstValue("ETag")).hasValue("\"3\"");

        // Read back without the number in the URL, and by the number in a body.
        HttpResponse<String> byKey = get("/listings?patientKey=" + key);
        assertThat(byKey.statusCode()).isEqualTo(200);
        assertThat(listings(byKey.body())).extracting(l -> l.get("to")).containsExactly("2026-03-15", "2026-05-31");
        assertThat(byKey.body()).doesNotContain("\"current\"");
        HttpResponse<String> searched = post("/listings/search", "{\"person\":\"19450101-9980\"}");
        assertThat(searched.statusCode()).isEqualTo(200);
        assertThat(map(searched.body())).containsEntry("version", 3);

        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(
                INFRA.kafka(),
                Topics.CONTRACT_EVENTS,
                r -> key.equals(r.key())
                        && "se.naravard.contract.listing-changed.v1".equals(TopicReader.header(r, "ce_type")),
                3,
                Duration.ofSeconds(30));
        assertThat(records).hasSize(3);
        assertThat(records).allSatisfy(r -> {
            assertThat(TopicReader.header(r, "ce_patientkey")).isEqualTo(key);
            assertThat(TopicReader.header(r, "ce_subject")).isEqualTo(key);
            assertThat(new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))
                    .doesNotContain("9980");
        });
        EventEnvelope e1 = CloudEventCodec.fromRecord(records.get(0));
        ListingEventPayload p1 = json.readValue(e1.data(), ListingEventPayload.class);
        assertThat(e1.aggregateVersion()).isEqualTo(1);
        assertThat(e1.kommun()).isEqualTo("0680");
        assertThat(p1.change()).isEqualTo("listed");
        assertThat(p1.unit()).isEqualTo(VC1);
        assertThat(p1.county()).isEqualTo("06");
        assertThat(p1.from()).isEqualTo("2026-01-01");
        assertThat(p1.to()).isNull();
        assertThat(p1.targetGroups()).containsExactly("frail-elderly");
        assertThat(p1.patientKey()).isEqualTo(key);

        EventEnvelope e2 = CloudEventCodec.fromRecord(records.get(1));
        ListingEventPayload p2 = json.readValue(e2.data(), ListingEventPayload.class);
        assertThat(e2.aggregateVersion()).isEqualTo(2);
        assertThat(e2.kommun()).isEqualTo("0687");
        assertThat(p2.unit()).isEqualTo(VC2);
        assertThat(p2.targetGroups()).isEmpty();
        assertThat(p2.listings()).hasSize(2);
        assertThat(p2.listings().get(0).to()).isEqualTo("2026-03-15");

        ListingEventPayload p3 =
                json.readValue(CloudEventCodec.fromRecord(records.get(2)).data(), ListingEventPayload.class);
        assertThat(p3.change()).isEqualTo("ended");
        assertThat(p3.version()).isEqualTo(3);
        assertThat(p3.unit()).isEqualTo(VC2);
        assertThat(p3.to()).isEqualTo("2026-05-31");
    }

    @Test
    void an_invalid_personnummer_is_refused_naming_person() throws IOException {
        Map<String, Object> error =
                refused(() -> post("/listings", listing("19450101-9981", VC1, "0680", "2026-01-01", "[]")), 422);

        assertThat(error).containsEntry("field", "/person").containsEntry("code", "ID-PNR-006");
    }

    @Test
    void an_unknown_kommunkod_is_refused_naming_kommun() throws IOException {
        Map<String, Object> error =
                refused(() -> post("/listings", listing("19450102-9989", VC1, "0199", "2026-01-01", "[]")), 422);

        assertThat(error).containsEntry("field", "/kommun").containsEntry("code", "ID-KOM-003");
    }

    @Test
    void a_malformed_hsa_id_is_refused_naming_unit() throws IOException {
        Map<String, Object> error =
                refused(() -> post("/listings", listing("19450102-9989", "VC01", "0680", "2026-01-01", "[]")), 422);

        assertThat(error).containsEntry("field", "/unit");
        assertThat((String) error.get("code")).startsWith("ID-HSA-");
    }

    @Test
    void an_unknown_target_group_is_refused_naming_its_position() throws IOException {
        Map<String, Object> error = refused(
                () -> post("/listings", listing("19450102-9989", VC1, "0680", "2026-01-01", "[\"sköra-äldre\"]")), 422);

        assertThat(error).containsEntry("field", "/targetGroups/0").containsEntry("code", "CONTRACT-043");
    }

    @Test
    void an_unreadable_date_is_refused_naming_from() throws IOException {
        Map<String, Object> error =
                refused(() -> post("/listings", listing("19450102-9989", VC1, "0680", "2026-13-01", "[]")), 422);

        assertThat(error).containsEntry("field", "/from").containsEntry("code", "CONTRACT-040");
    }

    @Test
    void an_end_before_the_first_day_is_refused_naming_to() throws IOException {
        assertThat(post("/listings", listing("19520303-9978", VC1, "0680", "2026-02-01", "[]"))
                        .statusCode())
                .isEqualTo(200);

        Map<String, Object> error =
                refused(() -> post("/listings/end", "{\"person\":\"19520303-9978\",\"to\":\"2026-01-31\"}"), 422);

        assertThat(error).containsEntry("field", "/to").containsEntry("code", "CONTRACT-044");
    }

    @Test
    void ending_or_reading_a_patient_never_listed_is_404() throws IOException {
        Map<String, Object> error =
                refused(() -> post("/listings/end", "{\"person\":\"19380505-9965\",\"to\":\"2026-01-31\"}"), 404);
        assertThat(error).containsEntry("field", "/person").containsEntry("code", "CONTRACT-045");

        assertThat(post("/listings/search", "{\"person\":\"19380505-9965\"}").statusCode())
                .isEqualTo(404);
        assertThat(get("/listings?patientKey=" + patientKeys.keyFor(PNR_SYSTEM, "193805059965"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(refused(() -> get("/listings"), 422)).containsEntry("field", "/patientKey");
    }

    @Test
    void an_unknown_field_is_refused() throws IOException {
        String before = footprint();
        HttpResponse<String> r = post(
                "/listings",
                "{\"person\":\"19450102-9989\",\"unit\":\"" + VC1
                        + "\",\"kommun\":\"0680\",\"from\":\"2026-01-01\",\"vardcentral\":\"x\"}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(footprint()).isEqualTo(before);
    }

    /** The first error of a problem+json refusal; nothing stored changed. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> refused(Supplier<HttpResponse<String>> call, int status) throws IOException {
        String before = footprint();
        HttpResponse<String> r = call.get();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(footprint()).as("nothing stored changed").isEqualTo(before);
        assertThat(r.body()).doesNotContain("9980").doesNotContain("9989");
        Map<String, Object> body = map(r.body());
        List<Map<String, Object>> errors = (List<Map<String, Object>>) body.get("errors");
        assertThat(errors).as(r.body()).isNotEmpty();
        return errors.get(0);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(String body) throws IOException {
        return json.readValue(body, Map.class);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> listings(String body) throws IOException {
        return (List<Map<String, Object>>) map(body).get("listings");
    }
}
