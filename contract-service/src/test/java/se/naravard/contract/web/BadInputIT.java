package se.naravard.contract.web;

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
class BadInputIT extends ContractServiceHarness {

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    String id;

    @Override
    protected URI baseUri() {
        return server.getURI();
    }

    @BeforeAll
    void aStoredContract() throws IOException {
        HttpResponse<String> created = post("/contracts", ContractJson.create(ContractJson.TOLVAN));
        assertThat(created.statusCode()).isEqualTo(201);
        id = (String) json.readValue(created.body(), Map.class).get("id");
    }

    @Test
    void an_invalid_personnummer_is_refused_naming_the_patient_field() throws IOException {
        String body = ContractJson.create("19121212-1213");

        Problem p = refused(() -> post("/contracts", body), 422);

        assertThat(p.firstError()).containsEntry("field", "/patient").containsEntry("code", "ID-PNR-006");
        assertThat(p.raw()).doesNotContain("121212");
    }

    @Test
    void an_unknown_kommun_is_refused() throws IOException {
        String body = ContractJson.create(ContractJson.TOLVAN).replace("\"0680\"", "\"0199\"");

        Problem p = refused(() -> post("/contracts", body), 422);

        assertThat(p.firstError()).containsEntry("field", "/kommun").containsEntry("code", "ID-KOM-003");
    }

    @Test
    void an_unknown_part_in_the_body_is_refused_naming_it() throws IOException {
        String body = ContractJson.create(ContractJson.TOLVAN).replace("\"nasta-steg\":", "\"fast-tandlakare\":");

        Problem p = refused(() -> post("/contracts", body), 422);

        assertThat(p.firstError())
                .containsEntry("field", "/parts/fast-tandlakare")
                .containsEntry("code", "CONTRACT-032");
    }

    @Test
    void an_unknown_part_in_the_path_is_refused() throws IOException {
        Problem p = refused(
                () -> put(
                        "/contracts/" + id + "/parts/fast-tandlakare", ContractJson.putPart("{}"), "If-Match", "\"1\""),
                422);

        assertThat(p.firstError()).containsEntry("field", "/part").containsEntry("code", "CONTRACT-032");
    }

    @Test
    void an_unknown_top_level_field_is_refused_naming_it() throws IOException {
        String body = ContractJson.create(ContractJson.TOLVAN).replaceFirst("\\{", "{\"colour\":\"blue\",");

        Problem p = refused(() -> post("/contracts", body), 400);

        assertThat(p.firstError()).containsEntry("field", "/colour").containsEntry("code", "REQUEST-002");
    }

    @Test
    void an_unknown_field_inside_a_part_is_refused_with_its_full_pointer() throws IOException {
        String part = ContractJson.vardkontakt().replaceFirst("\\{", "{\"nickname\":\"Sassa\",");

        Problem p = refused(
                () -> put(
                        "/contracts/" + id + "/parts/fast-vardkontakt",
                        ContractJson.putPart(part),
                        "If-Match",
                        "\"1\""),
                422);

        assertThat(p.firstError()).containsEntry("field", "/part/nickname").containsEntry("code", "CONTRACT-033");
    }

    @Test
    void a_next_step_done_in_the_future_is_refused_naming_its_completion_time() throws IOException {
        String part = ContractJson.nextSteps()
                .replace("\"status\":\"BOOKED\"", "\"status\":\"DONE\",\"completedAt\":\"2999-01-01T10:00:00+01:00\"");

        Problem p = refused(
                () -> put("/contracts/" + id + "/parts/nasta-steg", ContractJson.putPart(part), "If-Match", "\"1\""),
                422);

        assertThat(p.firstError())
                .containsEntry("field", "/part/steps/0/completedAt")
                .containsEntry("code", "CONTRACT-008");
    }

    @Test
    void a_completion_time_before_the_contract_existed_or_unreadable_is_refused() throws IOException {
        String before = ContractJson.nextSteps()
                .replace("\"status\":\"BOOKED\"", "\"status\":\"DONE\",\"completedAt\":\"2020-01-01T10:00:00Z\"");
        String unreadable = ContractJson.nextSteps()
                .replace("\"status\":\"BOOKED\"", "\"status\":\"DONE\",\"completedAt\":\"igår\"");

        Problem early = refused(
                () -> put("/contracts/" + id + "/parts/nasta-steg", ContractJson.putPart(before), "If-Match", "\"1\""),
                422);
        Problem garbled = refused(
                () -> put(
                        "/contracts/" + id + "/parts/nasta-steg",
                        ContractJson.putPart(unreadable),
                        "If-Match",
                        "\"1\""),
                422);

        assertThat(early.firstError())
                .containsEntry("field", "/part/steps/0/completedAt")
                .containsEntry("code", "CONTRACT-008");
        assertThat(garbled.firstError())
                .containsEntry("field", "/part/steps/0/completedAt")
                .containsEntry("code", "CONTRACT-042");
    }

    @Test
    void an_unknown_field_inside_the_actor_is_refused_with_its_full_pointer() throws IOException {
        String body = ContractJson.create(ContractJson.TOLVAN).replace("\"actor\":{", "\"actor\":{\"role\":\"admin\",");

        Problem p = refused(() -> post("/contracts", body), 422);

        assertThat(p.firstError()).containsEntry("field", "/actor/role").containsEntry("code", "CONTRACT-037");
    }

