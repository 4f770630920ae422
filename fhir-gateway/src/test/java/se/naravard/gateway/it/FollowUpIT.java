package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.naravard.infra.TestInfra;
import se.naravard.platform.events.CloudEventCodec;
import se.naravard.platform.events.EventEnvelope;
import se.naravard.platform.events.Topics;

/**
 * The joint follow-up end to end: well-formed contract events of March 2025 published on {@code
 * contract.events}, and the shared stack's contracts, episodes and SIPs made through the real services,
 * reach the gateway's follow-up store through Kafka; the indicators come back over FHIR as
 * MeasureReports, to analysts and managers only; the bulk export runs from kick-off to ndjson.
 */
class FollowUpIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNIT = "SE2321000057-VCIT";

    @BeforeAll
    static void publishMarch2025() throws Exception {
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(activated("2025-03-0" + (i + 2) + "T09:00:00Z", true));
        }
        for (int i = 0; i < 5; i++) {
            events.add(activated("2025-03-1" + i + "T09:00:00Z", false));
        }
        // 23:30 on 31 March in Stockholm (summer time since 30 March): March's.
        events.add(activated("2025-03-31T21:30:00Z", true));
        // 00:30 on 1 April in Stockholm: April's.
        events.add(activated("2025-03-31T22:30:00Z", true));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.get().kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (EventEnvelope e : events) {
                producer.send(CloudEventCodec.toRecord(Topics.CONTRACT_EVENTS, e))
                        .get();
            }
            // A redelivery (same ce_id) has no second effect.
            producer.send(CloudEventCodec.toRecord(Topics.CONTRACT_EVENTS, events.get(0)))
                    .get();
        }
    }

    /** A contract-activated event of a contract of {@link #UNIT}, with all four parts or without a next step. */
    private static EventEnvelope activated(String at, boolean complete) throws Exception {
        String id = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString().replace("-", "");
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("sammanhallen-planering", Map.of("owner", UNIT, "goals", List.of(Map.of("text", "Gå själv"))));
        parts.put(
                "fast-vardkontakt",
                Map.of("owner", UNIT, "unit", UNIT, "person", Map.of("hsaId", "SE2321000057-N001", "name", "Sara")));
        parts.put(
                "fast-lakarkontakt",
                Map.of(
                        "owner",
                        UNIT,
                        "vardcentral",
                        UNIT,
                        "physician",
                        Map.of("hsaId", "SE2321000057-L001", "name", "Lars")));
        if (complete) {
            parts.put(
                    "nasta-steg",
                    Map.of(
                            "owner",
                            UNIT,
                            "steps",
                            List.of(Map.of("id", "s1", "what", "Besök", "date", "2025-04-01", "status", "BOOKED"))));
        }
        Map<String, Object> contract = Map.of(
                "id",
                id,
                "version",
                2,
                "kommun",
                "0680",
                "patient",
                Map.of("system", "http://electronichealth.se/identifier/personnummer", "value", "191212121212"),
                "status",
                Map.of("code", "active", "agreedAt", at),
                "parts",
                parts);
        byte[] data = JSON.writeValueAsBytes(
                Map.of("event", "contract-activated", "contract", contract, "change", Map.of("at", at)));
        return new EventEnvelope(
                UUID.randomUUID(),
                "/naravard/contract-service",
                "se.naravard.contract.contract-activated.v1",
                id,
                OffsetDateTime.parse(at),
                key,
                "0680",
                2,
                data);
    }

    private static String analyst() {
        Map<String, Object> c = AccessRulesIT.staff("SE2321000057-A001", "SE2321000057-ANA1", "region", null);
        c.put("roles", List.of("analyst"));
        c.put("scope", "user/Measure.rs user/MeasureReport.rs");
        return TestTokens.token(c);
    }

    private static String manager() {
        Map<String, Object> c = AccessRulesIT.staff("SE2321000057-M001", "SE2321000057-VC01", "region", null);
        c.put("scope", "user/Measure.rs user/MeasureReport.rs");
        return TestTokens.token(c);
    }

    private static String clinician() {
        Map<String, Object> c = AccessRulesIT.staff("SE2321000057-N001", "SE2321000057-VC01", "region", null);
        c.put("scope", "user/*.cruds");
        return TestTokens.token(c);
    }

    private static String citizen() {
        return AuthorizationMatrixIT.citizen("191212121212");
    }

    static HttpResponse<String> get(String path, String token, Map<String, String> headers) throws Exception {
        return send("GET", path, token, headers);
    }

    static HttpResponse<String> send(String method, String path, String token, Map<String, String> headers)
            throws Exception {
        String url = path.startsWith("http") ? path : STACK.gateway.fhirBase() + path;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + token);
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static MeasureReport report(String path) throws Exception {
        HttpResponse<String> r = get(path, analyst(), Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(MeasureReport.class, r.body());
    }

    private static Integer count(MeasureReport r, String population) {
        return r.getGroupFirstRep().getPopulation().stream()
                .filter(p -> population.equals(p.getCode().getCodingFirstRep().getCode()))
                .findFirst()
                .orElseThrow()
                .getCountElement()
                .getValue();
    }

    private static String code(HttpResponse<String> r) {
        assertThat(r.body())
                .as("an OperationOutcome (status %d)", r.statusCode())
                .contains("GATEWAY-");
        return FHIR.newJsonParser()
                .parseResource(OperationOutcome.class, r.body())
                .getIssueFirstRep()
                .getDetails()
                .getCodingFirstRep()
                .getCode();
    }

    @Test
    void events_on_kafka_become_a_monthly_report_with_the_month_ending_at_midnight_in_stockholm() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        count(report("/MeasureReport/complete-contracts-2025-03"), "denominator"))
                .isEqualTo(11));

        MeasureReport march = report("/MeasureReport/complete-contracts-2025-03");
        assertThat(count(march, "numerator")).isEqualTo(6);
        assertThat(march.getGroupFirstRep().getMeasureScore().getValue()).isEqualByComparingTo("0.5455");
        var micro = march.getGroupFirstRep().getStratifier().get(0).getStratum();
        assertThat(micro)
                .extracting(s -> s.getValue().getCodingFirstRep().getCode())
                .containsExactly(UNIT);
        MeasureReport april = report(
                "/Measure/complete-contracts/$evaluate-measure?periodStart=2025-04-01" + "&periodEnd=2025-04-30");
        assertThat(count(april, "denominator")).isEqualTo(12);
        assertThat(count(april, "numerator")).isEqualTo(7);
    }

    @Test
    void next_steps_due_are_counted_in_the_month_of_their_date_of_contracts_in_force_then() throws Exception {
        // The seven complete contracts each have a step booked for 1 April 2025 and never done; the one
        // agreed at 00:30 on 1 April (Stockholm) was in force by the end of that day.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        count(report("/MeasureReport/next-step-on-time-2025-04"), "denominator"))
                .isEqualTo(7));
        MeasureReport april = report("/MeasureReport/next-step-on-time-2025-04");
        assertThat(count(april, "numerator")).isZero();
        assertThat(count(report("/MeasureReport/next-step-on-time-2025-03"), "denominator"))
                .isZero();
    }

    @Test
    void an_unplanned_readmission_recorded_in_transition_service_reaches_the_measure_report() throws Exception {
        // One patient and kommun (Aneby) of its own in May 2025: a planned stay, then five unplanned
        // readmissions, each a few days after the discharge before it; the last one is still in hospital.
        // Five discharges in May, each followed by an unplanned admission: 5 of 5, no small cell.
        String patient = "19500606-9867";
        for (int i = 0; i < 6; i++) {
            LocalDate day = LocalDate.of(2025, 5, 1 + 5 * i);
            String id =
                    STACK.episodes.admit(patient, day.atTime(8, 0) + ":00Z", i == 0 ? "planned" : "unplanned", "0604");
            if (i < 5) {
                STACK.episodes.discharge(id, day.plusDays(2).atTime(10, 0) + ":00Z");
            }
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            MeasureReport may = report("/MeasureReport/readmission-30d-2025-05");
            assertThat(count(may, "denominator")).isEqualTo(5);
            assertThat(count(may, "numerator")).isEqualTo(5);
        });
        MeasureReport may = report("/MeasureReport/readmission-30d-2025-05");
        assertThat(may.getGroupFirstRep().getMeasureScore().getValue()).isEqualByComparingTo("1");
        assertThat(may.getMeasure()).isEqualTo("https://naravard.se/fhir/Measure/readmission-30d");
        assertThat(rows("SELECT count(*) FROM followup_episode WHERE admission_kind = 'unplanned'"))
                .isGreaterThanOrEqualTo(5);
        var meso = may.getGroupFirstRep().getStratifier().stream()
                .filter(x ->
                        "meso".equals(x.getCodeFirstRep().getCodingFirstRep().getCode()))
                .findFirst()
                .orElseThrow()
                .getStratum();
        assertThat(meso).extracting(x -> x.getValue().getText()).containsExactly("0604");
        assertThat(count(report("/MeasureReport/readmission-30d-2025-04"), "denominator"))
                .isZero();
    }

    @Test
    void the_services_events_reach_the_follow_up_store_as_pseudonymous_facts() throws Exception {
        String[] tables = {"followup_contract_version", "followup_sip_version", "followup_episode", "followup_next_step"
        };
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String table : tables) {
                assertThat(rows("SELECT count(*) FROM " + table)).as(table).isGreaterThan(0);
            }
        });
        for (String table : tables) {
            assertThat(rows("SELECT count(*) FROM " + table + " WHERE patient_key !~ '^[0-9a-f]{32}$'"))
                    .as("only patient keys in " + table)
                    .isZero();
        }
        assertThat(rows("SELECT count(*) FROM followup_acknowledgement")).isGreaterThan(0);
    }

    private static long rows(String sql) throws Exception {
        try (Connection c = STACK.gateway.database();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void a_period_that_is_not_one_month_is_refused_naming_the_parameter() throws Exception {
        HttpResponse<String> r = get(
                "/Measure/complete-contracts/$evaluate-measure?periodStart=2025-03-02&periodEnd=2025-03-31",
                analyst(),
                Map.of());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(code(r)).isEqualTo("GATEWAY-130");
        assertThat(r.body()).contains("http.periodStart");
        HttpResponse<String> search = get("/MeasureReport?measure=Measure/complete-contracts", analyst(), Map.of());
        assertThat(search.statusCode()).isEqualTo(400);
        assertThat(code(search)).isEqualTo("GATEWAY-132");
    }

    @Test
    void analysts_and_managers_read_the_aggregates_citizens_and_clinicians_are_refused() throws Exception {
        String[] paths = {
            "/Measure/complete-contracts",
            "/Measure",
            "/MeasureReport/consent-coverage-2025-03",
            "/MeasureReport?period=2025-03",
            "/Measure/acknowledgement-time/$evaluate-measure?periodStart=2025-03" + "&periodEnd=2025-03"
        };
        for (String path : paths) {
            assertThat(get(path, analyst(), Map.of()).statusCode())
                    .as("analyst " + path)
                    .isEqualTo(200);
            assertThat(get(path, manager(), Map.of()).statusCode())
                    .as("manager " + path)
                    .isEqualTo(200);
            HttpResponse<String> c = get(path, citizen(), Map.of());
            assertThat(c.statusCode()).as("citizen " + path).isEqualTo(403);
            assertThat(code(c)).isEqualTo("GATEWAY-133");
            HttpResponse<String> n = get(path, clinician(), Map.of());
            assertThat(n.statusCode()).as("clinician " + path).isEqualTo(403);
            assertThat(code(n)).isEqualTo("GATEWAY-133");
        }
    }

    @Test
    void an_analyst_exports_the_reports_kick_off_poll_download_and_nobody_else_may() throws Exception {
        // The export computes what the store holds when it runs: wait until this class's events are in
        // (the methods run in no set order).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        count(report("/MeasureReport/complete-contracts-2025-03"), "denominator"))
                .isEqualTo(11));
        Map<String, String> async = Map.of("Prefer", "respond-async");
        assertThat(code(get("/$export?_type=MeasureReport", analyst(), Map.of())))
                .isEqualTo("GATEWAY-135");
        for (String other : List.of(manager(), citizen(), clinician())) {
            HttpResponse<String> refused = get("/$export", other, async);
            assertThat(refused.statusCode()).isEqualTo(403);
        }
        assertThat(code(get("/$export", manager(), async))).isEqualTo("GATEWAY-134");

        HttpResponse<String> kickOff = get("/$export?_type=MeasureReport&_since=2025-03-01", analyst(), async);
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        String status = kickOff.headers().firstValue("Content-Location").orElseThrow();
        assertThat(status).contains("/$export-poll-status?_jobId=");

        HttpResponse<String> done = await().atMost(Duration.ofSeconds(60))
                .until(() -> get(status, analyst(), Map.of()), r -> {
                    if (r.statusCode() == 202) {
                        assertThat(r.headers().firstValue("X-Progress")).isPresent();
                        assertThat(r.headers().firstValue("Retry-After")).isPresent();
                    }
                    return r.statusCode() == 200;
                });
        JsonNode manifest = JSON.readTree(done.body());
        assertThat(manifest.get("requiresAccessToken").asBoolean()).isTrue();
        assertThat(manifest.get("output")).hasSize(1);
        String file = manifest.get("output").get(0).get("url").asText();
        assertThat(manifest.get("output").get(0).get("type").asText()).isEqualTo("MeasureReport");

        HttpResponse<String> ndjson = get(file, analyst(), Map.of("Accept", "application/fhir+ndjson"));
        assertThat(ndjson.statusCode()).isEqualTo(200);
        assertThat(ndjson.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/fhir+ndjson");
        Map<String, MeasureReport> reports = new HashMap<>();
        for (String line : ndjson.body().split("\n")) {
            MeasureReport r = FHIR.newJsonParser().parseResource(MeasureReport.class, line);
            reports.put(r.getIdPart(), r);
        }
        assertThat(reports).containsKey("complete-contracts-2025-03");
        assertThat(count(reports.get("complete-contracts-2025-03"), "denominator"))
                .isEqualTo(11);
        assertThat(ndjson.body()).doesNotContain("191212121212");

        // Another analyst's token sees neither the job nor its file; a citizen is refused outright.
        Map<String, Object> other = AccessRulesIT.staff("SE2321000057-A002", "SE2321000057-ANA1", "region", null);
        other.put("roles", List.of("analyst"));
        other.put("scope", "user/MeasureReport.rs");
        assertThat(get(status, TestTokens.token(other), Map.of()).statusCode()).isEqualTo(404);
        assertThat(get(file, TestTokens.token(other), Map.of()).statusCode()).isEqualTo(404);
        assertThat(get(file, citizen(), Map.of()).statusCode()).isEqualTo(403);

        // DELETE cancels: the job and its file are gone.
        assertThat(send("DELETE", status, analyst(), Map.of()).statusCode()).isEqualTo(202);
        assertThat(get(status, analyst(), Map.of()).statusCode()).isEqualTo(404);
        assertThat(get(file, analyst(), Map.of()).statusCode()).isEqualTo(404);
    }
}
