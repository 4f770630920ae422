package se.naravard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceInteractionComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemInteractionComponent;
import org.junit.jupiter.api.Test;

/**
 * Every FHIR interaction the gateway declares in its CapabilityStatement, by every kind of caller,
 * against real data: allowed (any answer but 401/403: a write sent without {@code If-Match}, or a
 * body the gateway refuses, proves it got past the access checks without changing anything), refused
 * (403) or unauthenticated (401). The interactions come from the running server, so a new one without
 * a row in {@link #EXPECTED} (and a way to call it in {@link #request}) fails this test: no route
 * without a rule.
 */
class AuthorizationMatrixIT {

    private static final GatewayStack STACK = GatewayStack.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    enum Outcome {
        ALLOWED,
        FORBIDDEN,
        UNAUTHENTICATED
    }

    /** The callers, each with every scope its kind may hold, so only the access rules tell them apart. */
    enum Actor {
        ANONYMOUS,
        CITIZEN_OWN,
        CITIZEN_OTHER,
        RELATED_NURSE,
        UNRELATED_NURSE,
        OTHER_KOMMUN_NURSE,
        REGION_SYSTEM,
        ANALYST,
        /** Staff of Vårdcentralen Öster with the one scope that reviews the access log. */
        LOG_REVIEWER,
        /** An analyst with the follow-up scopes (user/Measure.rs user/MeasureReport.rs). */
        FOLLOWUP_ANALYST,
        /** A manager: staff of Vårdcentralen Öster with the follow-up scopes and nothing else. */
        MANAGER,
        /** Kommun 0680's documentation system, with the Subscription scopes only: subscriptions are its alone. */
        MUNICIPAL_SYSTEM
    }

    /** The follow-up aggregates: analysts and managers with scopes naming the types (issue 9). */
    private static final Set<String> AGGREGATES = Set.of("Measure", "MeasureReport");

    private static final Set<String> READS = Set.of("read", "vread", "history-instance", "search-type");
    private static final Set<String> NEW_DATA = Set.of("create", "transaction");

    /** What each caller may do on {@code type}; {@code interaction} is a CapabilityStatement code. */
    static Outcome expected(Actor actor, String type, String interaction) {
        if (actor == Actor.ANONYMOUS) {
            return Outcome.UNAUTHENTICATED;
        }
        if (type != null && AGGREGATES.contains(type)) {
            // A wildcard (user/*.cruds of the clinicians, the analyst without follow-up scopes) grants none.
            return actor == Actor.FOLLOWUP_ANALYST || actor == Actor.MANAGER ? Outcome.ALLOWED : Outcome.FORBIDDEN;
        }
        if (actor == Actor.FOLLOWUP_ANALYST || actor == Actor.MANAGER) {
            return Outcome.FORBIDDEN; // no scope for anything else (and an analyst sees no patient data)
        }
        if ("Subscription".equals(type)) {
            // A municipal system's own subscriptions: nobody else's, not even a region system with every scope.
            return actor == Actor.MUNICIPAL_SYSTEM ? Outcome.ALLOWED : Outcome.FORBIDDEN;
        }
        if ("AuditEvent".equals(type)) {
            // The log's own rules: the citizen their own, a reviewer (an explicit AuditEvent scope, no
            // wildcard) their unit's entries, nobody else.
            return actor == Actor.CITIZEN_OWN || actor == Actor.LOG_REVIEWER ? Outcome.ALLOWED : Outcome.FORBIDDEN;
        }
        if ("OperationDefinition".equals(type)) {
            // HAPI's own definitions: no patient's data, but nothing for citizens and analysts either.
            return Set.of(Actor.RELATED_NURSE, Actor.UNRELATED_NURSE, Actor.OTHER_KOMMUN_NURSE, Actor.REGION_SYSTEM)
                            .contains(actor)
                    ? Outcome.ALLOWED
                    : Outcome.FORBIDDEN;
        }
        return switch (actor) {
            case ANONYMOUS -> Outcome.UNAUTHENTICATED;
                // Not Tasks: the deadline clocks and call-in tasks are the principals' internal work (and Task
                // is not in R4's Patient compartment).
            case CITIZEN_OWN -> READS.contains(interaction) && !"Task".equals(type)
                    ? Outcome.ALLOWED
                    : Outcome.FORBIDDEN;
            case CITIZEN_OTHER, ANALYST, LOG_REVIEWER, FOLLOWUP_ANALYST, MANAGER, MUNICIPAL_SYSTEM -> Outcome.FORBIDDEN;
            case RELATED_NURSE, REGION_SYSTEM -> Outcome.ALLOWED;
                // Creating a contract or a message names a new relation; the services' own rules (part
                // owners, the episode's sender) decide the rest.
            case UNRELATED_NURSE, OTHER_KOMMUN_NURSE -> NEW_DATA.contains(interaction)
                    ? Outcome.ALLOWED
                    : Outcome.FORBIDDEN;
        };
    }