    @Test
    void a_missing_actor_is_refused() throws IOException {
        String body = ContractJson.create(ContractJson.TOLVAN).replace("\"actor\":" + ContractJson.actor() + ",", "");

        Problem p = refused(() -> post("/contracts", body), 422);

        assertThat(p.firstError()).containsEntry("field", "/actor").containsEntry("code", "CONTRACT-001");
    }

    @Test
    void an_invalid_hsa_id_and_an_invalid_date_inside_a_part_are_both_reported() throws IOException {
        String part = ContractJson.vardkontakt()
                .replace(ContractJson.NURSE, "SE2321000057-Å1")
                .replace("\"2026-11-01\"", "\"2026-02-30\"");

        Problem p = refused(
                () -> put(
                        "/contracts/" + id + "/parts/fast-vardkontakt",
                        ContractJson.putPart(part),
                        "If-Match",
                        "\"1\""),
                422);

        assertThat(p.errors())
                .extracting(e -> e.get("field") + " " + e.get("code"))
                .contains("/part/person/hsaId ID-HSA-003", "/part/from CONTRACT-040");
    }

    @Test
    void an_illegal_status_change_is_refused_with_409() throws IOException {
        Problem p = refused(
                () -> post("/contracts/" + id + "/status", ContractJson.status("completed", null), "If-Match", "\"1\""),
                409);

        assertThat(p.firstError()).containsEntry("field", "/status").containsEntry("code", "CONTRACT-011");
        assertThat((String) p.firstError().get("message")).contains("draft").contains("completed");
    }

    @Test
    void an_unknown_status_is_refused() throws IOException {
        Problem p = refused(
                () -> post("/contracts/" + id + "/status", ContractJson.status("paused", null), "If-Match", "\"1\""),
                422);

        assertThat(p.firstError()).containsEntry("field", "/status").containsEntry("code", "CONTRACT-035");
    }

    @Test
    void revoking_without_a_reason_is_refused() throws IOException {
        Problem p = refused(
                () -> post("/contracts/" + id + "/status", ContractJson.status("revoked", null), "If-Match", "\"1\""),
                422);

        assertThat(p.firstError()).containsEntry("field", "/reason").containsEntry("code", "CONTRACT-012");
    }

    @Test
    void a_change_based_on_a_stale_version_is_refused_with_412() throws IOException {
        Problem p = refused(
                () -> put(
                        "/contracts/" + id + "/parts/nasta-steg",
                        ContractJson.putPart(ContractJson.nextSteps()),
                        "If-Match",
                        "\"7\""),
                412);

        assertThat(p.firstError()).containsEntry("field", "If-Match").containsEntry("code", "CONTRACT-030");
    }

    @Test
    void a_change_without_if_match_is_refused_with_428() throws IOException {
        Problem p = refused(
                () -> put("/contracts/" + id + "/parts/nasta-steg", ContractJson.putPart(ContractJson.nextSteps())),
                428);

        assertThat(p.firstError()).containsEntry("code", "CONTRACT-031");
    }

    @Test
    void a_unit_that_neither_owns_nor_is_delegated_a_part_may_not_change_it() throws IOException {
        String body = ContractJson.putPart(ContractJson.nextSteps())
                .replace(ContractJson.actor(), ContractJson.actor("SE2321000016-N777", ContractJson.OTHER_UNIT));

        Problem p = refused(() -> put("/contracts/" + id + "/parts/nasta-steg", body, "If-Match", "\"1\""), 403);

        assertThat(p.firstError()).containsEntry("field", "/part/owner").containsEntry("code", "CONTRACT-020");
    }

    @Test
    void a_body_over_the_size_limit_is_refused_with_413() throws IOException {
        String huge = ContractJson.create(ContractJson.TOLVAN).replace("Nytt patientkontrakt", "x".repeat(300_000));

        Problem p = refused(() -> post("/contracts", huge), 413);

        assertThat(p.code()).isEqualTo("REQUEST-413");
    }

    @Test
    void malformed_json_is_refused() throws IOException {
        Problem p = refused(() -> post("/contracts", "{\"patient\": "), 400);

        assertThat(p.code()).startsWith("REQUEST-");
    }

    @Test
    void a_field_of_the_wrong_json_type_is_refused() throws IOException {
        String body =
                ContractJson.create(ContractJson.TOLVAN).replace("\"actor\":" + ContractJson.actor(), "\"actor\":5");

        Problem p = refused(() -> post("/contracts", body), 422);

        assertThat(p.firstError()).containsEntry("field", "/actor").containsEntry("code", "CONTRACT-037");
    }

    @Test
    void a_top_level_field_of_the_wrong_json_type_is_refused() throws IOException {
        String body = ContractJson.create(ContractJson.TOLVAN)
                .replace("\"reason\":\"Nytt patientkontrakt\"", "\"reason\":{}");

        Problem p = refused(() -> post("/contracts", body), 400);

        assertThat(p.code()).startsWith("REQUEST-");
    }

    @Test
    void an_unknown_contract_is_404_problem() throws IOException {
        Problem p = refused(() -> get("/contracts/8d3f6b0e-0000-4000-8000-000000000000"), 404);

        assertThat(p.code()).isEqualTo("CONTRACT-034");
    }

    /** Sends, and checks status, media type, and that nothing was written. */
    private Problem refused(java.util.function.Supplier<HttpResponse<String>> call, int status) throws IOException {
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
