package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Inpatient episodes recorded through transition-service's real API (docs/transition-api.md), one in
 * each status, with messages, receipts, a makulering and an återtagande. Times lie in the past, in
 * order. Tolvan holds the utskrivningsklar, discharged and admitted episodes; the closed one is another
 * test person's.
 */
final class TestEpisodes {

    static final String HOSPITAL = "SE2321000057-AVD1";
    static final String MUNICIPAL = "SE2120000530-HT01";
    static final String PRIMARY = "SE2321000057-VC01";
    static final String OTHER_PATIENT = "19571230-2842";
    /** A test personnummer with an inpatient episode and no contract (Skatteverket's 980–999 series). */
    static final String EPISODE_ONLY_PATIENT = "19400105-9874";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Episode id by status ({@code admitted}, {@code utskrivningsklar}, {@code discharged}, {@code closed}). */
    final Map<String, String> ids = new LinkedHashMap<>();

    /** The cancelled planeringsunderlag of the utskrivningsklar episode. */
    String cancelledMessage;

    private final ServiceModuleProcess service;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private TestEpisodes(ServiceModuleProcess service) {
        this.service = service;
    }

    static TestEpisodes create(ServiceModuleProcess service) {
        TestEpisodes t = new TestEpisodes(service);
        String e = t.admit("19121212-1212", ago(Duration.ofDays(3)), "unplanned");
        String notice =
                t.message(e, "inskrivningsmeddelande", ago(Duration.ofDays(3).minusHours(2)), null, true);
        t.receipt(
                e, notice, MUNICIPAL, "ok", ago(Duration.ofDays(3).minusHours(2).minusMinutes(1)));
        t.receipt(
                e,
                notice,
                PRIMARY,
                "fatal-error",
                ago(Duration.ofDays(3).minusHours(2).minusMinutes(2)));
        String underlag = t.message(e, "planeringsunderlag", ago(Duration.ofDays(2)), null, false);
        t.message(e, "makulering", ago(Duration.ofDays(2).minusHours(1)), underlag, false);
        t.cancelledMessage = underlag;
        String klar = t.message(e, "utskrivningsklar", ago(Duration.ofDays(1)), null, false);
        t.message(e, "atertagande-utskrivningsklar", ago(Duration.ofDays(1).minusHours(1)), klar, false);
        t.message(e, "utskrivningsklar", ago(Duration.ofHours(2)), null, false);
        t.ids.put("utskrivningsklar", e);

        String d = t.admit("19121212-1212", ago(Duration.ofDays(5)), "planned");
        t.message(d, "inskrivningsmeddelande", ago(Duration.ofDays(5).minusHours(1)), null, true);
        t.message(d, "utskrivningsklar", ago(Duration.ofDays(4)), null, false);
        t.message(d, "utskrivningsmeddelande", ago(Duration.ofHours(3)), null, true);
        t.discharge(d, ago(Duration.ofHours(2)));
        t.ids.put("discharged", d);

        String c = t.admit(OTHER_PATIENT, ago(Duration.ofDays(2)));
        t.message(c, "inskrivningsmeddelande", ago(Duration.ofDays(2).minusHours(1)), null, true);
        t.message(c, "patient-avliden", ago(Duration.ofHours(1)), null, false);
        t.ids.put("closed", c);

        t.ids.put("admitted", t.admit("19121212-1212", ago(Duration.ofHours(30))));
        t.ids.put("no-contract", t.admit(EPISODE_ONLY_PATIENT, ago(Duration.ofHours(5))));
        return t;
    }

    private static String ago(Duration d) {
        return Instant.now().minus(d).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    String admit(String patient, String at) {
        return admit(patient, at, null);
    }

    String admit(String patient, String at, String kind) {
        return admit(patient, at, kind, "0680");
    }

    /** {@code kind}: the admission's {@code admissionKind} (unplanned, planned), or null: not said. */
    String admit(String patient, String at, String kind, String kommun) {
        ObjectNode body = JSON.createObjectNode()
                .put("patient", patient)
                .put("admittingUnit", HOSPITAL)
                .put("kommun", kommun)
                .put("admittedAt", at)
                .put("physicianAssessedAt", Instant.parse(at).plusSeconds(1800).toString())
                .put(
                        "expectedDischargeDate",
                        now.plus(Duration.ofDays(3)).toString().substring(0, 10))
                .put("needsBothPrincipals", true)
                .put("mayNeedHelpAfterDischarge", true);
        if (kind != null) {
            body.put("admissionKind", kind);
        }
        body.set("actor", actor());
        return id(service.send("POST", "/episodes", body.toString()), 201);
    }

    /** Records a message with a client-chosen id; {@code both}: to the municipal and the primary-care unit. */
    String message(String episode, String type, String sentAt, String refersTo, boolean both) {
        String id = UUID.randomUUID().toString();
        ObjectNode body = JSON.createObjectNode()
                .put("id", id)
                .put("type", type)
                .put("sentAt", sentAt)
                .put("sender", HOSPITAL);
        ArrayNode to = body.putArray("addressees");
        to.addObject().put("kind", "municipal").put("unit", MUNICIPAL).put("kommun", "0680");
        if (both) {
            to.addObject().put("kind", "primary-care").put("unit", PRIMARY);
        }
        if (refersTo != null) {
            body.put("refersTo", refersTo);
        }
        body.set("actor", actor());
        expect(service.send("POST", "/episodes/" + episode + "/messages", body.toString()), 201);
        return id;
    }

    private void receipt(String episode, String message, String addressee, String status, String at) {
        ObjectNode body = JSON.createObjectNode()
                .put("addressee", addressee)
                .put("status", status)
                .put("at", at)
                .put("kind", "automatic");
        if (!status.equals("ok")) {
            body.put("reason", "Mottagaren är okänd");
        }
        body.set(
                "actor",
                JSON.createObjectNode().put("person", "SE2120000530-S001").put("unit", addressee));
        expect(
                service.send("POST", "/episodes/" + episode + "/messages/" + message + "/receipts", body.toString()),
                201);
    }

    void discharge(String episode, String at) {
        ObjectNode body = JSON.createObjectNode().put("at", at);
        body.set("actor", actor());
        expect(service.send("POST", "/episodes/" + episode + "/discharge", body.toString()), 200);
    }

    private static ObjectNode actor() {
        return JSON.createObjectNode().put("person", "SE2321000057-N001").put("unit", HOSPITAL);
    }

    private static void expect(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isIn(status, 200, 201);
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
}
