package se.naravard.contract.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractApiIT extends ContractServiceHarness {

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
    void every_change_makes_an_immutable_version_with_who_when_and_why() throws IOException {
        String id = create(ContractJson.TOLVAN);
        assertThat(post("/contracts/" + id + "/status", ContractJson.status("active", "Överens"), "If-Match", "\"1\"")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> changed = put(
                "/contracts/" + id + "/parts/nasta-steg",
                ContractJson.putPart(ContractJson.nextSteps().replace("BOOKED", "DONE")),
                "If-Match",
                "W/\"2\"");

        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).hasValue("\"3\"");
        Map<String, Object> current = map(get("/contracts/" + id).body());
        assertThat(current.get("version")).isEqualTo(3);
        assertThat(status(current)).isEqualTo("revised");

        List<Map<String, Object>> versions =
                list(map(get("/contracts/" + id + "/versions").body()), "versions");
        assertThat(versions)
                .extracting(v -> v.get("version") + " " + v.get("status") + " " + v.get("event"))
                .containsExactly(
                        "1 draft contract-drafted", "2 active contract-activated", "3 revised contract-part-changed");
        assertThat(versions.get(2)).containsEntry("reason", "Ändrat efter samtal");
        assertThat(versions.get(2).get("changedBy").toString()).contains(ContractJson.NURSE);

        Map<String, Object> first = map(get("/contracts/" + id + "/versions/1").body());
        assertThat(status(first)).isEqualTo("draft");
        assertThat(first.get("version")).isEqualTo(1);
        assertThat(get("/contracts/" + id + "/versions/9").statusCode()).isEqualTo(404);
    }

    @Test
    void a_version_made_without_a_reason_is_listed_without_one() throws IOException {
        HttpResponse<String> r = post(
                "/contracts", ContractJson.create("19900602-2397").replace(",\"reason\":\"Nytt patientkontrakt\"", ""));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = (String) map(r.body()).get("id");

        HttpResponse<String> versions = get("/contracts/" + id + "/versions");

        assertThat(versions.statusCode()).as(versions.body()).isEqualTo(200);
        assertThat(versions.body()).contains("\"version\":1").doesNotContain("\"reason\"");
    }

    @Test
    void a_review_is_attached_to_the_version_it_checked() throws IOException {
        String id = create("19900602-2397");

        HttpResponse<String> reviewed = post(
                "/contracts/" + id + "/reviews", "{\"actor\":" + ContractJson.actor() + ",\"comment\":\"Granskad\"}");

        assertThat(reviewed.statusCode()).isEqualTo(201);
        Map<String, Object> review = map(reviewed.body());
        assertThat(review).as(reviewed.body()).containsKey("checks");
        assertThat(review).containsEntry("contractVersion", 1).containsEntry("passed", false);
        assertThat(list(review, "checks"))
                .extracting(c -> c.get("check") + "=" + c.get("passed"))
                .contains("ALL_FOUR_PARTS_PRESENT=true", "AGREED_WITH_PATIENT=false");
        assertThat(map(get("/contracts/" + id).body()).get("version"))
                .as("a review changes no version")
                .isEqualTo(1);
        assertThat(json.readValue(get("/contracts/" + id + "/reviews").body(), Argument.listOf(Map.class)))
                .hasSize(1);
    }

    @Test
    void contracts_are_found_by_patient_owner_unit_and_status() throws IOException {
        String mine = create("19571230-2842");
        String other = create("20000102-2391");
        post("/contracts/" + other + "/status", ContractJson.status("active", "Överens"), "If-Match", "\"1\"");

        HttpResponse<String> found = post("/contracts/search", "{\"patient\":\"195712302842\"}");
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        List<Map<String, Object>> byPatient = list(map(found.body()), "contracts");
        assertThat(byPatient).extracting(c -> c.get("id")).containsExactly(mine);
        String key = patientKeys.keyFor("http://electronichealth.se/identifier/personnummer", "195712302842");
        assertThat(list(map(get("/contracts?patientKey=" + key).body()), "contracts"))
                .extracting(c -> c.get("id"))
                .containsExactly(mine);

        List<Map<String, Object>> active = list(
                map(get("/contracts?status=active&ownerUnit=" + ContractJson.REGION_UNIT)
                        .body()),
                "contracts");
        assertThat(active).extracting(c -> c.get("id")).contains(other).doesNotContain(mine);

        HttpResponse<String> none = get("/contracts?ownerUnit=SE2321000016-NONE");
        assertThat(none.statusCode()).as(none.body()).isEqualTo(200);
        assertThat(list(map(none.body()), "contracts")).isEmpty();
    }

    @Test
    void a_search_pages_with_a_next_offset() throws IOException {
        create("19810107-9294");
        create("19810107-9294");

        Map<String, Object> page = map(get("/contracts?limit=1").body());

        assertThat(list(page, "contracts")).hasSize(1);
        assertThat(page.get("nextOffset")).isEqualTo(1);
        assertThat(get("/contracts?limit=1000").statusCode()).isEqualTo(422);
    }

    private String create(String patient) throws IOException {
        HttpResponse<String> r = post("/contracts", ContractJson.create(patient));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("Location")).isPresent();
        assertThat(r.headers().firstValue("ETag")).hasValue("\"1\"");
        return (String) map(r.body()).get("id");
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
    private static String status(Map<String, Object> contract) {
        return (String) ((Map<String, Object>) contract.get("status")).get("code");
    }
}