    /** Every interaction this test knows how to call, per type; the CapabilityStatement must not hold more. */
    private static final Map<String, Set<String>> EXPECTED = Map.ofEntries(
            Map.entry("CarePlan", Set.of("read", "vread", "history-instance", "search-type", "create", "update")),
            Map.entry("CareTeam", Set.of("read", "vread", "history-instance", "search-type", "update")),
            Map.entry("Goal", Set.of("read", "vread", "history-instance", "search-type", "update")),
            Map.entry("Encounter", Set.of("read", "vread", "history-instance", "search-type")),
            Map.entry("Communication", Set.of("read", "search-type", "create")),
            Map.entry("Task", Set.of("read", "search-type", "update")),
            Map.entry("Consent", Set.of("read", "vread", "history-instance", "search-type", "create", "update")),
            // create: a SIP meeting planned (the SIP's sharing rules are checked before anything is sent); update:
            // one recorded as held.
            Map.entry("Appointment", Set.of("read", "vread", "history-instance", "search-type", "create", "update")),
            Map.entry("Patient", Set.of("read", "search-type")),
            Map.entry("AuditEvent", Set.of("read", "search-type")),
            Map.entry("Measure", Set.of("read", "search-type")),
            Map.entry("MeasureReport", Set.of("read", "search-type")),
            Map.entry("Subscription", Set.of("read", "search-type", "create", "update", "delete")),
            Map.entry("OperationDefinition", Set.of("read")));

    /** Every operation the server declares, and the type it is on (null: the system level). */
    private static final Map<String, String> OPERATIONS = operations();

    private static Map<String, String> operations() {
        Map<String, String> ops = new HashMap<>();
        ops.put("evaluate-measure", "Measure");
        // A kommun's payment liability: as the aggregates (the matrix's manager is the region's, who sees
        // every kommun; a kommun's manager only their own: DashboardIT).
        ops.put("liability", "MeasureReport");
        ops.put("export", null);
        ops.put("export-poll-status", null);
        ops.put("export-download", null);
        ops.put("status", "Subscription");
        ops.put("events", "Subscription");
        return ops;
    }

    /** The bulk export (system-level operations): analysts with user/MeasureReport.rs only. */
    static Outcome expectedOperation(Actor actor, String type) {
        if (type != null) {
            return expected(actor, type, "operation");
        }
        if (actor == Actor.ANONYMOUS) {
            return Outcome.UNAUTHENTICATED;
        }
        return actor == Actor.FOLLOWUP_ANALYST ? Outcome.ALLOWED : Outcome.FORBIDDEN;
    }

