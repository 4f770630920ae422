package se.naravard.sip.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SipApiIT extends SipServiceHarness {

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    se.naravard.platform.events.PatientKeys patientKeys;

    @Override
    protected URI baseUri() {
        return server.getURI();
    }

    @Test
    void a_sip_is_drawn_up_activated_and_its_consent_revoked_with_every_version_kept() throws IOException {
        String id = readyToActivate(SipJson.TOLVAN);
        String sip = "/sips/" + id;

        HttpResponse<String> active =
                accepted("POST", sip + "/status", SipJson.status("active", "Överens på SIP-mötet"), 7);
        assertThat(active.headers().firstValue("ETag")).hasValue("\"8\"");
        assertThat(status(map(active.body()))).isEqualTo("active");

        HttpResponse<String> revoked = accepted("POST", sip + "/consents/revocation", SipJson.revocation(), 8);
        Map<String, Object> current = map(revoked.body());
        assertThat(status(current)).as("revocation stops sharing, not the plan").isEqualTo("active");
        assertThat(list(current, "consents").get(0)).containsKey("revocation");

        List<Map<String, Object>> versions = list(map(get(sip + "/versions").body()), "versions");
        assertThat(versions)
                .extracting(v -> v.get("version") + " " + v.get("status") + " " + v.get("event"))
                .containsExactly(
                        "1 draft sip-drafted",
                        "2 draft sip-changed",
                        "3 draft sip-changed",
                        "4 draft consent-given",
                        "5 draft sip-changed",
                        "6 draft sip-changed",
                        "7 draft sip-changed",
                        "8 active sip-activated",
                        "9 active consent-revoked");
        assertThat(versions.get(8)).containsEntry("reason", "Personen återkallade sitt samtycke per telefon");
        assertThat(versions.get(8).get("changedBy").toString()).contains(SipJson.NURSE);

        Map<String, Object> first = map(get(sip + "/versions/1").body());
        assertThat(status(first)).isEqualTo("draft");
        assertThat(list(first, "participants")).hasSize(1);
        assertThat(get(sip + "/versions/42").statusCode()).isEqualTo(404);
    }

    @Test
    void goals_meetings_and_the_follow_up_result_are_recorded_and_the_sip_completed() throws IOException {
        String id = readyToActivate("19900602-2397");
        String sip = "/sips/" + id;
        accepted("POST", sip + "/status", SipJson.status("active", null), 7);
        accepted("POST", sip + "/goals", SipJson.goal("Bo kvar hemma"), 8);
        String plannedAt = Instant.now()
                .minus(1, ChronoUnit.HOURS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        accepted("POST", sip + "/meetings", SipJson.meeting("m1", plannedAt), 9);
        accepted("POST", sip + "/meetings/m1/held", SipJson.held(plannedAt, "person", "vc", "hemtjanst"), 10);
        accepted(
                "POST",
                sip + "/follow-up/result",
                "{\"result\":\"Insatserna fungerar\",\"actor\":" + SipJson.actor() + "}",
                11);

        HttpResponse<String> done =
                accepted("POST", sip + "/status", SipJson.status("completed", "Planen har tjänat sitt syfte"), 12);

        Map<String, Object> d = map(done.body());
        assertThat(status(d)).isEqualTo("completed");
        assertThat(list(d, "goals")).extracting(g -> g.get("text")).containsExactly("Bo kvar hemma");
        assertThat(list(d, "meetings").get(0).get("held").toString()).contains("hemtjanst");
        assertThat(list(d, "followUps").get(0).get("result").toString()).contains("Insatserna fungerar");
        assertThat(send("POST", sip + "/goals", SipJson.goal("Mer"), ifMatch(13))
                        .statusCode())
                .as("a completed SIP is closed")
                .isEqualTo(409);
    }

    @Test
    void an_objection_to_narstaende_takes_them_out_and_keeps_them_out() throws IOException {
        String id = idOf(post("/sips", SipJson.draft("19571230-2842")).body());
        String sip = "/sips/" + id;
        accepted("POST", sip + "/participants", SipJson.participant(SipJson.daughter()), 1);

        Map<String, Object> objected = map(accepted("PUT", sip + "/narstaende-objection", SipJson.objection(true), 2)
                .body());

        assertThat(objected.get("objectsToNarstaende")).isEqualTo(true);
        assertThat(list(objected, "participants")).extracting(p -> p.get("id")).containsExactly("person");
        HttpResponse<String> again =
                send("POST", sip + "/participants", SipJson.participant(SipJson.daughter()), ifMatch(3));
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.body()).contains("SIP-040").contains("\"/participant\"");
    }

    @Test
    void a_participants_details_change_in_place_on_the_current_version() throws IOException {
        String id = readyToActivate("19641120-9825");
        String sip = "/sips/" + id;
        accepted("POST", sip + "/participants", SipJson.participant(SipJson.daughter()), 7);
        String renamed = SipJson.participant(SipJson.daughter().replace("\"Anna\"", "\"Anna Berg\""));

        HttpResponse<String> noIfMatch = put(sip + "/participants/dotter", renamed);
        HttpResponse<String> stale = put(sip + "/participants/dotter", renamed, ifMatch(7));
        HttpResponse<String> otherKind = put(
                sip + "/participants/dotter",
                SipJson.participant("{\"kind\":\"OTHER\",\"name\":\"Anna\",\"organisation\":\"Skolan\"}"),
                ifMatch(8));
        HttpResponse<String> otherId = put(sip + "/participants/vc", renamed, ifMatch(8));
        HttpResponse<String> person = put(
                sip + "/participants/person",
                SipJson.participant("{\"id\":\"person\",\"kind\":\"PERSON\"}"),
                ifMatch(8));
        HttpResponse<String> otherUnit = put(
                sip + "/participants/vc",
                SipJson.participant(SipJson.regionUnit().replace(SipJson.REGION_UNIT, "SE2321000057-VC99")),
                ifMatch(8));

        assertThat(noIfMatch.statusCode()).isEqualTo(428);
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(otherKind.statusCode()).isEqualTo(422);
        assertThat(otherKind.body()).contains("SIP-089").contains("\"/participant/kind\"");
        assertThat(otherId.statusCode()).isEqualTo(422);
        assertThat(otherId.body()).contains("SIP-078").contains("\"/participant/id\"");
        assertThat(person.statusCode()).isEqualTo(422);
        assertThat(person.body()).contains("SIP-088");
        assertThat(otherUnit.statusCode()).isEqualTo(422);
        assertThat(otherUnit.body()).contains("SIP-089").contains("\"/participant/unit\"");

        HttpResponse<String> changed = accepted("PUT", sip + "/participants/dotter", renamed, 8);

        assertThat(changed.headers().firstValue("ETag")).hasValue("\"9\"");
        List<Map<String, Object>> participants = list(map(changed.body()), "participants");
        assertThat(participants).extracting(p -> p.get("id")).containsExactly("person", "vc", "hemtjanst", "dotter");
        assertThat(participants.get(3)).containsEntry("name", "Anna Berg").containsEntry("relation", "dotter");
        assertThat(list(map(get(sip + "/versions").body()), "versions").get(8)).containsEntry("event", "sip-changed");

        // An active SIP keeps its rules: its only municipal unit cannot become a region unit.
        accepted("POST", sip + "/status", SipJson.status("active", null), 9);
        HttpResponse<String> lost = put(
                sip + "/participants/hemtjanst",
                SipJson.participant(SipJson.municipalUnit().replace("MUNICIPALITY", "REGION")),
                ifMatch(10));
        assertThat(lost.statusCode()).isEqualTo(422);
        assertThat(lost.body()).contains("SIP-022");
        HttpResponse<String> contact = accepted(
                "PUT",
                sip + "/participants/vc",
                SipJson.participant(SipJson.regionUnit().replace("Sara Sjuksköterska", "Olle Omvårdnad")),
                10);
        assertThat(list(map(contact.body()), "participants").get(1)).containsEntry("contactName", "Olle Omvårdnad");
    }

    @Test
    void a_participant_is_removed_but_never_the_person() throws IOException {
        String id = idOf(post("/sips", SipJson.draft("20000102-2391")).body());
        String sip = "/sips/" + id;
        accepted("POST", sip + "/participants", SipJson.participant(SipJson.regionUnit()), 1);

        HttpResponse<String> removed = delete(sip + "/participants/vc", SipJson.plain("Fel enhet"), ifMatch(2));
        HttpResponse<String> person = delete(sip + "/participants/person", SipJson.plain(null), ifMatch(3));

        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(list(map(removed.body()), "participants")).hasSize(1);
        assertThat(person.statusCode()).isEqualTo(422);
        assertThat(person.body()).contains("SIP-043");
    }

    @Test
    void sips_are_found_by_person_status_and_kommun_and_paged() throws IOException {
        String draft = idOf(post("/sips", SipJson.draft("19810107-9294")).body());
        String cancelled = idOf(post("/sips", SipJson.draft("19810107-9294")).body());
        accepted("POST", "/sips/" + cancelled + "/status", SipJson.status("cancelled", "Personen vill inte"), 1);

        HttpResponse<String> found = post("/sips/search", "{\"person\":\"198101079294\"}");
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(list(map(found.body()), "sips"))
                .extracting(s -> s.get("id"))
                .containsExactlyInAnyOrder(draft, cancelled);
        String key = patientKeys.keyFor("http://electronichealth.se/identifier/personnummer", "198101079294");
        assertThat(list(map(get("/sips?patientKey=" + key).body()), "sips"))
                .extracting(s -> s.get("id"))
                .containsExactlyInAnyOrder(draft, cancelled);

        List<Map<String, Object>> byStatus =
                list(map(get("/sips?status=cancelled&kommun=0680").body()), "sips");
        assertThat(byStatus).extracting(s -> s.get("id")).contains(cancelled).doesNotContain(draft);
        assertThat(list(map(get("/sips?kommun=0180").body()), "sips")).isEmpty();

        Map<String, Object> page = map(get("/sips?limit=1").body());
        assertThat(list(page, "sips")).hasSize(1);
        assertThat(page.get("nextOffset")).isEqualTo(1);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(String body) throws IOException {
        return json.readValue(body, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        return (List<Map<String, Object>>) m.get(key);
    }

    @SuppressWarnings("unchecked")
    private static String status(Map<String, Object> sip) {
        return (String) ((Map<String, Object>) sip.get("status")).get("code");
    }
}
