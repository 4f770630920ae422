package se.naravard.sip.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every kind of bad input gets application/problem+json with a stable code and the field at fault,
 * and leaves the database exactly as it was (row counts and versions of every table a write touches,
 * the outbox included).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT extends SipServiceHarness {

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    /** A draft at version 1 with only the person. */
    String draft;

    /** An active SIP at version 8. */
    String ready;

    /** A draft at version 2 with one intervention that has no responsible. */
    String incomplete;

    @Override
    protected URI baseUri() {
        return server.getURI();
    }

    @BeforeAll
    void storedSips() {
        HttpResponse<String> created = post("/sips", SipJson.draft(SipJson.TOLVAN));
        assertThat(created.statusCode()).isEqualTo(201);
        draft = "/sips/" + idOf(created.body());
        ready = "/sips/" + readyToActivate("19900602-2397");
        accepted("POST", ready + "/status", SipJson.status("active", null), 7);
        String noResponsible = SipJson.interventionJson()
                .replace("\"responsiblePrincipal\":\"MUNICIPALITY\",", "")
                .replace("\"responsibleUnit\":\"" + SipJson.MUNICIPAL_UNIT + "\",", "");
        incomplete =
                "/sips/" + idOf(post("/sips", SipJson.draft("19571230-2842")).body());
        accepted("PUT", incomplete + "/interventions/i1", SipJson.intervention(noResponsible), 1);
    }

    @Test
    void an_invalid_personnummer_is_refused_naming_the_person_field() throws IOException {
        Problem p = refused(() -> post("/sips", SipJson.draft("19121212-1213")), 422);

        assertThat(p.firstError()).containsEntry("field", "/person").containsEntry("code", "ID-PNR-006");
        assertThat(p.raw()).doesNotContain("121212");
    }

    @Test
    void an_unknown_kommun_is_refused() throws IOException {
        Problem p = refused(() -> post("/sips", SipJson.draft(SipJson.TOLVAN).replace("\"0680\"", "\"0199\"")), 422);

        assertThat(p.firstError()).containsEntry("field", "/kommun").containsEntry("code", "ID-KOM-003");
    }

    @Test
    void a_missing_actor_is_refused() throws IOException {
        Problem p = refused(() -> post("/sips", "{\"person\":\"" + SipJson.TOLVAN + "\",\"kommun\":\"0680\"}"), 422);

        assertThat(p.firstError()).containsEntry("field", "/actor").containsEntry("code", "SIP-001");
    }

    @Test
    void an_unknown_field_inside_the_actor_is_refused_with_its_full_pointer() throws IOException {
        String body = SipJson.draft(SipJson.TOLVAN).replace("\"actor\":{", "\"actor\":{\"role\":\"admin\",");

        Problem p = refused(() -> post("/sips", body), 422);

        assertThat(p.firstError()).containsEntry("field", "/actor/role").containsEntry("code", "SIP-075");
    }

    @Test
    void an_unknown_top_level_field_is_refused_naming_it() throws IOException {
        String body = SipJson.draft(SipJson.TOLVAN).replaceFirst("\\{", "{\"colour\":\"blue\",");

        Problem p = refused(() -> post("/sips", body), 400);

        assertThat(p.firstError()).containsEntry("field", "/colour").containsEntry("code", "REQUEST-002");
    }

    @Test
    void an_unknown_field_inside_a_participant_is_refused_with_its_full_pointer() throws IOException {
        String participant = SipJson.regionUnit().replaceFirst("\\{", "{\"nickname\":\"VC\",");

        Problem p = refused(() -> post(draft + "/participants", SipJson.participant(participant), ifMatch(1)), 422);

        assertThat(p.firstError())
                .containsEntry("field", "/participant/nickname")
                .containsEntry("code", "SIP-075");
    }

    @Test
    void unknown_codes_and_a_bad_hsa_id_in_a_participant_are_all_reported() throws IOException {
        String participant = SipJson.regionUnit()
                .replace("\"PRIMARY_CARE\"", "\"DENTIST\"")
                .replace("\"REGION\"", "\"COUNTY\"")
                .replace(SipJson.REGION_UNIT, "SE2321000057-Å1");

        Problem p = refused(() -> post(draft + "/participants", SipJson.participant(participant), ifMatch(1)), 422);

        assertThat(p.errors())
                .extracting(e -> e.get("field") + " " + e.get("code"))
                .containsExactlyInAnyOrder(
                        "/participant/principal SIP-077", "/participant/unit ID-HSA-003", "/participant/role SIP-077");
    }

    @Test
    void a_refusal_of_the_domain_points_into_the_request_body() throws IOException {
        String other = "{\"id\":\"skola\",\"kind\":\"OTHER\",\"organisation\":\"Skolan\"}";

        Problem p = refused(() -> post(draft + "/participants", SipJson.participant(other), ifMatch(1)), 422);

        assertThat(p.firstError()).containsEntry("field", "/participant/name").containsEntry("code", "SIP-001");
    }

    @Test
    void an_unparsable_consent_time_is_refused() throws IOException {
        String bad = SipJson.consentJson().replace("{\"scope\"", "{\"from\":\"igår\",\"scope\"");

        Problem p = refused(() -> post(draft + "/consents", SipJson.consent(bad), ifMatch(1)), 422);

        assertThat(p.firstError()).containsEntry("field", "/consent/from").containsEntry("code", "SIP-076");
    }

    @Test
    void an_unknown_field_inside_the_consent_scope_is_refused() throws IOException {
        String bad = SipJson.consentJson().replace("{\"what\"", "{\"purpose\":\"x\",\"what\"");

        Problem p = refused(() -> post(draft + "/consents", SipJson.consent(bad), ifMatch(1)), 422);

        assertThat(p.firstError())
                .containsEntry("field", "/consent/scope/purpose")
                .containsEntry("code", "SIP-075");
    }

    @Test
    void a_consent_period_ending_before_it_starts_is_refused() throws IOException {
        String bad =
                """
                {"scope":{"what":"Hela planen","organisations":["%s"]},
                 "from":"2026-12-01T00:00:00Z","to":"2026-11-01T00:00:00Z"}"""
                        .formatted(SipJson.MUNICIPAL_UNIT);

        Problem p = refused(() -> post(draft + "/consents", SipJson.consent(bad), ifMatch(1)), 422);

        assertThat(p.firstError()).containsEntry("field", "/consent/to").containsEntry("code", "SIP-030");
    }

    @Test
    void a_consent_naming_participants_not_in_the_sip_is_refused() throws IOException {
        Problem p = refused(() -> post(draft + "/consents", SipJson.consent(SipJson.consentJson()), ifMatch(1)), 422);

        assertThat(p.errors())
                .extracting(e -> e.get("field") + " " + e.get("code"))
                .contains("/consent/scope/participants SIP-042");
    }

    @Test
    void revoking_without_a_consent_is_refused() throws IOException {
        Problem p = refused(() -> post(draft + "/consents/revocation", SipJson.revocation(), ifMatch(1)), 422);

        assertThat(p.firstError()).containsEntry("field", "/consents").containsEntry("code", "SIP-032");
    }

    @Test
    void activation_is_refused_listing_every_rule_not_met() throws IOException {
        Problem p = refused(() -> post(incomplete + "/status", SipJson.status("active", null), ifMatch(2)), 422);

        assertThat(p.errors())
                .extracting(e -> e.get("code") + " " + e.get("field"))
                .containsExactly(
                        "SIP-020 /consents",
                        "SIP-021 /participants",
                        "SIP-022 /participants",
                        "SIP-023 /interventions/0",
                        "SIP-024 /overallResponsibility",
                        "SIP-025 /followUps");
    }

    @Test
    void a_change_that_would_break_an_active_sip_is_refused() throws IOException {
        String noUnit =
                SipJson.interventionJson().replace("\"responsibleUnit\":\"" + SipJson.MUNICIPAL_UNIT + "\",", "");

        Problem p =
                refused(() -> put(ready + "/interventions/hemtjanst-1", SipJson.intervention(noUnit), ifMatch(8)), 422);

        assertThat(p.firstError()).containsEntry("field", "/interventions/0").containsEntry("code", "SIP-023");
    }

    @Test
    void the_participant_who_follows_up_cannot_be_removed() throws IOException {
        Problem p = refused(() -> delete(ready + "/participants/vc", SipJson.plain(null), ifMatch(8)), 422);

        assertThat(p.firstError()).containsEntry("code", "SIP-045");
    }

    @Test
    void an_illegal_status_change_is_refused_with_409() throws IOException {
        Problem p = refused(() -> post(draft + "/status", SipJson.status("completed", null), ifMatch(1)), 409);

        assertThat(p.firstError()).containsEntry("field", "/status").containsEntry("code", "SIP-011");
        assertThat((String) p.firstError().get("message")).contains("draft").contains("completed");
    }

    @Test
    void an_unknown_status_is_refused() throws IOException {
        Problem p = refused(() -> post(draft + "/status", SipJson.status("paused", null), ifMatch(1)), 422);

        assertThat(p.firstError()).containsEntry("field", "/status").containsEntry("code", "SIP-072");
    }

    @Test
    void cancelling_without_a_reason_is_refused() throws IOException {
        Problem p = refused(() -> post(draft + "/status", SipJson.status("cancelled", null), ifMatch(1)), 422);

        assertThat(p.firstError()).containsEntry("field", "/reason").containsEntry("code", "SIP-012");
    }

    @Test
    void a_follow_up_in_the_past_is_refused() throws IOException {
        Problem p = refused(() -> put(draft + "/follow-up", SipJson.followUp("2020-01-01", "person"), ifMatch(1)), 422);

        assertThat(p.firstError()).containsEntry("field", "/date").containsEntry("code", "SIP-026");
    }

    @Test
    void a_change_based_on_a_stale_version_is_refused_with_412() throws IOException {
        Problem p = refused(() -> post(draft + "/goals", SipJson.goal("Bo kvar hemma"), ifMatch(7)), 412);

        assertThat(p.firstError()).containsEntry("field", "If-Match").containsEntry("code", "SIP-070");
    }

    @Test
    void a_change_without_if_match_is_refused_with_428() throws IOException {
        Problem p = refused(() -> post(draft + "/goals", SipJson.goal("Bo kvar hemma")), 428);

        assertThat(p.firstError()).containsEntry("field", "If-Match").containsEntry("code", "SIP-071");
    }

    @Test
    void bad_paging_is_refused() throws IOException {
        Problem p = refused(() -> get("/sips?limit=1000&offset=-1"), 422);

        assertThat(p.errors())
                .extracting(e -> e.get("field") + " " + e.get("code"))
                .containsExactly("/limit SIP-073", "/offset SIP-073");
    }

    @Test
    void a_search_for_an_unknown_status_is_refused() throws IOException {
        Problem p = refused(() -> post("/sips/search", "{\"status\":\"paused\"}"), 422);

        assertThat(p.firstError()).containsEntry("field", "/status").containsEntry("code", "SIP-072");
    }

    @Test
    void a_body_over_the_size_limit_is_refused_with_413() throws IOException {
        String huge = SipJson.draft(SipJson.TOLVAN).replace("Behov av insatser", "x".repeat(300_000));

        Problem p = refused(() -> post("/sips", huge), 413);

        assertThat(p.code()).isEqualTo("REQUEST-413");
    }

    @Test
    void malformed_json_is_refused() throws IOException {
        Problem p = refused(() -> post("/sips", "{\"person\": "), 400);

        assertThat(p.code()).startsWith("REQUEST-");
    }

    @Test
    void an_unknown_sip_is_404_problem() throws IOException {
        Problem p = refused(() -> get("/sips/8d3f6b0e-0000-4000-8000-000000000000"), 404);

        assertThat(p.code()).isEqualTo("SIP-074");
    }

    /** Sends, and checks status, media type, and that nothing was written. */
    private Problem refused(Supplier<HttpResponse<String>> call, int status) throws IOException {
        String before = footprint();
        HttpResponse<String> r = call.get();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(footprint()).as("nothing stored changed").isEqualTo(before);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = json.readValue(r.body(), Map.class);
        assertThat(body).containsEntry("status", status).containsKeys("type", "title", "code");
        return new Problem(body, r.body());
    }

    record Problem(Map<String, Object> body, String raw) {
        String code() {
            return (String) body.get("code");
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors() {
            return (List<Map<String, Object>>) body.get("errors");
        }

        Map<String, Object> firstError() {
            assertThat(errors()).as(raw).isNotEmpty();
            return errors().get(0);
        }
    }
}
