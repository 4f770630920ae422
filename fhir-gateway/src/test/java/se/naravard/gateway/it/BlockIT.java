package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import se.naravard.gateway.access.AccessControl;
import se.naravard.gateway.block.BlockMapper;
import se.naravard.gateway.consent.ConsentProvider;

/**
 * Spärr at the FHIR API (issue 7; DOMAIN.md §7): a patient of their own (19810315-2388, so the shared
 * data stays unblocked) with a contract drawn up at Vårdcentralen Öster (region SE2321000057) and an
 * inpatient episode at the region's hospital whose admission notice goes to hemtjänsten in Jönköping.
 * Hemtjänsten's nurse sees all of it, until the region registers a spärr of its records; then only the
 * notice addressed to her, and nothing that tells a block exists; after the region lifts it, all again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlockIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String PERSON = "19810315-2388";

    private final String regionNurse = token("SE2321000057-N001", "SE2321000057-VC01", "region", null);
    private final String kommunNurse = token("SE2120000530-N010", "SE2120000530-HT01", "kommun", "0680");
    private final String unrelatedNurse = token("SE2321000057-N097", "SE2321000057-VC97", "region", null);
    private final String citizen = TestTokens.token(
            Map.of("sub", "citizen-block", "scope", "patient/*.rs", "personnummer", PERSON.replace("-", "")));

    private String patient;
    private String contract;
    private String episode;
    private String notice;

    @BeforeAll
    void data() {
        patient = AccessRulesIT.key(PERSON.replace("-", ""));
        HttpResponse<String> created =
                STACK.contractService.send("POST", "/contracts", TestContracts.createJson(PERSON));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        contract = created.body().replaceAll("(?s)^.*?\"id\"\\s*:\\s*\"([^\"]+)\".*$", "$1");
        String at = Instant.now()
                .minus(Duration.ofHours(6))
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        episode = STACK.episodes.admit(PERSON, at);
        notice = STACK.episodes.message(episode, "inskrivningsmeddelande", at, null, false);
    }

    @Test
    void a_spaerr_hides_the_holders_records_from_other_providers_until_it_is_lifted() throws Exception {
        assertThat(send("GET", "/CarePlan/" + contract, null, kommunNurse).statusCode())
                .as("before: an addressee of the patient's LUS notice, in the patient's kommun")
                .isEqualTo(200);

        HttpResponse<String> registered = send("POST", "/Consent", block("SE2321000057"), regionNurse);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        Consent block = parse(registered, Consent.class);
        String id = block.getIdElement().getIdPart();
        assertThat(id).startsWith("sparr-");
        assertThat(block.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
        assertThat(block.getProvision().getType()).isEqualTo(Consent.ConsentProvisionType.DENY);

        // Reads: as if the records did not exist, emergency or not.
        HttpResponse<String> read = send("GET", "/CarePlan/" + contract, null, kommunNurse);
        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(read.body()).doesNotContain("spärr").doesNotContain("sparr").doesNotContain("\"CarePlan\"");
        assertThat(send("GET", "/CarePlan/" + contract, null, kommunNurse, AccessControl.EMERGENCY_HEADER, "Akut")
                        .statusCode())
                .as("emergency access does not lift a spärr")
                .isEqualTo(404);
        assertThat(send("GET", "/Encounter/" + episode, null, kommunNurse).statusCode())
                .isEqualTo(404);
        assertThat(send("GET", "/Goal/" + contract + "-1", null, kommunNurse).statusCode())
                .isEqualTo(404);

        // Searches: nothing, and no hidden count.
        Bundle plans = parse(send("GET", "/CarePlan?patient=Patient/" + patient, null, kommunNurse), Bundle.class);
        assertThat(plans.getTotal()).isZero();
        assertThat(plans.getEntry()).isEmpty();
        Bundle encounters = parse(
                send(
                        "GET",
                        "/Encounter?patient=Patient/" + patient + "&_revinclude=Communication:encounter",
                        null,
                        kommunNurse),
                Bundle.class);
        assertThat(encounters.getEntry()).isEmpty();
        Bundle consents = parse(send("GET", "/Consent?patient=Patient/" + patient, null, kommunNurse), Bundle.class);
        assertThat(consents.getTotal()).as("the block itself is not told").isZero();
        assertThat(send("GET", "/Consent/" + id, null, kommunNurse).statusCode())
                .isEqualTo(404);

        // The LUS notice still reaches its addressee: the law sends it.
        Bundle messages =
                parse(send("GET", "/Communication?patient=Patient/" + patient, null, kommunNurse), Bundle.class);
        assertThat(messages.getEntry())
                .extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly(notice);
        assertThat(((Communication) messages.getEntryFirstRep().getResource()).getRecipient())
                .isNotEmpty();

        // The holder and the patient see everything, the block too.
        assertThat(send("GET", "/CarePlan/" + contract, null, regionNurse).statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/Consent/" + id, null, regionNurse).statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/CarePlan/" + contract, null, citizen).statusCode())
                .isEqualTo(200);
        Bundle own = parse(send("GET", "/Consent?patient=Patient/" + patient, null, citizen), Bundle.class);
        assertThat(own.getEntry())
                .extracting(e -> e.getResource().getIdElement().getIdPart())
                .contains(id);

        // Only the holder lifts it: hemtjänsten cannot (and cannot see it to try).
        HttpResponse<String> notTheirs =
                send("PUT", "/Consent/" + id, lifted(block), kommunNurse, "If-Match", "W/\"1\"");
        assertThat(notTheirs.statusCode()).isIn(403, 404);
        assertThat(send("PUT", "/Consent/" + id, lifted(block), regionNurse).statusCode())
                .as("If-Match is required")
                .isEqualTo(428);
        HttpResponse<String> lift = send("PUT", "/Consent/" + id, lifted(block), regionNurse, "If-Match", "W/\"1\"");
        assertThat(lift.statusCode()).as(lift.body()).isEqualTo(200);
        Consent after = parse(lift, Consent.class);
        assertThat(after.getStatus()).isEqualTo(Consent.ConsentState.INACTIVE);
        assertThat(after.getMeta().getVersionId()).isEqualTo("2");
        assertThat(after.getProvision().getPeriod().hasEnd()).isTrue();

        assertThat(send("GET", "/CarePlan/" + contract, null, kommunNurse).statusCode())
                .as("lifted: shown again at once")
                .isEqualTo(200);
        assertThat(parse(send("GET", "/Consent/" + id + "/_history/1", null, regionNurse), Consent.class)
                        .getStatus())
                .isEqualTo(Consent.ConsentState.ACTIVE);
        assertThat(parse(send("GET", "/Consent/" + id + "/_history", null, regionNurse), Bundle.class)
                        .getEntry())
                .hasSize(2);
        HttpResponse<String> again = send("PUT", "/Consent/" + id, lifted(after), regionNurse, "If-Match", "W/\"2\"");
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(code(again)).isEqualTo(ConsentProvider.NOT_THE_HOLDER);
    }

    @Test
    void a_unit_blocks_only_its_own_records_and_only_it_may() throws Exception {
        HttpResponse<String> byKommun = send("POST", "/Consent", block("SE2321000057-VC01"), kommunNurse);
        assertThat(byKommun.statusCode()).as(byKommun.body()).isEqualTo(403);
        assertThat(code(byKommun)).isEqualTo(ConsentProvider.NOT_THE_HOLDER);

        HttpResponse<String> registered = send("POST", "/Consent", block("SE2321000057-VC01"), regionNurse);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        Consent block = parse(registered, Consent.class);
        try {
            assertThat(send("GET", "/CarePlan/" + contract, null, kommunNurse).statusCode())
                    .as("the contract is Vårdcentralen Öster's")
                    .isEqualTo(404);
            assertThat(send("GET", "/Encounter/" + episode, null, kommunNurse).statusCode())
                    .as("the episode is the hospital's, not the vårdcentral's")
                    .isEqualTo(200);
        } finally {
            HttpResponse<String> lift = send(
                    "PUT",
                    "/Consent/" + block.getIdElement().getIdPart(),
                    lifted(block),
                    regionNurse,
                    "If-Match",
                    "W/\"1\"");
            assertThat(lift.statusCode()).as(lift.body()).isEqualTo(200);
        }
    }

    @Test
    void bad_registrations_are_refused_and_store_nothing() throws Exception {
        long before = rows();
        HttpResponse<String> notSparr =
                send("POST", "/Consent", block("SE2321000057").replace("\"sparr\"", "\"annat\""), regionNurse);
        assertThat(notSparr.statusCode()).isEqualTo(422);
        assertThat(code(notSparr)).isEqualTo(BlockMapper.NOT_A_BLOCK);
        assertThat(expression(notSparr)).isEqualTo("Consent.category");

        HttpResponse<String> badHolder = send("POST", "/Consent", block("SE23210000-X"), regionNurse);
        assertThat(badHolder.statusCode()).isEqualTo(422);
        assertThat(code(badHolder)).isEqualTo(BlockMapper.BAD_HOLDER);
        assertThat(expression(badHolder)).isEqualTo("Consent.organization[0].identifier.value");

        HttpResponse<String> permit =
                send("POST", "/Consent", block("SE2321000057").replace("\"deny\"", "\"permit\""), regionNurse);
        assertThat(permit.statusCode()).isEqualTo(422);
        assertThat(expression(permit)).isEqualTo("Consent.provision.type");

        HttpResponse<String> noRelation = send("POST", "/Consent", block("SE2321000057"), unrelatedNurse);
        assertThat(noRelation.statusCode()).isEqualTo(403);
        assertThat(code(noRelation)).isEqualTo(AccessControl.NO_RELATION);
        assertThat(rows()).as("nothing stored for a caller without relation").isEqualTo(before);

        String sipConsentId = "sip-" + STACK.sips.ids.get("active") + "-c1";
        HttpResponse<String> sipConsent = send(
                "PUT",
                "/Consent/" + sipConsentId,
                block("SE2321000057")
                        .replace(
                                "{\"resourceType\":\"Consent\",",
                                "{\"resourceType\":\"Consent\",\"id\":\"" + sipConsentId + "\","),
                regionNurse,
                "If-Match",
                "W/\"1\"");
        assertThat(sipConsent.statusCode()).as(sipConsent.body()).isIn(403, 405);
        assertThat(rows()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void the_database_keeps_every_block_and_only_lets_it_be_lifted_once() throws Exception {
        HttpResponse<String> registered = send("POST", "/Consent", block("SE2321000057-VC01"), regionNurse);
        assertThat(registered.statusCode()).isEqualTo(201);
        String id = parse(registered, Consent.class).getIdElement().getIdPart().substring("sparr-".length());
        try (Connection c = STACK.gateway.database();
                Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM care_block WHERE id = '" + id + "'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("only ever lifted");
            assertThatThrownBy(() ->
                            s.executeUpdate("UPDATE care_block SET provider = 'SE2321000099' WHERE id = '" + id + "'"))
                    .isInstanceOf(SQLException.class);
            assertThat(s.executeUpdate(
                            "UPDATE care_block SET lifted_at = now(), lifted_by = 'x' WHERE id = '" + id + "'"))
                    .isEqualTo(1);
            assertThatThrownBy(() -> s.executeUpdate(
                            "UPDATE care_block SET lifted_at = now(), lifted_by = 'y' WHERE id = '" + id + "'"))
                    .isInstanceOf(SQLException.class);
        }
        try (Connection c = STACK.gateway.database();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM access_log WHERE resource_type ="
                        + " 'Consent' AND action = 'create' AND patient_key = ? AND outcome = 'success'")) {
            s.setString(1, patient);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1))
                        .as("registering a block is on the access log")
                        .isPositive();
            }
        }
    }

    private long rows() throws SQLException {
        try (Connection c = STACK.gateway.database();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM care_block")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String block(String holder) {
        return """
                {"resourceType":"Consent","status":"active",
                 "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
                 "category":[{"coding":[{"system":"https://naravard.se/fhir/CodeSystem/consent-category","code":"sparr"}]}],
                 "patient":{"reference":"Patient/%s"},
                 "policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTOUT"}]},
                 "organization":[{"identifier":{"system":"http://electronichealth.se/identifier/hsaid","value":"%s"}}],
                 "provision":{"type":"deny"}}"""
                .formatted(patient, holder);
    }

    private static String lifted(Consent block) {
        Consent c = block.copy();
        c.setStatus(Consent.ConsentState.INACTIVE);
        return FHIR.newJsonParser().encodeResourceToString(c);
    }

    private static String token(String hsaId, String unit, String orgType, String kommun) {
        Map<String, Object> claims = AccessRulesIT.staff(hsaId, unit, orgType, kommun);
        claims.put("scope", "user/*.cruds");
        return TestTokens.token(claims);
    }

    private static HttpResponse<String> send(String method, String path, String body, String token, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(STACK.gateway.fhirBase() + path))
                .header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/fhir+json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static <T extends org.hl7.fhir.instance.model.api.IBaseResource> T parse(
            HttpResponse<String> r, Class<T> type) {
        assertThat(r.statusCode()).as(r.body()).isLessThan(300);
        return FHIR.newJsonParser().parseResource(type, r.body());
    }

    private static OperationOutcome outcome(HttpResponse<String> r) {
        return FHIR.newJsonParser().parseResource(OperationOutcome.class, r.body());
    }

    private static String code(HttpResponse<String> r) {
        return outcome(r).getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
    }

    private static String expression(HttpResponse<String> r) {
        return outcome(r).getIssueFirstRep().getExpression().get(0).getValue();
    }
}
