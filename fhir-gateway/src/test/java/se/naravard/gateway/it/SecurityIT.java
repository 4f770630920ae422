package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import se.naravard.infra.TokenMint;

/**
 * Authentication at the FHIR API: every interaction but metadata needs a valid bearer token with a
 * scope for what it does. Each token fault is 401 with an OperationOutcome (GATEWAY-070) and a
 * {@code WWW-Authenticate} header; a missing scope is 403 (GATEWAY-071); neither answer carries anything
 * of the patient's data.
 */
class SecurityIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String AUD = TokenMint.FHIR_AUDIENCE;

    private final String carePlan = "/CarePlan/" + STACK.contracts.ids.get("active");

    static Map<String, Object> nurse(String scope) {
        Map<String, Object> c = new HashMap<>();
        c.put("sub", "nurse-1");
        c.put("scope", scope);
        c.put("hsa_id", "SE2321000057-N001");
        c.put("care_unit", "SE2321000057-VC01");
        c.put("org_type", "region");
        return c;
    }

    @Test
    void metadata_needs_no_token() throws Exception {
        assertThat(get("/metadata", null).statusCode()).isEqualTo(200);
    }

    @Test
    void every_token_fault_is_401_with_an_operation_outcome_and_nothing_disclosed() throws Exception {
        Map<String, Object> claims = nurse("user/*.rs");
        Instant now = Instant.now();
        Map<String, String> faults = new java.util.LinkedHashMap<>();
        faults.put("none", null);
        faults.put("malformed", "Bearer not-a-jwt");
        faults.put("basic", "Basic dXNlcjpwYXNzd29yZA==");
        faults.put(
                "expired",
                "Bearer " + TestTokens.MINT.mint(AUD, now.minusSeconds(7200), now.minusSeconds(3600), claims));
        faults.put(
                "not yet valid",
                "Bearer " + TestTokens.MINT.mint(AUD, now.plusSeconds(3600), now.plusSeconds(7200), claims));
        faults.put("wrong signature", "Bearer " + TestTokens.MINT.forge(AUD, Duration.ofMinutes(5), claims));
        faults.put(
                "wrong issuer",
                "Bearer "
                        + TestTokens.MINT.mintAs("https://idp.elsewhere.example", AUD, Duration.ofMinutes(5), claims));
        faults.put("wrong audience", "Bearer " + TestTokens.MINT.mint("some-other-api", Duration.ofMinutes(5), claims));
        Map<String, Object> noHsa = new HashMap<>(claims);
        noHsa.remove("hsa_id");
        faults.put("missing claim", "Bearer " + TestTokens.token(noHsa));

        for (Map.Entry<String, String> fault : faults.entrySet()) {
            for (String path : new String[] {
                carePlan, "/CarePlan?patient.identifier=" + TestContracts.PNR_SYSTEM + "|" + TestContracts.TOLVAN
            }) {
                HttpResponse<String> r = get(path, fault.getValue());
                assertThat(r.statusCode()).as(fault.getKey() + " " + path).isEqualTo(401);
                assertThat(r.headers().firstValue("WWW-Authenticate").orElse(""))
                        .as(fault.getKey())
                        .startsWith("Bearer ")
                        .contains("invalid_token");
                OperationOutcome oo = outcome(r);
                assertThat(oo.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.LOGIN);
                assertThat(oo.getIssueFirstRep()
                                .getDetails()
                                .getCodingFirstRep()
                                .getCode())
                        .isEqualTo("GATEWAY-070");
                assertThat(r.body())
                        .as(fault.getKey())
                        .doesNotContain(TestContracts.TOLVAN)
                        .doesNotContain("Kunna gå till affären")
                        .doesNotContain("\"resourceType\":\"CarePlan\"");
            }
        }
    }

    @Test
    void a_valid_token_without_the_scope_is_403_naming_the_scope() throws Exception {
        String careTeamOnly = TestTokens.token(nurse("user/CareTeam.rs"));
        String readOnly = TestTokens.token(nurse("user/CarePlan.r"));

        HttpResponse<String> read = get(carePlan, "Bearer " + careTeamOnly);
        HttpResponse<String> search = get(
                "/CarePlan?patient.identifier=" + TestContracts.PNR_SYSTEM + "|" + TestContracts.TOLVAN,
                "Bearer " + readOnly);

        assertThat(read.statusCode()).isEqualTo(403);
        assertThat(search.statusCode()).isEqualTo(403);
        OperationOutcome oo = outcome(read);
        assertThat(oo.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
        assertThat(oo.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
                .isEqualTo("GATEWAY-071");
        assertThat(oo.getIssueFirstRep().getDiagnostics()).contains("CarePlan.r");
        assertThat(read.headers().firstValue("WWW-Authenticate").orElse("")).contains("insufficient_scope");
        assertThat(read.body()).doesNotContain("Kunna gå till affären");
        assertThat(get(carePlan, "Bearer " + readOnly).statusCode()).isEqualTo(200);
    }

    @Test
    void an_include_needs_the_scope_of_the_included_type_too() throws Exception {
        String plansOnly = TestTokens.token(nurse("user/CarePlan.rs"));
        String search = "/CarePlan?patient.identifier=" + TestContracts.PNR_SYSTEM + "|" + TestContracts.TOLVAN;

        assertThat(get(search, "Bearer " + plansOnly).statusCode()).isEqualTo(200);
        HttpResponse<String> withTeams = get(search + "&_include=CarePlan:care-team", "Bearer " + plansOnly);
        assertThat(withTeams.statusCode()).isEqualTo(403);
        assertThat(outcome(withTeams).getIssueFirstRep().getDiagnostics()).contains("CareTeam.s");
        assertThat(withTeams.body()).doesNotContain("\"resourceType\":\"CareTeam\"");
    }

    @Test
    void writes_need_their_own_scope() throws Exception {
        String readAll = TestTokens.token(nurse("user/*.rs"));
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[]}";

        HttpResponse<String> transaction = send("POST", "", bundle, "Bearer " + readAll);
        HttpResponse<String> update = send("PUT", carePlan, "{\"resourceType\":\"CarePlan\"}", "Bearer " + readAll);

        assertThat(transaction.statusCode()).isEqualTo(403);
        assertThat(outcome(transaction).getIssueFirstRep().getDiagnostics()).contains("CarePlan.c");
        assertThat(update.statusCode()).isEqualTo(403);
        assertThat(outcome(update).getIssueFirstRep().getDiagnostics()).contains("CarePlan.u");
    }

    @Test
    void a_citizen_token_with_user_scopes_is_refused() throws Exception {
        String mixed = TestTokens.token(
                Map.of("sub", "citizen", "scope", "patient/*.rs user/*.rs", "personnummer", TestContracts.TOLVAN));
        assertThat(get(carePlan, "Bearer " + mixed).statusCode()).isEqualTo(401);
    }

    @Test
    void a_citizen_sees_their_own_contract_and_nobody_elses() throws Exception {
        String tolvan = "Bearer "
                + TestTokens.token(
                        Map.of("sub", "tolvan", "scope", "patient/*.rs", "personnummer", TestContracts.TOLVAN));
        String own = "/CarePlan?patient.identifier=" + TestContracts.PNR_SYSTEM + "|" + TestContracts.TOLVAN
                + "&category=patientkontrakt&_include=CarePlan:care-team";
        String others = "/CarePlan?patient.identifier=" + TestContracts.PNR_SYSTEM + "|199006022397"
                + "&category=patientkontrakt";

        HttpResponse<String> ownRead = get(carePlan, tolvan); // the active contract is Tolvan's
        HttpResponse<String> ownSearch = get(own, tolvan);
        HttpResponse<String> otherRead = get("/CarePlan/" + STACK.contracts.ids.get("draft"), tolvan);
        HttpResponse<String> otherSearch = get(others, tolvan);
        HttpResponse<String> write = send("PUT", carePlan, "{\"resourceType\":\"CarePlan\"}", tolvan);

        assertThat(ownRead.statusCode()).isEqualTo(200);
        assertThat(ownSearch.statusCode()).as(ownSearch.body()).isEqualTo(200);
        assertThat(ownSearch.body()).contains("\"resourceType\":\"CareTeam\"");
        assertThat(otherRead.statusCode()).isEqualTo(403);
        assertThat(otherRead.body()).doesNotContain("\"resourceType\":\"CarePlan\"");
        assertThat(otherSearch.statusCode()).isEqualTo(403);
        assertThat(otherSearch.body()).doesNotContain("\"resourceType\":\"CarePlan\"");
        assertThat(write.statusCode()).isEqualTo(403);
    }

    private static OperationOutcome outcome(HttpResponse<String> r) {
        return FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, r.body());
    }

    private static HttpResponse<String> get(String path, String authorization)
            throws IOException, InterruptedException {
        return send("GET", path, null, authorization);
    }

    private static HttpResponse<String> send(String method, String path, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(STACK.gateway.fhirBase() + path.replace("|", "%7C")))
                .header("Accept", "application/fhir+json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/fhir+json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