    @Test
    void every_declared_interaction_by_every_kind_of_caller() throws Exception {
        CapabilityStatement cs = FHIR.newJsonParser()
                .parseResource(
                        CapabilityStatement.class,
                        send("GET", "/metadata", null, null).body());
        Map<String, Set<String>> declared = new LinkedHashMap<>();
        List<String> system = new ArrayList<>();
        for (CapabilityStatementRestComponent rest : cs.getRest()) {
            for (CapabilityStatementRestResourceComponent r : rest.getResource()) {
                Set<String> codes = new java.util.TreeSet<>();
                for (ResourceInteractionComponent i : r.getInteraction()) {
                    codes.add(i.getCode().toCode());
                }
                declared.put(r.getType(), codes);
            }
            for (SystemInteractionComponent i : rest.getInteraction()) {
                system.add(i.getCode().toCode());
            }
        }
        assertThat(declared)
                .as("every interaction the server declares has a rule here (and nothing more is expected)")
                .isEqualTo(new java.util.TreeMap<>(EXPECTED));
        assertThat(system).containsExactly("transaction");
        Map<String, String> operations = new java.util.TreeMap<>();
        for (CapabilityStatementRestComponent rest : cs.getRest()) {
            rest.getOperation().forEach(o -> operations.put(o.getName(), null));
            for (CapabilityStatementRestResourceComponent r : rest.getResource()) {
                r.getOperation().forEach(o -> operations.put(o.getName(), r.getType()));
            }
        }
        assertThat(operations)
                .as("every operation the server declares has a rule here")
                .isEqualTo(new java.util.TreeMap<>(OPERATIONS));

        Targets t = Targets.find();
        Map<Actor, String> tokens = tokens();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, Set<String>> type : declared.entrySet()) {
            for (String interaction : type.getValue()) {
                for (Actor actor : Actor.values()) {
                    checked += check(actor, tokens, t, type.getKey(), interaction, wrong);
                }
            }
        }
        for (Actor actor : Actor.values()) {
            checked += check(actor, tokens, t, null, "transaction", wrong);
            for (Map.Entry<String, String> op : OPERATIONS.entrySet()) {
                checked += check(actor, tokens, t, op.getValue(), op.getKey(), wrong);
            }
        }
        assertThat(wrong).as("%d requests checked", checked).isEmpty();
    }

    private static int check(
            Actor actor, Map<Actor, String> tokens, Targets t, String type, String interaction, List<String> wrong)
            throws IOException, InterruptedException {
        Request r = request(t, actor, type, interaction);
        String token =
                switch (actor) {
                    case CITIZEN_OWN -> citizen(
                            type == null ? "191212121212" : t.owner().get(type));
                    case CITIZEN_OTHER -> citizen("194601072376"); // a test person with no data here
                    default -> tokens.get(actor);
                };
        HttpResponse<String> answer = send(r.method(), r.path(), r.body(), token);
        Outcome got =
                switch (answer.statusCode()) {
                    case 401 -> Outcome.UNAUTHENTICATED;
                    case 403 -> Outcome.FORBIDDEN;
                        // The log's entries outside the caller's view are "not found" (not even their
                        // existence is told): a refusal too.
                    case 404 -> "AuditEvent".equals(type) && "read".equals(interaction)
                            ? Outcome.FORBIDDEN
                            : Outcome.ALLOWED;
                    default -> Outcome.ALLOWED;
                };
        Outcome want = OPERATIONS.containsKey(interaction)
                ? expectedOperation(actor, type)
                : expected(actor, type, interaction);
        if (got != want) {
            wrong.add(actor + " " + r.method() + " " + r.path() + ": " + answer.statusCode() + ", expected " + want);
        }
        if (got != Outcome.ALLOWED) {
            assertThat(answer.body())
                    .as("a refusal discloses nothing: %s %s", actor, r.path())
                    .doesNotContain("\"resourceType\":\"" + (type == null ? "Bundle" : type) + "\"")
                    .doesNotContain("191212121212")
                    .doesNotContain("199006022397");
        }
        if (answer.statusCode() >= 500) {
            wrong.add(actor + " " + r.method() + " " + r.path() + ": " + answer.statusCode());
        }
        return 1;
    }

    record Request(String method, String path, String body) {}

    /** The resources the matrix is tried on: Tolvan's, and (for SIP content) 19900602-2397's. */
    record Targets(
            String tolvan,
            String sipPerson,
            Map<String, String> ids,
            Map<String, IBaseResource> current,
            Map<String, String> owner) {

        static Targets find() {
            IGenericClient fhir = GatewayStack.client(STACK.gateway.fhirBase());
            String contract = STACK.contracts.ids.get("active");
            String episode = STACK.episodes.ids.get("utskrivningsklar");
            String sip = STACK.sips.ids.get("active");
            Map<String, String> ids = new HashMap<>();
            ids.put("CarePlan", contract);
            ids.put("CareTeam", contract);
            ids.put("Goal", contract + "-1");
            ids.put("Encounter", episode);
            ids.put("Communication", first(fhir, "Communication?encounter=Encounter/" + episode));
            ids.put("Task", first(fhir, "Task?encounter=Encounter/" + episode));
            ids.put("Consent", "sip-" + sip + "-c1");
            ids.put("Appointment", "sip-" + sip + "-m1");
            String tolvan = AccessRulesIT.key("191212121212");
            String sipPerson = AccessRulesIT.key("199006022397");
            ids.put("Patient", tolvan);
            // An entry a reviewer of Vårdcentralen Öster sees and Tolvan too: a read by its nurse.
            Map<String, Object> vc01 = nurse("SE2321000057-N001", "SE2321000057-VC01", "region", null);
            GatewayStack.client(STACK.gateway.fhirBase(), TestTokens.token(vc01))
                    .read()
                    .resource("CarePlan")
                    .withId(contract)
                    .execute();
            vc01.put("scope", "user/AuditEvent.rs");
            ids.put(
                    "AuditEvent",
                    first(
                            GatewayStack.client(STACK.gateway.fhirBase(), TestTokens.token(vc01)),
                            "AuditEvent?patient=Patient/" + tolvan));
            ids.put("OperationDefinition", "no-such-definition");
            ids.put("Measure", "complete-contracts");
            ids.put("MeasureReport", "complete-contracts-2025-03");
            ids.put("Subscription", newSubscription());
            Map<String, IBaseResource> current = new HashMap<>();
            Map<String, String> owner = new HashMap<>();
            for (Map.Entry<String, String> e : ids.entrySet()) {
                if (Set.of("AuditEvent", "OperationDefinition", "Measure", "MeasureReport")
                        .contains(e.getKey())) {
                    owner.put(e.getKey(), "191212121212");
                    continue;
                }
                if ("Subscription".equals(e.getKey())) {
                    owner.put(e.getKey(), "191212121212");
                    current.put(
                            e.getKey(),
                            GatewayStack.client(STACK.gateway.fhirBase(), municipalSystem())
                                    .read()
                                    .resource("Subscription")
                                    .withId(e.getValue())
                                    .execute());
                    continue;
                }
                current.put(
                        e.getKey(),
                        fhir.read().resource(e.getKey()).withId(e.getValue()).execute());
                owner.put(
                        e.getKey(),
                        Set.of("Consent", "Appointment").contains(e.getKey()) ? "199006022397" : "191212121212");
            }
            return new Targets(tolvan, sipPerson, ids, current, owner);
        }

        private static String first(IGenericClient fhir, String search) {
            Bundle b = fhir.search().byUrl(search).returnBundle(Bundle.class).execute();
            return b.getEntryFirstRep().getResource().getIdElement().getIdPart();
        }

        String patientOf(String type) {
            return "199006022397".equals(owner.get(type)) ? sipPerson : tolvan;
        }
    }

    /** A subscription of kommun 0680's system (its endpoint refuses the handshake: it stays in error). */
    static String newSubscription() {
        String body = "{\"resourceType\":\"Subscription\",\"status\":\"requested\",\"reason\":\"matrix\","
                + "\"criteria\":\"https://naravard.se/fhir/SubscriptionTopic/transition-message\","
                + "\"_criteria\":{\"extension\":[{\"url\":\"http://hl7.org/fhir/uv/subscriptions-backport/"
                + "StructureDefinition/backport-filter-criteria\",\"valueString\":\"Communication?kommun=0680\"}]},"
                + "\"channel\":{\"type\":\"rest-hook\",\"endpoint\":\"" + GatewayInstance.nowhere() + "/hook\"}}";
        try {
            HttpResponse<String> r = send("POST", "/Subscription", body, municipalSystem());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            return FHIR.newJsonParser()
                    .parseResource(org.hl7.fhir.r4.model.Subscription.class, r.body())
                    .getIdElement()
                    .getIdPart();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static String municipalSystem() {
        return TestTokens.token(Map.of(
                "sub", "jonkoping-system",
                "scope", "system/Subscription.cruds",
                "hsa_id", "SE2120000530-SYS1",
                "org_type", "kommun",
                "kommun", "0680"));
    }

    static Request request(Targets t, Actor actor, String type, String interaction) {
        switch (interaction) {
            case "evaluate-measure" -> {
                return new Request(
                        "GET",
                        "/Measure/complete-contracts/$evaluate-measure?periodStart=2025-03-01&periodEnd=2025-03-31",
                        null);
            }
            case "liability" -> {
                return new Request("GET", "/MeasureReport/$liability?kommun=0680&period=2025-03", null);
            }
                // Without Prefer: respond-async: past the access checks it is a 400, never a job.
            case "export" -> {
                return new Request("GET", "/$export", null);
            }
            case "export-poll-status" -> {
                return new Request("GET", "/$export-poll-status?_jobId=" + java.util.UUID.randomUUID(), null);
            }
            case "export-download" -> {
                return new Request("GET", "/$export-download?_jobId=" + java.util.UUID.randomUUID() + "&_file=1", null);
            }
            case "status" -> {
                return new Request("GET", "/Subscription/" + t.ids().get("Subscription") + "/$status", null);
            }
            case "events" -> {
                return new Request("GET", "/Subscription/" + t.ids().get("Subscription") + "/$events", null);
            }
            default -> {}
        }
        if ("Subscription".equals(type) && "search-type".equals(interaction)) {
            return new Request("GET", "/Subscription", null);
        }
        if ("Subscription".equals(type) && "delete".equals(interaction)) {
            return new Request("DELETE", "/Subscription/" + newSubscription(), null); // a new one each time
        }
        if (type == null) {
            Bundle empty = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            return new Request("POST", "", FHIR.newJsonParser().encodeResourceToString(empty));
        }
        String id = t.ids().get(type);
        return switch (interaction) {
            case "read" -> new Request("GET", "/" + type + "/" + id, null);
            case "vread" -> new Request(
                    "GET",
                    "/" + type + "/" + id + "/_history/"
                            + t.current().get(type).getMeta().getVersionId(),
                    null);
            case "history-instance" -> new Request("GET", "/" + type + "/" + id + "/_history", null);
            case "search-type" -> new Request(
                    "GET",
                    "Measure".equals(type)
                            ? "/Measure"
                            : "MeasureReport".equals(type)
                                    ? "/MeasureReport?period=2025-03"
                                    : "Patient".equals(type)
                                            ? "/Patient?identifier=http://electronichealth.se/identifier/personnummer%7C191212121212"
                                            : "/" + type + "?patient=Patient/" + t.patientOf(type),
                    null);
                // The resource as it is, without If-Match: past the access checks it is 428, never a change.
            case "update" -> new Request(
                    "PUT",
                    "/" + type + "/" + id,
                    FHIR.newJsonParser().encodeResourceToString(t.current().get(type)));
                // A resource of the type with nothing in it: past the access checks it is a 4xx, never stored.
            case "create" -> new Request("POST", "/" + type, "{\"resourceType\":\"" + type + "\"}");
            default -> throw new AssertionError(
                    "no way to call " + interaction + " on " + type + ": add it to this test with its rule");
        };
    }

    private static Map<Actor, String> tokens() {
        Map<Actor, String> tokens = new HashMap<>();
        tokens.put(
                Actor.RELATED_NURSE, TestTokens.token(nurse("SE2321000057-N001", "SE2321000057-VC01", "region", null)));
        tokens.put(
                Actor.UNRELATED_NURSE,
                TestTokens.token(nurse("SE2321000057-N097", "SE2321000057-VC97", "region", null)));
        tokens.put(
                Actor.OTHER_KOMMUN_NURSE,
                TestTokens.token(nurse("SE2120000999-N010", "SE2120000999-HT01", "kommun", "0684")));
        tokens.put(Actor.REGION_SYSTEM, TestTokens.journalSystem());
        Map<String, Object> analyst = nurse("SE2321000057-A001", "SE2321000057-ANA1", "region", null);
        analyst.put("roles", List.of("analyst"));
        tokens.put(Actor.ANALYST, TestTokens.token(analyst));
        Map<String, Object> reviewer = nurse("SE2321000057-N001", "SE2321000057-VC01", "region", null);
        reviewer.put("scope", "user/AuditEvent.rs");
        tokens.put(Actor.LOG_REVIEWER, TestTokens.token(reviewer));
        Map<String, Object> followUpAnalyst = nurse("SE2321000057-A001", "SE2321000057-ANA1", "region", null);
        followUpAnalyst.put("roles", List.of("analyst"));
        followUpAnalyst.put("scope", "user/Measure.rs user/MeasureReport.rs");
        tokens.put(Actor.FOLLOWUP_ANALYST, TestTokens.token(followUpAnalyst));
        Map<String, Object> manager = nurse("SE2321000057-M001", "SE2321000057-VC01", "region", null);
        manager.put("scope", "user/Measure.rs user/MeasureReport.rs");
        tokens.put(Actor.MANAGER, TestTokens.token(manager));
        tokens.put(Actor.MUNICIPAL_SYSTEM, municipalSystem());
        return tokens;
    }

    private static Map<String, Object> nurse(String hsaId, String unit, String orgType, String kommun) {
        Map<String, Object> c = AccessRulesIT.staff(hsaId, unit, orgType, kommun);
        c.put("scope", "user/*.cruds");
        return c;
    }

    static String citizen(String personnummer) {
        return TestTokens.token(
                Map.of("sub", "citizen-" + personnummer, "scope", "patient/*.rs", "personnummer", personnummer));
    }

    private static HttpResponse<String> send(String method, String path, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(STACK.gateway.fhirBase() + path))
                .header("Accept", "application/fhir+json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/fhir+json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = b.build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException closed) {
            // Jetty closes a connection whose request body was refused unread (401/403 before the
            // body is read); the client may have pooled it meanwhile. Once more, on a new connection.
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
