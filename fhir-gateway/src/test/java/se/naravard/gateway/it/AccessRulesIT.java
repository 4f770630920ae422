package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.access.AccessControl;
import se.naravard.gateway.fhir.PatientResolver;

/**
 * The access rules of staff, systems and analysts (issue 7; DOMAIN.md §7) at the FHIR API, on the
 * shared test data: Tolvan (19121212-1212) has contracts of Vårdcentralen Öster (SE2321000057-VC01)
 * and inpatient episodes whose LUS messages go to hemtjänsten in Jönköping (SE2120000530-HT01, kommun
 * 0680); 19400105-9882 has only a SIP whose consent is revoked; 19900602-2397 has an active SIP with a
 * consent covering VC01 and HT01.
 */
class AccessRulesIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final String REGION_NURSE =
            TestTokens.token(staff("SE2321000057-N001", "SE2321000057-VC01", "region", null));
    private static final String OTHER_UNIT_NURSE =
            TestTokens.token(staff("SE2321000057-N098", "SE2321000057-VC99", "region", null));
    private static final String KOMMUN_NURSE =
            TestTokens.token(staff("SE2120000530-N010", "SE2120000530-HT01", "kommun", "0680"));
    private static final String OTHER_KOMMUN_NURSE =
            TestTokens.token(staff("SE2120000999-N010", "SE2120000999-HT01", "kommun", "0684"));

    private final String tolvan = key("191212121212");
    private final String revokedSipPatient = key("194001059882");
    private final String contract = "/CarePlan/" + STACK.contracts.ids.get("active");

    static Map<String, Object> staff(String hsaId, String unit, String orgType, String kommun) {
        Map<String, Object> c = new HashMap<>();
        c.put("sub", hsaId);
        c.put("scope", "user/*.rs");
        c.put("hsa_id", hsaId);
        c.put("care_unit", unit);
        c.put("org_type", orgType);
        if (kommun != null) {
            c.put("kommun", kommun);
        }
        return c;
    }

    @Test
    void region_staff_read_with_a_care_relation_and_are_refused_without_one() throws Exception {
        assertThat(get(contract, REGION_NURSE, null).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = get(contract, OTHER_UNIT_NURSE, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(code(refused)).isEqualTo(AccessControl.NO_RELATION);
        assertThat(refused.body())
                .doesNotContain("\"resourceType\":\"CarePlan\"")
                .doesNotContain("191212121212");

        HttpResponse<String> search = get("/CarePlan?patient=Patient/" + tolvan, OTHER_UNIT_NURSE, null);
        assertThat(search.statusCode()).isEqualTo(403);
        assertThat(search.body()).doesNotContain("\"total\"");
    }

    @Test
    void emergency_access_is_let_through_and_logged_with_its_reason() throws Exception {
        HttpResponse<String> emergency = get(contract, OTHER_UNIT_NURSE, "Patienten medvetslos, akut bedomning");
        assertThat(emergency.statusCode()).isEqualTo(200);
        assertThat(emergency.body()).contains("\"resourceType\":\"CarePlan\"");

        try (Connection c = STACK.gateway.database();
                PreparedStatement s = c.prepareStatement("SELECT outcome, patient_key, emergency, access_reason"
                        + " FROM access_log WHERE actor_hsa_id = 'SE2321000057-N098' AND http_status = 200")) {
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("the emergency read is on the log").isTrue();
                assertThat(rs.getString(1)).isEqualTo("success");
                assertThat(rs.getString(2)).isEqualTo(tolvan);
                assertThat(rs.getBoolean(3)).as("flagged for review").isTrue();
                assertThat(rs.getString(4)).isEqualTo("Patienten medvetslos, akut bedomning");
            }
        }
    }

    @Test
    void kommun_staff_see_patients_of_their_own_kommun_only() throws Exception {
        assertThat(get(contract, KOMMUN_NURSE, null).statusCode())
                .as("an LUS addressee of Tolvan's episode, in Tolvan's kommun")
                .isEqualTo(200);
        HttpResponse<String> otherKommun = get(contract, OTHER_KOMMUN_NURSE, null);
        assertThat(otherKommun.statusCode()).isEqualTo(403);
        assertThat(get("/Encounter?patient=Patient/" + tolvan, OTHER_KOMMUN_NURSE, null)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void a_revoked_consent_hides_the_sip_from_reads_searches_and_totals() throws Exception {
        String revoked = "/CarePlan/sip-" + STACK.sips.ids.get("revoked");
        assertThat(get(revoked, KOMMUN_NURSE, null).statusCode()).isEqualTo(403);
        assertThat(get(revoked, REGION_NURSE, null).statusCode())
                .as("the region drew the SIP up: its own record")
                .isEqualTo(200);

        HttpResponse<String> search = get("/CarePlan?patient=Patient/" + revokedSipPatient, KOMMUN_NURSE, null);
        assertThat(search.statusCode()).isEqualTo(200);
        Bundle bundle = parse(search, Bundle.class);
        assertThat(bundle.getTotal()).as("no hidden count").isZero();
        assertThat(bundle.getEntry()).isEmpty();
        assertThat(get("/Consent?patient=Patient/" + revokedSipPatient, KOMMUN_NURSE, null)
                        .body())
                .doesNotContain("\"resourceType\":\"Consent\"");

        assertThat(get("/CarePlan/sip-" + STACK.sips.ids.get("active"), KOMMUN_NURSE, null)
                        .statusCode())
                .as("a consent in force covers hemtjänsten")
                .isEqualTo(200);
    }

    @Test
    void included_lus_messages_are_only_those_addressed_to_the_kommun_caller() throws Exception {
        HttpResponse<String> r = get(
                "/Encounter?patient=Patient/" + tolvan + "&_revinclude=Communication:encounter", KOMMUN_NURSE, null);
        assertThat(r.statusCode()).isEqualTo(200);
        Bundle bundle = parse(r, Bundle.class);
        assertThat(bundle.getEntry())
                .filteredOn(e -> e.getResource() instanceof Communication)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(((Communication) e.getResource()).getRecipient())
                        .extracting(Reference::getIdentifier)
                        .anySatisfy(id -> assertThat(id.getValue()).isEqualTo("SE2120000530-HT01")));
    }

    @Test
    void an_update_by_staff_without_relation_is_refused_before_anything_changes() throws Exception {
        Map<String, Object> claims = staff("SE2321000057-N098", "SE2321000057-VC99", "region", null);
        claims.put("scope", "user/*.cruds");
        String id = STACK.contracts.ids.get("active");
        org.hl7.fhir.r4.model.CarePlan plan = GatewayStack.client(STACK.gateway.fhirBase())
                .read()
                .resource(org.hl7.fhir.r4.model.CarePlan.class)
                .withId(id)
                .execute();
        String version = plan.getMeta().getVersionId();
        plan.setDescription("Ändrad utan vårdrelation");
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(STACK.gateway.fhirBase() + "/CarePlan/" + id))
                        .header("Authorization", "Bearer " + TestTokens.token(claims))
                        .header("Content-Type", "application/fhir+json")
                        .header("If-Match", "W/\"" + version + "\"")
                        .PUT(HttpRequest.BodyPublishers.ofString(
                                FhirContext.forR4Cached().newJsonParser().encodeResourceToString(plan)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(code(r)).isEqualTo(AccessControl.NO_RELATION);
        assertThat(get(contract, REGION_NURSE, null).body()).contains("\"versionId\":\"" + version + "\"");
    }

    @Test
    void an_analyst_sees_no_patient_data() throws Exception {
        Map<String, Object> claims = staff("SE2321000057-A001", "SE2321000057-ANA1", "region", null);
        claims.put("roles", java.util.List.of("analyst"));
        HttpResponse<String> r = get(contract, TestTokens.token(claims), null);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(code(r)).isEqualTo(AccessControl.AGGREGATES_ONLY);
    }

    static String key(String personnummer) {
        return STACK.gateway.context().getBean(PatientResolver.class).keyOf(TestContracts.PNR_SYSTEM, personnummer);
    }

    private static String code(HttpResponse<String> r) {
        return parse(r, OperationOutcome.class)
                .getIssueFirstRep()
                .getDetails()
                .getCodingFirstRep()
                .getCode();
    }

    private static <T extends org.hl7.fhir.instance.model.api.IBaseResource> T parse(
            HttpResponse<String> r, Class<T> type) {
        return FhirContext.forR4Cached().newJsonParser().parseResource(type, r.body());
    }

    private static HttpResponse<String> get(String path, String token, String emergencyReason)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(STACK.gateway.fhirBase() + path))
                .header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + token);
        if (emergencyReason != null) {
            b.header(AccessControl.EMERGENCY_HEADER, emergencyReason);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
