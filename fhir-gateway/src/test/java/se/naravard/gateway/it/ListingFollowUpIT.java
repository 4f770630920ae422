package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.naravard.infra.TestInfra;
import se.naravard.platform.events.CloudEventCodec;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.events.Topics;

/**
 * Listings end to end: posted to contract-service's real API, published as {@code listing-changed}, they
 * reach the gateway's follow-up store through Kafka and come back as the MeasureReports of the indicators
 * over listed patients (June 2025: five patients listed at one unit, one of them until the last day, one
 * more from 1 July; contract events of June for the five); and {@code Patient.generalPractitioner} is the
 * unit listed with today, at once after a re-listing.
 */
class ListingFollowUpIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNIT = "SE2321000057-VCLI";
    private static final String OTHER_UNIT = "SE2321000057-VCL2";
    private static final String KOMMUN = "0604";
    private static final List<String> JUNE =
            List.of("19460101-9989", "19460102-9988", "19460103-9987", "19460104-9986", "19460105-9985");
    private static final String JULY = "19460106-9984";

    @BeforeAll
    static void listAndContract() throws Exception {
        List<EventEnvelope> contracts = new ArrayList<>();
        for (String person : JUNE) {
            JsonNode listed = list(person, UNIT, "2025-06-01");
            contracts.add(activated(listed.get("patientKey").asText(), person, "2025-06-10T09:00:00Z"));
        }
        // Ended on the last day of June: listed until 23:59 that day, so at June's end.
        HttpResponse<String> ended = STACK.contractService.send(
                "POST", "/listings/end", "{\"person\":\"" + JUNE.get(0) + "\",\"to\":\"2025-06-30\"}");
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
        // From 1 July: not listed at June's end.
        list(JULY, UNIT, "2025-07-01");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.get().kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (EventEnvelope e : contracts) {
                producer.send(CloudEventCodec.toRecord(Topics.CONTRACT_EVENTS, e))
                        .get();
            }
        }
    }

    private static JsonNode list(String person, String unit, String from) throws Exception {
        HttpResponse<String> r = STACK.contractService.send(
                "POST",
                "/listings",
                """
                {"person":"%s","unit":"%s","kommun":"%s","from":"%s","targetGroups":["frail-elderly"]}"""
                        .formatted(person, unit, KOMMUN, from));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** A contract-activated event of {@code person} (patient key {@code key}) naming both contacts, at {@code at}. */
    private static EventEnvelope activated(String key, String person, String at) throws Exception {
        String id = UUID.randomUUID().toString();
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("sammanhallen-planering", Map.of("owner", UNIT, "goals", List.of(Map.of("text", "Gå själv"))));
        parts.put(
                "fast-vardkontakt",
                Map.of("owner", UNIT, "unit", UNIT, "person", Map.of("hsaId", "SE2321000057-N001", "name", "Sara")));
        parts.put(
                "fast-lakarkontakt",
                Map.of("owner", UNIT, "vardcentral", UNIT, "physician", Map.of("hsaId", "SE2321000057-L001")));
        Map<String, Object> contract = Map.of(
                "id",
                id,
                "version",
                2,
                "kommun",
                KOMMUN,
                "patient",
                Map.of(
                        "system",
                        "http://electronichealth.se/identifier/personnummer",
                        "value",
                        person.replace("-", "")),
                "status",
                Map.of("code", "active", "agreedAt", at),
                "parts",
                parts);
        return new EventEnvelope(
                UUID.randomUUID(),
                "/naravard/contract-service",
                "se.naravard.contract.contract-activated.v1",
                id,
                OffsetDateTime.parse(at),
                key,
                KOMMUN,
                2,
                JSON.writeValueAsBytes(
                        Map.of("event", "contract-activated", "contract", contract, "change", Map.of("at", at))));
    }

    private static String analyst() {
        Map<String, Object> c = AccessRulesIT.staff("SE2321000057-A001", "SE2321000057-ANA1", "region", null);
        c.put("roles", List.of("analyst"));
        c.put("scope", "user/Measure.rs user/MeasureReport.rs");
        return TestTokens.token(c);
    }

    /** The counts of the micro stratum of {@link #UNIT}: {denominator, numerator}; null while not there. */
    private static long[] unitCounts(String indicator) throws Exception {
        HttpResponse<String> r = FollowUpIT.get("/MeasureReport/" + indicator + "-2025-06", analyst(), Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        MeasureReport report = FHIR.newJsonParser().parseResource(MeasureReport.class, r.body());
        for (var stratum : report.getGroupFirstRep().getStratifier().get(0).getStratum()) {
            if (UNIT.equals(stratum.getValue().getCodingFirstRep().getCode())) {
                long[] counts = new long[2];
                for (var p : stratum.getPopulation()) {
                    String code = p.getCode().getCodingFirstRep().getCode();
                    assertThat(p.getCountElement().getValue())
                            .as(code + " shown")
                            .isNotNull();
                    counts["denominator".equals(code) ? 0 : 1] = p.getCount();
                }
                return counts;
            }
        }
        return null;
    }

    @Test
    void listings_posted_to_contract_service_reach_the_measure_reports_of_the_listed_patients() throws Exception {
        for (String indicator :
                List.of("contract-coverage", "listed-fast-lakarkontakt", "target-group-fast-vardkontakt")) {
            await(indicator).atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(unitCounts(indicator))
                    .containsExactly(5, 5));
        }
    }

    @Test
    void the_patient_names_the_unit_listed_with_today_and_a_re_listing_is_seen_at_once() throws Exception {
        String token = AuthorizationMatrixIT.citizen(JULY.replace("-", ""));
        var fhir = GatewayStack.client(STACK.gateway.fhirBase(), token);
        String key = list(JULY, UNIT, "2025-07-01").get("patientKey").asText();

        Patient before = fhir.read().resource(Patient.class).withId(key).execute();
        assertThat(before.getGeneralPractitioner())
                .extracting(Reference::getType, r -> r.getIdentifier().getValue())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Organization", UNIT));

        list(JULY, OTHER_UNIT, LocalDate.now(ZoneId.of("Europe/Stockholm")).toString());
        Patient after = fhir.read().resource(Patient.class).withId(key).execute();
        assertThat(after.getGeneralPractitioner())
                .extracting(r -> r.getIdentifier().getValue())
                .containsExactly(OTHER_UNIT);

        Patient tolvan = STACK.client()
                .read()
                .resource(Patient.class)
                .withId(CarePlanIT.tolvanKey())
                .execute();
        assertThat(tolvan.getGeneralPractitioner())
                .extracting(r -> r.getIdentifier().getValue())
                .containsExactly(TestContracts.UNIT);
    }
}
