package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.naravard.gateway.audit.AccessLogging;
import se.naravard.gateway.fhir.PatientResolver;
import se.naravard.gateway.server.GatewayRestfulServer;
import se.naravard.gateway.validation.Validations;

/**
 * The access log as AuditEvent over HTTP: a citizen lists who looked at their data (unit and time) and
 * nobody else's; a reviewer sees only their own unit's records; analysts and wildcard scopes are
 * refused; declared emergency access is flagged; every answer validates against R4.
 */
class AuditEventIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    /**
     * Test-only: the header a request declares emergency access by (the access policy does it for real).
     * HTTP header values are ISO-8859-1 on the wire, so the tests' reasons are ASCII.
     */
    static final String EMERGENCY_HEADER = "X-Test-Emergency-Reason";

    private static String tolvan;
    private static String other;

    /** Puts the test header's reason where the access policy puts a declared emergency-access reason. */
    @Interceptor
    public static final class DeclaredEmergency {
        @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
        public boolean declare(RequestDetails request) {
            String reason = request.getHeader(EMERGENCY_HEADER);
            if (reason != null) {
                request.getUserData().put(AccessLogging.EMERGENCY_REASON, reason);
            }
            return true;
        }
    }

    @BeforeAll
    static void declaredEmergencyAccessByHeader() {
        GatewayRestfulServer server = STACK.gateway.context().getBean(GatewayRestfulServer.class);
        if (server.getInterceptorService().getAllRegisteredInterceptors().stream()
                .noneMatch(i -> i instanceof DeclaredEmergency)) {
            server.registerInterceptor(new DeclaredEmergency());
        }
        PatientResolver patients = STACK.gateway.context().getBean(PatientResolver.class);
        tolvan = patients.keyOf(TestContracts.PNR_SYSTEM, TestContracts.TOLVAN);
        other = patients.keyOf(TestContracts.PNR_SYSTEM, "199006022397");
    }

    static String staff(String hsaId, String unit, String scope) {
        Map<String, Object> c = new HashMap<>();
        c.put("sub", hsaId.toLowerCase(java.util.Locale.ROOT));
        c.put("scope", scope);
        c.put("hsa_id", hsaId);
        c.put("care_unit", unit);
        c.put("org_type", "region");
        c.put("purpose_of_use", "TREAT");
        return "Bearer " + TestTokens.token(c);
    }

    static String citizen(String personnummer) {
        return "Bearer "
                + TestTokens.token(Map.of(
                        "sub", "citizen-" + personnummer, "scope", "patient/*.rs", "personnummer", personnummer));
    }

    @Test
    void the_citizen_lists_a_staff_read_of_their_contract_with_unit_and_time() throws Exception {
        String nurse = staff("SE2321000057-N701", "SE2321000057-VC01", "user/CarePlan.rs");
        assertThat(get("/CarePlan/" + STACK.contracts.ids.get("active"), nurse, Map.of())
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> r = get("/AuditEvent?patient=Patient/" + tolvan, citizen(TestContracts.TOLVAN), Map.of());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<AuditEvent> events = events(r);
        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(patientOf(e)).isEqualTo("Patient/" + tolvan));
        AuditEvent read = events.stream()
                .filter(e -> "SE2321000057-N701".equals(userHsaId(e)))
                .findFirst()
                .orElseThrow();
        assertThat(read.getSubtypeFirstRep().getCode()).isEqualTo("read");
        assertThat(read.getRecorded()).isNotNull();
        assertThat(read.getAgent())
                .anySatisfy(
                        a -> assertThat(a.getWho().getIdentifier().getValue()).isEqualTo("SE2321000057-VC01"));
        assertThat(read.getText().getDiv().allText()).contains("vid enhet SE2321000057-VC01");
        assertThat(r.body()).doesNotContain(TestContracts.TOLVAN).doesNotContain(other);
        assertThat(recorded(events)).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        HttpResponse<String> byIdentifier = get(
                "/AuditEvent?patient.identifier=" + TestContracts.PNR_SYSTEM + "|" + TestContracts.TOLVAN,
                citizen(TestContracts.TOLVAN),
                Map.of());
        assertThat(byIdentifier.statusCode()).as(byIdentifier.body()).isEqualTo(200);
        assertThat(events(byIdentifier)).extracting(AuditEventIT::userHsaId).contains("SE2321000057-N701");
    }

    @Test
    void reading_the_log_is_itself_logged() throws Exception {
        get("/AuditEvent?patient=Patient/" + tolvan, citizen(TestContracts.TOLVAN), Map.of());
        get("/AuditEvent?patient=Patient/" + tolvan, citizen(TestContracts.TOLVAN), Map.of());

        try (Connection c = STACK.gateway.database();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM access_log WHERE patient_key = ?"
                        + " AND resource_type = 'AuditEvent' AND actor_kind = 'citizen' AND actor_patient_key = ?")) {
            s.setString(1, tolvan);
            s.setString(2, tolvan);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(1);
            }
        }
    }

    @Test
    void a_citizen_asking_for_another_patients_log_gets_403_and_nothing() throws Exception {
        // The other patient has records, so an empty answer could not pass for a refusal.
        get(
                "/CarePlan/" + STACK.contracts.ids.get("draft"),
                staff("SE2321000057-N702", "SE2321000057-VC01", "user/CarePlan.rs"),
                Map.of());

        HttpResponse<String> r = get("/AuditEvent?patient=Patient/" + other, citizen(TestContracts.TOLVAN), Map.of());
        HttpResponse<String> unnamed = get("/AuditEvent", citizen(TestContracts.TOLVAN), Map.of());

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(outcome(r)
                        .getIssueFirstRep()
                        .getDetails()
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo("GATEWAY-091");
        assertThat(r.body()).doesNotContain("\"resourceType\":\"AuditEvent\"").doesNotContain("SE2321000057-N702");
        assertThat(unnamed.statusCode()).isEqualTo(400);
        assertThat(unnamed.body()).doesNotContain("\"resourceType\":\"AuditEvent\"");
    }

    @Test
    void a_reviewer_sees_only_their_own_units_records() throws Exception {
        String plan = "/CarePlan/" + STACK.contracts.ids.get("active");
        get(plan, staff("SE2321000057-N703", "SE2321000057-VC01", "user/CarePlan.rs"), Map.of());
        get(plan, staff("SE2321000057-N704", "SE2321000057-VC02", "user/CarePlan.rs"), Map.of());
        String reviewer = staff("SE2321000057-R001", "SE2321000057-VC01", "user/AuditEvent.rs");

        HttpResponse<String> r = get("/AuditEvent?patient=Patient/" + tolvan + "&_count=100", reviewer, Map.of());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<AuditEvent> events = events(r);
        assertThat(events).extracting(AuditEventIT::userHsaId).contains("SE2321000057-N703");
        assertThat(events).extracting(AuditEventIT::userHsaId).doesNotContain("SE2321000057-N704");
        assertThat(events).allSatisfy(e -> assertThat(e.getAgent())
                .anySatisfy(
                        a -> assertThat(a.getWho().getIdentifier().getValue()).isEqualTo("SE2321000057-VC01")));
        String id = events.stream()
                .filter(e -> "SE2321000057-N703".equals(userHsaId(e)))
                .findFirst()
                .orElseThrow()
                .getIdElement()
                .getIdPart();
        assertThat(get("/AuditEvent/" + id, reviewer, Map.of()).statusCode()).isEqualTo(200);
        String otherUnit = staff("SE2321000057-R002", "SE2321000057-VC02", "user/AuditEvent.rs");
        HttpResponse<String> notTheirs = get("/AuditEvent/" + id, otherUnit, Map.of());
        assertThat(notTheirs.statusCode()).isEqualTo(404);
        assertThat(notTheirs.body()).doesNotContain("SE2321000057-N703");
    }

    @Test
    void analysts_and_wildcard_scopes_are_refused() throws Exception {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "anna");
        claims.put("scope", "user/AuditEvent.rs user/MeasureReport.rs");
        claims.put("hsa_id", "SE2321000057-A001");
        claims.put("care_unit", "SE2321000057-VC01");
        claims.put("org_type", "region");
        claims.put("roles", List.of("analyst"));
        String analyst = "Bearer " + TestTokens.token(claims);
        String wildcard = staff("SE2321000057-N705", "SE2321000057-VC01", "user/*.rs");
        String none = staff("SE2321000057-N706", "SE2321000057-VC01", "user/CarePlan.rs");

        for (String token : List.of(analyst, wildcard, none)) {
            HttpResponse<String> r = get("/AuditEvent?patient=Patient/" + tolvan, token, Map.of());
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).doesNotContain("\"resourceType\":\"AuditEvent\"");
        }
    }

    @Test
    void declared_emergency_access_is_flagged_and_found_by_reviewers() throws Exception {
        String plan = "/CarePlan/" + STACK.contracts.ids.get("active");
        String nurse = staff("SE2321000057-N707", "SE2321000057-VC01", "user/CarePlan.rs");
        get(plan, nurse, Map.of(EMERGENCY_HEADER, "Patienten medvetslos pa akuten"));
        get(plan, nurse, Map.of());
        String reviewer = staff("SE2321000057-R003", "SE2321000057-VC01", "user/AuditEvent.rs");

        HttpResponse<String> flagged = get("/AuditEvent?emergency=true&_count=100", reviewer, Map.of());

        assertThat(flagged.statusCode()).as(flagged.body()).isEqualTo(200);
        List<AuditEvent> events = events(flagged);
        assertThat(events).allSatisfy(e -> assertThat(e.getMeta().getTag())
                .anySatisfy(t -> assertThat(t.getCode()).isEqualTo("emergency")));
        AuditEvent mine = events.stream()
                .filter(e -> "SE2321000057-N707".equals(userHsaId(e)))
                .reduce((a, b) -> {
                    throw new AssertionError("one emergency read of N707 expected");
                })
                .orElseThrow();
        assertThat(mine.getPurposeOfEventFirstRep().getCodingFirstRep().getCode())
                .isEqualTo("ETREAT");
        assertThat(mine.getPurposeOfEventFirstRep().getText()).isEqualTo("Patienten medvetslos pa akuten");
        HttpResponse<String> citizenView =
                get("/AuditEvent?patient=Patient/" + tolvan + "&_count=100", citizen(TestContracts.TOLVAN), Map.of());
        assertThat(events(citizenView))
                .filteredOn(e -> "SE2321000057-N707".equals(userHsaId(e)))
                .hasSize(2)
                .filteredOn(e -> e.getMeta().hasTag())
                .hasSize(1);
    }

    @Test
    void answers_validate_and_errors_are_operation_outcomes() throws Exception {
        String nurse = staff("SE2321000057-N708", "SE2321000057-VC01", "user/CarePlan.rs");
        get("/CarePlan/" + STACK.contracts.ids.get("active"), nurse, Map.of(EMERGENCY_HEADER, "Nödläge"));
        get("/CarePlan?patient.identifier=" + TestContracts.PNR_SYSTEM + "|" + TestContracts.TOLVAN, nurse, Map.of());
        String reviewer = staff("SE2321000057-R004", "SE2321000057-VC01", "user/AuditEvent.rs");

        HttpResponse<String> page = get("/AuditEvent?patient=Patient/" + tolvan + "&_count=50", reviewer, Map.of());
        HttpResponse<String> byCitizen =
                get("/AuditEvent?patient=Patient/" + tolvan + "&_sort=date", citizen(TestContracts.TOLVAN), Map.of());
        HttpResponse<String> badSort = get("/AuditEvent?_sort=patient", reviewer, Map.of());
        HttpResponse<String> unknown = get("/AuditEvent/00000000-0000-4000-8000-000000000000", reviewer, Map.of());
        HttpResponse<String> future = get("/AuditEvent?date=ge2999-01-01", reviewer, Map.of());

        List<String> errors = new ArrayList<>();
        for (HttpResponse<String> r : List.of(page, byCitizen, badSort, unknown)) {
            var resource = FHIR.newJsonParser().parseResource(r.body());
            errors.addAll(Validations.errors("AuditEvent answer " + r.statusCode(), resource));
            if (resource instanceof Bundle b) {
                b.getEntry().forEach(e -> errors.addAll(Validations.errors("entry", e.getResource())));
            }
        }
        assertThat(errors).isEmpty();
        assertThat(events(page)).isNotEmpty();
        assertThat(recorded(events(byCitizen))).isSorted();
        assertThat(badSort.statusCode()).isEqualTo(400);
        assertThat(outcome(badSort)
                        .getIssueFirstRep()
                        .getDetails()
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo("GATEWAY-092");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(future.statusCode()).isEqualTo(200);
        assertThat(events(future)).isEmpty();
    }

    @Test
    void the_capability_statement_lists_audit_event_read_and_search() throws Exception {
        HttpResponse<String> r = get("/metadata", null, Map.of());

        var cs = FHIR.newJsonParser().parseResource(org.hl7.fhir.r4.model.CapabilityStatement.class, r.body());
        var audit = cs.getRestFirstRep().getResource().stream()
                .filter(x -> "AuditEvent".equals(x.getType()))
                .findFirst()
                .orElseThrow();
        assertThat(audit.getInteraction())
                .extracting(i -> i.getCode().toCode())
                .containsExactlyInAnyOrder("read", "search-type");
        assertThat(audit.getSearchParam()).extracting(p -> p.getName()).contains("patient", "date", "emergency");
    }

    private static String patientOf(AuditEvent e) {
        return e.getEntity().stream()
                .filter(x -> "1".equals(x.getRole().getCode()))
                .map(x -> x.getWhat().getReference())
                .findFirst()
                .orElse(null);
    }

    private static String userHsaId(AuditEvent e) {
        AuditEvent.AuditEventAgentComponent user = e.getAgentFirstRep();
        return user.getWho().hasIdentifier() ? user.getWho().getIdentifier().getValue() : null;
    }

    private static List<java.util.Date> recorded(List<AuditEvent> events) {
        return events.stream().map(AuditEvent::getRecorded).toList();
    }

    private static List<AuditEvent> events(HttpResponse<String> r) {
        Bundle b = FHIR.newJsonParser().parseResource(Bundle.class, r.body());
        return b.getEntry().stream().map(e -> (AuditEvent) e.getResource()).toList();
    }

    private static OperationOutcome outcome(HttpResponse<String> r) {
        return FHIR.newJsonParser().parseResource(OperationOutcome.class, r.body());
    }

    private static HttpResponse<String> get(String path, String authorization, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(STACK.gateway.fhirBase() + path.replace("|", "%7C")))
                .header("Accept", "application/fhir+json")
                .GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
