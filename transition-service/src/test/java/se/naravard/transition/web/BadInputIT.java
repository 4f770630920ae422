package se.naravard.transition.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.naravard.transition.web.EpisodeJson.MUNICIPAL_UNIT;
import static se.naravard.transition.web.EpisodeJson.TOLVAN;

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
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every kind of bad input and every illegal sequence (DOMAIN.md §5) gets application/problem+json
 * with a stable code and the field at fault, and leaves the database exactly as it was (row counts
 * and versions of every table a write touches, the outbox included).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT extends TransitionServiceHarness {

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final Instant admitted = now.minusSeconds(7200);
    /** Admitted, with an inskrivningsmeddelande. */
    String open;

    UUID notice = UUID.randomUUID();
    /** Discharged. */
    String discharged;
    /** Utskrivningsklar notice sent, then cancelled by makulering. */
    String cancelled;

    UUID cancelledNotice = UUID.randomUUID();

    @Override
    protected URI baseUri() {
        return server.getURI();
    }

    @BeforeAll
    void episodes() throws IOException {
        open = admit();
        ok(post(
                "/episodes/" + open + "/messages",
                EpisodeJson.message(notice, "inskrivningsmeddelande", now.minusSeconds(600), null)));
        discharged = admit();
        ok(post("/episodes/" + discharged + "/discharge", EpisodeJson.discharge(now.minusSeconds(60))));
        cancelled = admit();
        ok(post(
                "/episodes/" + cancelled + "/messages",
                EpisodeJson.message(cancelledNotice, "utskrivningsklar", now.minusSeconds(900), null)));
        ok(post(
                "/episodes/" + cancelled + "/messages",
                EpisodeJson.message(
                        UUID.randomUUID(), "makulering", now.minusSeconds(800), cancelledNotice.toString())));
    }

    @Test
    void an_invalid_personnummer_is_refused_naming_the_patient_field() throws IOException {
        Problem p = refused(() -> post("/episodes", admitBody("19121212-1213")), 422);

        assertThat(p.firstError()).containsEntry("field", "/patient").containsEntry("code", "ID-PNR-006");
        assertThat(p.raw()).doesNotContain("121212");
    }

    @Test
    void an_unknown_kommun_is_refused() throws IOException {
        Problem p = refused(() -> post("/episodes", admitBody(TOLVAN).replace("\"0680\"", "\"0199\"")), 422);

        assertThat(p.firstError()).containsEntry("field", "/kommun").containsEntry("code", "ID-KOM-003");
    }

    @Test
    void an_admission_in_the_future_is_refused() throws IOException {
        String body = EpisodeJson.admit(TOLVAN, now.plusSeconds(3600), now.plusSeconds(3600), true);

        Problem p = refused(() -> post("/episodes", body), 422);

        assertThat(p.errors()).extracting(e -> e.get("field")).contains("/admittedAt", "/physicianAssessedAt");
        assertThat(p.firstError()).containsEntry("code", "TRANSITION-405");
    }

    // DOMAIN.md §5 step 1: the assessment belongs to the admission and cannot precede it.
    @Test
    void an_assessment_before_the_admission_is_refused() throws IOException {
        String body = EpisodeJson.admit(TOLVAN, now.minusSeconds(600), now.minusSeconds(1200), true);

        Problem p = refused(() -> post("/episodes", body), 422);

        assertThat(p.firstError())
                .containsEntry("field", "/physicianAssessedAt")
                .containsEntry("code", "TRANSITION-301");
    }

    @Test
    void a_time_without_an_offset_is_refused() throws IOException {
        String body = admitBody(TOLVAN).replace(admitted.toString(), "2026-03-02T08:00:00");

        Problem p = refused(() -> post("/episodes", body), 422);

        assertThat(p.firstError()).containsEntry("field", "/admittedAt").containsEntry("code", "TRANSITION-405");
    }

    @Test
    void an_unknown_admission_kind_is_refused_naming_the_field_and_the_allowed_codes() throws IOException {
        String body = EpisodeJson.admit(TOLVAN, admitted, admitted.plusSeconds(600), true, "akut");

        Problem p = refused(() -> post("/episodes", body), 422);

        assertThat(p.firstError()).containsEntry("field", "/admissionKind").containsEntry("code", "TRANSITION-406");
        assertThat((String) p.firstError().get("message")).contains("unplanned", "planned");
    }

    @Test
    void an_unknown_message_type_is_refused_listing_the_allowed_ones() throws IOException {
        Problem p = refused(() -> send(open, EpisodeJson.message("telegram", now.minusSeconds(10))), 422);

        assertThat(p.firstError()).containsEntry("field", "/type").containsEntry("code", "TRANSITION-406");
        assertThat((String) p.firstError().get("message")).contains("utskrivningsklar", "kallelse-sip");
    }

    // DOMAIN.md §5: utskrivningsklar before admission is an illegal sequence.
    @Test
    void utskrivningsklar_before_the_admission_is_refused() throws IOException {
        Problem p = refused(() -> send(open, EpisodeJson.message("utskrivningsklar", admitted.minusSeconds(60))), 422);

        assertThat(p.firstError()).containsEntry("field", "/sentAt").containsEntry("code", "TRANSITION-305");
    }

    // DOMAIN.md §5 step 4: a withdrawal needs an utskrivningsklar notice to withdraw.
    @Test
    void a_withdrawal_with_nothing_to_withdraw_is_refused_with_409() throws IOException {
        Problem p = refused(
                () -> send(open, EpisodeJson.message("atertagande-utskrivningsklar", now.minusSeconds(5))), 409);

        assertThat(p.firstError()).containsEntry("code", "TRANSITION-309");
    }

    @Test
    void a_second_discharge_is_refused_with_409() throws IOException {
        Problem p = refused(
                () -> post("/episodes/" + discharged + "/discharge", EpisodeJson.discharge(now.minusSeconds(30))), 409);

        assertThat(p.firstError()).containsEntry("field", "/at").containsEntry("code", "TRANSITION-314");
    }

    // Makulering: nothing may refer to a cancelled message any more.
    @Test
    void a_message_referring_to_a_cancelled_message_is_refused() throws IOException {
        String body = EpisodeJson.message(
                UUID.randomUUID(), "atertagande-utskrivningsklar", now.minusSeconds(5), cancelledNotice.toString());

        Problem p = refused(() -> send(cancelled, body), 409);

        assertThat(p.firstError()).containsEntry("field", "/refersTo").containsEntry("code", "TRANSITION-311");
    }

    @Test
    void the_same_message_id_with_other_content_is_refused_with_409() throws IOException {
        String body = EpisodeJson.message(notice, "planeringsunderlag", now.minusSeconds(5), null);

        Problem p = refused(() -> send(open, body), 409);

        assertThat(p.firstError()).containsEntry("field", "/id").containsEntry("code", "TRANSITION-307");
    }

    // Message ids are unique across episodes, so that a message (a FHIR Communication) is found by id.
    @Test
    void a_message_id_recorded_in_another_episode_is_refused_with_409() throws IOException {
        String body = EpisodeJson.message(notice, "planeringsunderlag", now.minusSeconds(60), null);

        Problem p = refused(() -> send(cancelled, body), 409);

        assertThat(p.firstError()).containsEntry("field", "/id").containsEntry("code", "TRANSITION-307");
    }

    @Test
    void a_malformed_message_or_task_id_filter_is_400_naming_the_parameter() throws IOException {
        Problem byMessage = refused(() -> get("/episodes?messageId=not-a-uuid"), 400);
        Problem byTask = refused(() -> get("/episodes?taskId=42"), 400);

        assertThat(byMessage.firstError()).containsEntry("field", "/messageId").containsEntry("code", "TRANSITION-409");
        assertThat(byTask.firstError()).containsEntry("field", "/taskId").containsEntry("code", "TRANSITION-409");
    }

    @Test
    void a_message_without_addressees_is_refused() throws IOException {
        String body = EpisodeJson.message("planeringsunderlag", now.minusSeconds(5))
                .replaceAll("\"addressees\":\\[.*?\\}\\]", "\"addressees\":[]");

        Problem p = refused(() -> send(open, body), 422);

        assertThat(p.firstError()).containsEntry("field", "/addressees").containsEntry("code", "TRANSITION-303");
    }

    @Test
    void an_unknown_field_inside_an_addressee_is_refused_with_its_full_pointer() throws IOException {
        String body = EpisodeJson.message("planeringsunderlag", now.minusSeconds(5))
                .replace("{\"kind\":\"municipal\"", "{\"colour\":\"blue\",\"kind\":\"municipal\"");

        Problem p = refused(() -> send(open, body), 422);

        assertThat(p.firstError())
                .containsEntry("field", "/addressees/0/colour")
                .containsEntry("code", "TRANSITION-403");
    }

    @Test
    void an_invalid_sender_hsa_id_is_refused() throws IOException {
        String body = EpisodeJson.message("planeringsunderlag", now.minusSeconds(5))
                .replace("\"sender\":\"" + EpisodeJson.WARD + "\"", "\"sender\":\"not an hsa id\"");

        Problem p = refused(() -> send(open, body), 422);

        assertThat(p.firstError()).containsEntry("field", "/sender");
        assertThat((String) p.firstError().get("code")).startsWith("ID-HSA-");
    }

    @Test
    void an_unknown_receipt_status_is_refused() throws IOException {
        Problem p = refused(() -> receipt(open, notice, EpisodeJson.receipt(MUNICIPAL_UNIT, "lost", now, null)), 422);

        assertThat(p.firstError()).containsEntry("field", "/status").containsEntry("code", "TRANSITION-406");
    }

    @Test
    void a_fatal_error_receipt_needs_a_reason() throws IOException {
        Problem p = refused(
                () -> receipt(open, notice, EpisodeJson.receipt(MUNICIPAL_UNIT, "fatal-error", now, null)), 422);

        assertThat(p.firstError()).containsEntry("code", "TRANSITION-317");
    }

    @Test
    void a_receipt_from_a_unit_that_was_not_addressed_is_refused() throws IOException {
        Problem p =
                refused(() -> receipt(open, notice, EpisodeJson.receipt("SE2120000829-OTHER", "ok", now, null)), 422);

        assertThat(p.firstError()).containsEntry("code", "TRANSITION-316");
    }

    @Test
    void a_receipt_for_an_unknown_message_is_404() throws IOException {
        Problem p = refused(
                () -> receipt(open, UUID.randomUUID(), EpisodeJson.receipt(MUNICIPAL_UNIT, "ok", now, null)), 404);

        assertThat(p.code()).isEqualTo("TRANSITION-408");
    }

    @Test
    void a_missing_actor_is_refused() throws IOException {
        String body = admitBody(TOLVAN).replace(",\"actor\":" + EpisodeJson.actor(), "");

        Problem p = refused(() -> post("/episodes", body), 422);

        assertThat(p.firstError()).containsEntry("field", "/actor").containsEntry("code", "TRANSITION-404");
    }

    @Test
    void an_unknown_top_level_field_is_refused_naming_it() throws IOException {
        String body = admitBody(TOLVAN).replaceFirst("\\{", "{\"colour\":\"blue\",");

        Problem p = refused(() -> post("/episodes", body), 400);

        assertThat(p.firstError()).containsEntry("field", "/colour").containsEntry("code", "REQUEST-002");
    }

    @Test
    void a_change_based_on_a_stale_version_is_refused_with_412() throws IOException {
        Problem p = refused(
                () -> post(
                        "/episodes/" + open + "/messages",
                        EpisodeJson.message("planeringsunderlag", now.minusSeconds(5)),
                        "If-Match",
                        "\"1\""),
                412);

        assertThat(p.firstError()).containsEntry("field", "If-Match").containsEntry("code", "TRANSITION-402");
    }

    @Test
    void a_body_over_the_size_limit_is_refused_with_413() throws IOException {
        String huge = admitBody(TOLVAN)
                .replace("\"needsBothPrincipals\"", "\"x\":\"" + "x".repeat(70_000) + "\",\"needsBothPrincipals\"");

        Problem p = refused(() -> post("/episodes", huge), 413);

        assertThat(p.code()).isEqualTo("REQUEST-413");
    }

    @Test
    void malformed_json_is_refused() throws IOException {
        Problem p = refused(() -> post("/episodes", "{\"patient\": "), 400);

        assertThat(p.code()).startsWith("REQUEST-");
    }

    @Test
    void an_unknown_episode_is_404_problem() throws IOException {
        Problem p = refused(() -> get("/episodes/8d3f6b0e-0000-4000-8000-000000000000"), 404);

        assertThat(p.code()).isEqualTo("TRANSITION-401");
    }

    @Test
    void bad_paging_and_unknown_filters_are_refused() throws IOException {
        Problem p = refused(() -> get("/tasks?state=late&limit=1000"), 422);

        assertThat(p.errors()).extracting(e -> e.get("field")).containsExactlyInAnyOrder("/limit", "/state");
    }

    @Test
    void a_bad_month_is_refused() throws IOException {
        Problem p = refused(() -> get("/liability/0680/2026-13"), 422);

        assertThat(p.firstError()).containsEntry("field", "/month").containsEntry("code", "TRANSITION-405");
    }

    private String admitBody(String patient) {
        return EpisodeJson.admit(patient, admitted, admitted.plusSeconds(600), true);
    }

    private String admit() throws IOException {
        var created = post("/episodes", admitBody(TOLVAN));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return (String) json.readValue(created.body(), Map.class).get("id");
    }

    private HttpResponse<String> send(String episode, String body) {
        return post("/episodes/" + episode + "/messages", body);
    }

    private HttpResponse<String> receipt(String episode, UUID message, String body) {
        return post("/episodes/" + episode + "/messages/" + message + "/receipts", body);
    }

    private static void ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
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
