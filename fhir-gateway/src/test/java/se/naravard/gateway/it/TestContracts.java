package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Contracts drawn up through contract-service's real API, one in each status, with all four parts
 * filled (but one empty draft). Test people only (DOMAIN.md §6): Tolvan holds the active, revised
 * and completed contracts; each other status has its own patient.
 */
final class TestContracts {

    static final String PNR_SYSTEM = "http://electronichealth.se/identifier/personnummer";
    static final String SNR_SYSTEM = "http://electronichealth.se/identifier/samordningsnummer";
    static final String TOLVAN = "191212121212";
    static final String UNIT = "SE2321000057-VC01";
    static final String NURSE = "SE2321000057-N001";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Contract id by status ({@code draft}, …, {@code entered-in-error}, {@code empty-draft}). */
    final Map<String, String> ids = new LinkedHashMap<>();

    private final ServiceModuleProcess service;

    private TestContracts(ServiceModuleProcess service) {
        this.service = service;
    }

    static TestContracts create(ServiceModuleProcess service) {
        TestContracts t = new TestContracts(service);
        t.ids.put("draft", t.draw("19900602-2397"));
        String active = t.draw("19121212-1212");
        t.status(active, 1, "active", "Överenskommet vid besök");
        t.ids.put("active", active);
        String revised = t.draw("19121212-1212");
        t.status(revised, 1, "active", "Överenskommet vid besök");
        t.nextSteps(revised, 2);
        t.ids.put("revised", revised);
        String completed = t.draw("19121212-1212");
        t.status(completed, 1, "active", "Överenskommet vid besök");
        t.status(completed, 2, "completed", "Målen nådda");
        t.ids.put("completed", completed);
        String revoked = t.draw("19571230-2842");
        t.status(revoked, 1, "revoked", "Patienten avböjer");
        t.ids.put("revoked", revoked);
        String error = t.draw("20000102-2391");
        t.status(error, 1, "entered-in-error", "Fel patient");
        t.ids.put("entered-in-error", error);
        t.ids.put("empty-draft", t.drawEmpty("19701063-2391"));
        // Tolvan is listed with the unit (Patient.generalPractitioner), in a target group.
        t.list("19121212-1212", UNIT, "0680", "2026-01-01", "[\"frail-elderly\"]");
        return t;
    }

    /** Lists {@code person} with {@code unit} from {@code from} through contract-service's listing API. */
    void list(String person, String unit, String kommun, String from, String targetGroups) {
        String body = """
                {"person":"%s","unit":"%s","kommun":"%s","from":"%s","targetGroups":%s}"""
                .formatted(person, unit, kommun, from, targetGroups);
        HttpResponse<String> r = service.send("POST", "/listings", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private String draw(String patient) {
        return id(service.send("POST", "/contracts", createJson(patient)), 201);
    }

    private String drawEmpty(String patient) {
        String body = """
                {"patient":"%s","kommun":"0680","actor":%s,"parts":{}}"""
                .formatted(patient, actor());
        return id(service.send("POST", "/contracts", body), 201);
    }

    private void status(String id, int version, String status, String reason) {
        String body = "{\"status\":\"" + status + "\",\"actor\":" + actor() + ",\"reason\":\"" + reason + "\"}";
        id(service.send("POST", "/contracts/" + id + "/status", body, "If-Match", "\"" + version + "\""), 200);
    }

    private void nextSteps(String id, int version) {
        String body = "{\"part\":" + nextSteps("Nytt telefonsamtal", "PHONE", "PLANNED") + ",\"actor\":" + actor()
                + ",\"reason\":\"Ändrat efter samtal\"}";
        id(service.send("PUT", "/contracts/" + id + "/parts/nasta-steg", body, "If-Match", "\"" + version + "\""), 200);
    }

    private static String id(HttpResponse<String> r, int expected) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
        try {
            JsonNode node = JSON.readTree(r.body());
            return node.get("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String actor() {
        return "{\"person\":\"" + NURSE + "\",\"unit\":\"" + UNIT + "\"}";
    }

    static String createJson(String patient) {
        return """
                {"patient":"%s","kommun":"0680","actor":%s,"reason":"Nytt patientkontrakt",
                 "parts":{"sammanhallen-planering":%s,"fast-vardkontakt":%s,"fast-lakarkontakt":%s,"nasta-steg":%s}}"""
                .formatted(
                        patient,
                        actor(),
                        planning(),
                        vardkontakt(),
                        lakarkontakt(),
                        nextSteps("Uppföljande besök", "VISIT", "BOOKED"));
    }

    static String planning() {
        return """
                {"owner":"%s","goals":[{"text":"Kunna gå till affären själv"},{"text":"Bo kvar hemma"}],
                 "selfCare":["Promenad 20 minuter varje dag"],
                 "contacts":[{"name":"Vårdcentralen Öster","unit":"%s","role":"vårdcentral",
                              "path":{"phone":"036-100000","hours":"vardagar 8-17"}},
                             {"name":"Dottern","role":"närstående","path":{"phone":"070-0000000"}}],
                 "linkedPlans":[{"kind":"SIP","reference":"sip-2026-001"}],
                 "agreedOn":"2026-11-01"}"""
                .formatted(UNIT, UNIT);
    }

    static String vardkontakt() {
        return """
                {"owner":"%s","person":{"hsaId":"%s","name":"Sara Sjuksköterska","profession":"sjuksköterska"},
                 "unit":"%s","reach":{"phone":"036-100001","eService":"1177","hours":"vardagar 8-16"},
                 "from":"2026-11-01","appointedBy":"SE2321000057-VC00"}"""
                .formatted(UNIT, NURSE, UNIT);
    }

    static String lakarkontakt() {
        return """
                {"owner":"%s","physician":{"hsaId":"SE2321000057-L001","name":"Lars Läkare"},"vardcentral":"%s",
                 "from":"2026-11-01","booking":{"eService":"1177"}}"""
                .formatted(UNIT, UNIT);
    }

    static String nextSteps(String what, String how, String status) {
        return """
                {"owner":"%s","steps":[{"id":"s1","what":"%s","who":{"unit":"%s","name":"Sara"},
                 "date":"2026-12-01","how":"%s","status":"%s"},
                 {"id":"s2","what":"Hembesök","who":{"person":"%s","unit":"%s"},"date":"2026-12-05",
                  "windowEnd":"2026-12-09","how":"VISIT","status":"PLANNED"}]}"""
                .formatted(UNIT, what, UNIT, how, status, NURSE, UNIT);
    }
}
